import type { RecoveryPoint } from './recovery-point.js';

/** The filters of a `latest` selection, after policy narrowed them. */
export interface RecoveryPointFilters {
  readonly resourceArn: string;
  /** Only points in these vaults; undefined means any vault. */
  readonly vaults?: ReadonlySet<string>;
  /** Only points created strictly before this instant. */
  readonly before?: Date;
  /** Only points created strictly after this instant. */
  readonly after?: Date;
}

/**
 * The recovery point statuses a restore may start from. `DescribeRecoveryPoint`
 * and `ListRecoveryPointsByResource` report a finished backup as `COMPLETED`
 * or `AVAILABLE` (both in the `Status` enum); `PARTIAL`, `EXPIRED`,
 * `DELETING`, `STOPPED` and `CREATING` are not restorable.
 *
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRecoveryPoint.html#Backup-DescribeRecoveryPoint-response-Status
 */
export const RESTORABLE_STATUSES: ReadonlySet<string> = new Set([
  'COMPLETED',
  'AVAILABLE',
]);

/** {@link RESTORABLE_STATUSES} in words, for messages. */
export const RESTORABLE_STATUS_TEXT = [...RESTORABLE_STATUSES].join(' or ');

/**
 * The newest restorable point that passes the filters. AWS does not
 * document the order of `ListRecoveryPointsByResource`, so every point is
 * looked at.
 *
 * @example
 * ```ts
 * selectLatest(points, { resourceArn, before: new Date('2026-03-01T04:00:00Z') });
 * ```
 */
export const selectLatest = (
  points: readonly RecoveryPoint[],
  filters: RecoveryPointFilters
): RecoveryPoint | undefined => {
  let best: RecoveryPoint | undefined;
  for (const p of points) {
    const created = p.creationDate?.getTime();
    if (
      !RESTORABLE_STATUSES.has(p.status) ||
      created === undefined ||
      (filters.vaults !== undefined &&
        !filters.vaults.has(p.backupVaultName)) ||
      (filters.before !== undefined && created >= filters.before.getTime()) ||
      (filters.after !== undefined && created <= filters.after.getTime())
    ) {
      continue;
    }
    if (best === undefined || created > (best.creationDate?.getTime() ?? 0)) {
      best = p;
    }
  }
  return best;
};

/**
 * The filters in words, for "not found" messages.
 *
 * @example
 * ```ts
 * describeFilters(f); // 'resource arn:…, status COMPLETED or AVAILABLE, vaults a, b, created before 2026-…'
 * ```
 */
export const describeFilters = (
  filters: RecoveryPointFilters,
  seen: number
): string =>
  [
    `resource ${filters.resourceArn}`,
    `status ${RESTORABLE_STATUS_TEXT}`,
    filters.vaults && `vaults ${[...filters.vaults].join(', ')}`,
    filters.after && `created after ${filters.after.toISOString()}`,
    filters.before && `created before ${filters.before.toISOString()}`,
    `${seen} recovery point(s) of the resource looked at`,
  ]
    .filter(Boolean)
    .join('; ');
