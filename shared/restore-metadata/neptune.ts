import { createClusterBuilder } from './cluster-builder.js';

/**
 * Neptune cluster restore metadata (docs/resource-types.md#neptune): the
 * DocumentDB (that is, Aurora) key list, with engine `neptune`.
 */
export const neptuneMetadataBuilder = createClusterBuilder({
  resourceType: 'Neptune',
  engines: ['neptune'],
  pointInTime: false,
});
