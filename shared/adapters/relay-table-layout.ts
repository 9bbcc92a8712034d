/**
 * The layout of the relay table beyond its `id` key, shared by the job
 * store, `serverless.yml` (checked by the template test) and the local
 * table. Idempotency records and alarm cool-downs have none of these
 * attributes, so every index is sparse: they hold job records only.
 */

/**
 * Open jobs, least recently checked first: the reconciler's work list. A
 * job record carries {@link OPEN_JOBS_PARTITION_ATTRIBUTE} until its
 * outcome is published (or the reconciler closes it), and always a
 * {@link CHECK_ORDER_ATTRIBUTE}.
 */
export const CHECK_QUEUE_INDEX = 'check-queue';

/**
 * Partition key of {@link CHECK_QUEUE_INDEX} and of {@link OPEN_JOBS_INDEX}:
 * present while the job is open, {@link OPEN_JOBS_PARTITION} on every record
 * this version writes.
 */
export const OPEN_JOBS_PARTITION_ATTRIBUTE = 'openShard';

/**
 * The value of {@link OPEN_JOBS_PARTITION_ATTRIBUTE} on the records this
 * version writes. Restores start at most 5/s per account, far below one
 * partition's 1,000 writes/s, so one partition is enough
 * (https://docs.aws.amazon.com/general/latest/gr/bk.html).
 */
export const OPEN_JOBS_PARTITION = 'queued';

/**
 * Sort key of {@link CHECK_QUEUE_INDEX}: {@link checkOrderOf}. Text order is
 * check order: never checked first (by start time), then by last check.
 */
export const CHECK_ORDER_ATTRIBUTE = 'checkOrder';

/** The {@link CHECK_ORDER_ATTRIBUTE} prefix of a job never checked. */
export const NEVER_CHECKED_PREFIX = '0#';

/** The {@link CHECK_ORDER_ATTRIBUTE} prefix of a job checked before. */
export const CHECKED_PREFIX = '1#';

/**
 * The check order of a job: `0#<startedAt>` until the reconciler first
 * checks it, then `1#<lastCheckedAt>`. Both are ISO-8601 UTC, so the index
 * lists never-checked jobs oldest first, then the least recently checked.
 *
 * @example
 * ```ts
 * checkOrderOf({ startedAt: '2026-03-01T04:00:00.000Z' }); // '0#2026-03-01T04:00:00.000Z'
 * ```
 */
export const checkOrderOf = (job: {
  readonly startedAt: string;
  readonly lastCheckedAt?: string;
}): string =>
  job.lastCheckedAt === undefined
    ? `${NEVER_CHECKED_PREFIX}${job.startedAt}`
    : `${CHECKED_PREFIX}${job.lastCheckedAt}`;

/**
 * Open jobs as releases before {@link CHECK_QUEUE_INDEX} wrote them: with
 * {@link LEGACY_OPEN_JOBS_PARTITION} and no check order, oldest first.
 * CloudFormation cannot change an index's key schema, nor add one index and
 * delete another in one update
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html),
 * so this index stays for one release: the reconciler reads it first, and
 * each record it checks moves to {@link CHECK_QUEUE_INDEX}. Once it is
 * empty (it only shrinks), the next release drops it.
 */
export const OPEN_JOBS_INDEX = 'open-jobs';

/** The value of {@link OPEN_JOBS_PARTITION_ATTRIBUTE} earlier releases wrote. */
export const LEGACY_OPEN_JOBS_PARTITION = 'open';

/** Jobs of one request key, newest first: `status --request-id`. */
export const REQUEST_JOBS_INDEX = 'by-request';

/** Partition key of {@link REQUEST_JOBS_INDEX}. */
export const REQUEST_ID_ATTRIBUTE = 'requestId';

/**
 * Sort key of {@link OPEN_JOBS_INDEX} and {@link REQUEST_JOBS_INDEX}:
 * ISO-8601 UTC, so text order is time order.
 */
export const STARTED_AT_ATTRIBUTE = 'startedAt';
