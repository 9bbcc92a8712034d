import { BackupRestoreJobReader } from '../adapters/backup-restore-job-reader.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { getBackupClient } from '../clients/backup-client.js';
import { getDynamoDBClient } from '../clients/dynamodb-client.js';
import type { SdkSettings } from '../clients/sdk-settings.js';
import { systemClock } from '../domain/clock.js';
import { isTerminalStatus } from '../events/restore-job-state-change.js';
import {
  type FindJobStatusDeps,
  findJobStatus,
  type JobQuery,
  type JobStatus,
} from '../use-cases/find-job-status.js';
import type { CommandIo } from './plan-command.js';

/** Exit codes of `restore status` and `restore wait`. */
export const EXIT = {
  /** status: shown; wait: the job COMPLETED. */
  ok: 0,
  /** wait: the job FAILED or was ABORTED; both: AWS or the table failed. */
  failed: 1,
  /** Bad arguments, or no such job. */
  usage: 2,
  /** wait: `--timeout` passed before the job ended (as timeout(1) does). */
  timeout: 124,
} as const;

/** The ports the commands read, and how `wait` passes time. */
export interface StatusCommandDeps extends FindJobStatusDeps {
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
}

// The CLI runs on a laptop or in CI: a little more patience than a Lambda.
const CLI_SDK: SdkSettings = {
  requestTimeoutMs: 10_000,
  connectionTimeoutMs: 3_000,
  maxAttempts: 5,
};

/**
 * The commands' production deps: AWS Backup for the job's state, and the
 * relay table (`RELAY_TABLE_NAME`, as the stack's `TableName` output) for
 * its record. Without a table only `--job-id` works, from AWS alone.
 */
export const statusCommandDeps = (env: CommandIo['env']): StatusCommandDeps => {
  const tableName = env.RELAY_TABLE_NAME?.trim();
  return {
    reader: new BackupRestoreJobReader({ client: getBackupClient(CLI_SDK) }),
    ...(tableName === undefined || tableName === ''
      ? {}
      : {
          jobs: new DynamoDbJobStore({
            client: getDynamoDBClient(CLI_SDK),
            tableName,
            ttlSeconds: 0,
            clock: systemClock,
          }),
        }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => new Date(),
  };
};

const line = (label: string, value: string | number | undefined): string =>
  value === undefined ? '' : `  ${label.padEnd(16)}${value}\n`;

/** A job's status as a few aligned lines (no metadata: none is stored). */
export const formatJobStatus = (status: JobStatus): string => {
  const { record, aws } = status;
  const outcome = record?.outcome as
    | { type?: string; detectedBy?: string }
    | undefined;
  return [
    `restore job ${status.restoreJobId}\n`,
    line('request', record?.requestId),
    line('source', record?.source),
    line('started', record?.startedAt),
    line('recovery point', record?.recoveryPointArn ?? aws?.recoveryPointArn),
    line('vault', record?.backupVaultName ?? aws?.backupVaultName),
    line('resource type', record?.resourceType ?? aws?.resourceType),
    line(
      'AWS status',
      aws === undefined
        ? 'unknown to AWS Backup'
        : [aws.status, aws.percentDone].filter(Boolean).join(' ')
    ),
    line('created', aws?.creationDate),
    line('completed', aws?.completionDate),
    line('restored as', aws?.createdResourceArn),
    line('message', aws?.statusMessage),
    line(
      'outcome',
      record === undefined
        ? 'not tracked by restore-relay'
        : outcome?.type === undefined
          ? 'not published yet'
          : record.outcomePublishedAt === undefined
            ? // Closed by the reconciler: AWS Backup no longer knew the job.
              `none: closed as ${record.status} with ${outcome.type} at ${record.stalePublishedAt}`
            : `${outcome.type} at ${record.outcomePublishedAt} (from the ${outcome.detectedBy === 'reconciler' ? 'reconciler' : 'AWS Backup event'})`
    ),
    line('last checked', record?.lastCheckedAt),
    line('stale warning', record?.stalePublishedAt),
    line('waiting tasks', record?.taskTokens.length || undefined),
  ].join('');
};

const notFound = (query: JobQuery): string =>
  'requestId' in query
    ? `no restore job for request "${query.requestId}" in the relay table`
    : `no restore job "${query.restoreJobId}" in the relay table or AWS Backup`;

/**
 * `restore status`: the job's record and its current AWS state.
 *
 * @returns 0 shown, 2 no such job, 1 AWS or the table failed
 */
export const statusCommand = async (
  query: JobQuery,
  options: { readonly json: boolean },
  io: CommandIo,
  deps: StatusCommandDeps
): Promise<number> => {
  try {
    const status = await findJobStatus(query, deps);
    if (status === undefined) {
      io.stderr(`${notFound(query)}\n`);
      return EXIT.usage;
    }
    io.stdout(
      options.json
        ? `${JSON.stringify(status, null, 2)}\n`
        : formatJobStatus(status)
    );
    return EXIT.ok;
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
};

const elapsed = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
};

/**
 * `restore wait`: polls AWS Backup until the job ends, with one progress
 * line per poll on stderr, then prints its status on stdout.
 *
 * @returns 0 COMPLETED, 1 FAILED or ABORTED (or a failure to ask), 2 no
 *   such job, 124 `timeoutSeconds` passed
 */
export const waitCommand = async (
  query: JobQuery,
  options: {
    readonly intervalSeconds: number;
    /** 0: no limit. */
    readonly timeoutSeconds: number;
    readonly json: boolean;
  },
  io: CommandIo,
  deps: StatusCommandDeps
): Promise<number> => {
  const started = deps.now().getTime();
  try {
    for (;;) {
      const status = await findJobStatus(query, deps);
      if (status === undefined) {
        io.stderr(`${notFound(query)}\n`);
        return EXIT.usage;
      }
      const state = status.aws?.status ?? 'UNKNOWN';
      const waited = deps.now().getTime() - started;
      io.stderr(
        `${deps.now().toISOString()} ${status.restoreJobId} ${state}${status.aws?.percentDone ? ` ${status.aws.percentDone}` : ''} (waited ${elapsed(waited)})\n`
      );
      if (isTerminalStatus(state)) {
        io.stdout(
          options.json
            ? `${JSON.stringify(status, null, 2)}\n`
            : formatJobStatus(status)
        );
        return state === 'COMPLETED' ? EXIT.ok : EXIT.failed;
      }
      if (
        options.timeoutSeconds > 0 &&
        waited + options.intervalSeconds * 1000 > options.timeoutSeconds * 1000
      ) {
        io.stderr(
          `timed out after ${elapsed(waited)}; the job is still ${state}\n`
        );
        return EXIT.timeout;
      }
      await deps.sleep(options.intervalSeconds * 1000);
    }
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
};
