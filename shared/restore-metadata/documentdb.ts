import { createClusterBuilder } from './cluster-builder.js';

/**
 * DocumentDB cluster restore metadata (docs/resource-types.md#documentdb): the
 * Aurora key list, with `dbClusterIdentifier` and `engine` (`docdb`) as the
 * required pair.
 */
export const documentDbMetadataBuilder = createClusterBuilder({
  resourceType: 'DocumentDB',
  engines: ['docdb'],
  pointInTime: false,
});
