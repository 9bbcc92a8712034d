/**
 * The layout of the relay table beyond its `id` key, shared by the job
 * store, `serverless.yml` (checked by the template test) and the local
 * table. Idempotency records and alarm cool-downs have none of these
 * attributes, so both indexes are sparse: they hold job records only.
 */

/**
 * Open jobs, oldest first: the reconciler's work list. A job record carries
 * {@link OPEN_JOBS_PARTITION_ATTRIBUTE} until its outcome is published.
 */
export const OPEN_JOBS_INDEX = 'open-jobs';

/** Partition key of {@link OPEN_JOBS_INDEX}; always {@link OPEN_JOBS_PARTITION}. */
export const OPEN_JOBS_PARTITION_ATTRIBUTE = 'openShard';

/**
 * The one value of {@link OPEN_JOBS_PARTITION_ATTRIBUTE}. Restores start at
 * most 5/s per account (reliability-and-limits.md §1), far below one
 * partition's 1,000 writes/s, so one partition is enough.
 */
export const OPEN_JOBS_PARTITION = 'open';

/** Jobs of one request key, newest first: `status --request-id`. */
export const REQUEST_JOBS_INDEX = 'by-request';

/** Partition key of {@link REQUEST_JOBS_INDEX}. */
export const REQUEST_ID_ATTRIBUTE = 'requestId';

/** Sort key of both indexes: ISO-8601 UTC, so text order is time order. */
export const STARTED_AT_ATTRIBUTE = 'startedAt';
