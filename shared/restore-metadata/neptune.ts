import { createClusterBuilder } from './cluster-builder.js';

/**
 * Neptune cluster restore metadata (restore-metadata.md §3.11): the
 * DocumentDB (that is, Aurora) key list, with engine `neptune`.
 */
export const neptuneMetadataBuilder = createClusterBuilder({
  resourceType: 'Neptune',
  engines: ['neptune'],
  pointInTime: false,
});
