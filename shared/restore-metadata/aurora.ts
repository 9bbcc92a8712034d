import { createClusterBuilder } from './cluster-builder.js';

/**
 * Aurora cluster restore metadata (docs/resource-types.md#aurora): a snapshot
 * restore maps to RDS `RestoreDBClusterFromSnapshot`, a continuous point to
 * `RestoreDBClusterToPointInTime`. Only the cluster is restored; instances
 * are created afterwards.
 */
export const auroraMetadataBuilder = createClusterBuilder({
  resourceType: 'Aurora',
  engines: ['aurora', 'aurora-mysql', 'aurora-postgresql'],
  pointInTime: true,
});
