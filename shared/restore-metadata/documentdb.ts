import { createClusterBuilder } from './cluster-builder.js';

/**
 * DocumentDB cluster restore metadata (restore-metadata.md §3.4): the
 * Aurora key list, with `dbClusterIdentifier` and `engine` (`docdb`) as the
 * required pair.
 */
export const documentDbMetadataBuilder = createClusterBuilder({
  resourceType: 'DocumentDB',
  engines: ['docdb'],
  pointInTime: false,
});
