import {
  type BackupClient,
  BackupServiceException,
  ListRestoreJobsCommand,
  ResourceNotFoundException,
  type RestoreJobsListMember,
  StartRestoreJobCommand,
  type StartRestoreJobCommandOutput,
} from '@aws-sdk/client-backup';
import type { StartRestoreJobInput } from '../domain/start-restore-job-input.js';
import type { AppError } from '../errors/app-error.js';
import {
  DependencyFailureError,
  RecoveryPointNotFoundError,
} from '../errors/errors.js';
import type {
  RestoreJobStarter,
  StartContext,
} from '../ports/restore-job-starter.js';
import { toAppError } from './to-app-error.js';

/** `ResourceType` in the AWS Backup model. */
const RESOURCE_TYPE_PATTERN = /^[a-zA-Z0-9\-_.]{1,50}$/;

/**
 * How far before the request's first arrival the job of a replayed token is
 * looked for: clock differences, and an earlier delivery through another
 * source. One hour is also the token lifetime older model text gave.
 */
const REPLAY_LOOKBACK_MS = 3_600_000;

/** ListRestoreJobs pages (of 1,000 jobs) read at most for one lookup. */
const MAX_LIST_PAGES = 20;

/** The names AWS may use to refuse an input member's value. */
const INVALID_VALUE = new Set([
  'InvalidParameterValueException',
  'InvalidRequestException',
  'ValidationException',
]);

/** True when AWS refused the call because of its `ResourceType` member. */
const rejectsResourceType = (error: unknown): boolean =>
  error instanceof BackupServiceException &&
  INVALID_VALUE.has(error.name) &&
  /resource ?type/i.test(error.message);

const asAppError = (error: unknown, input: StartRestoreJobInput): AppError =>
  error instanceof ResourceNotFoundException
    ? new RecoveryPointNotFoundError(
        `StartRestoreJob: recovery point ${input.RecoveryPointArn} was not found`,
        { cause: error }
      )
    : toAppError(error, 'StartRestoreJob', 'backup');

/**
 * {@link RestoreJobStarter} over AWS Backup `StartRestoreJob`. The input is
 * sent as given: the caller's deterministic `IdempotencyToken` replaces the
 * random one the SDK would fill in (docs/reliability.md#idempotency-token). Two
 * behaviours AWS does not document either way are handled whichever way
 * AWS behaves
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartRestoreJob.html):
 *
 * - **A replayed token without `RestoreJobId`.** AWS documents that a
 *   successful request retried with the same token succeeds and takes no
 *   action, not what it answers; the model marks `RestoreJobId` optional.
 *   Without an id the job is looked up with `ListRestoreJobs`
 *   (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListRestoreJobs.html):
 *   jobs created after the request's first arrival minus an hour, of the
 *   same recovery point and restore role; the list shows no token, so the
 *   newest such job is taken. None found is a retryable
 *   {@link DependencyFailureError}, and so is a failing lookup: AWS said the job
 *   exists, so the request is never rejected here.
 * - **`ResourceType` values with spaces.** AWS documents `Storage Gateway`
 *   and `SAP HANA on Amazon EC2` as StartRestoreJob values, while the model
 *   gives the member the pattern `^[a-zA-Z0-9\-\_\.]{1,50}$`, which the SDK
 *   does not check. The documented spelling is sent; if AWS refuses the
 *   call naming `ResourceType` (`InvalidParameterValueException`,
 *   `InvalidRequestException` or `ValidationException`), it is sent once
 *   more without the member, which is optional: AWS then takes the type
 *   from the recovery point, the type the policy already checked. The same
 *   token goes with both calls: the refused one started nothing.
 */
export class BackupRestoreJobStarter implements RestoreJobStarter {
  readonly #client: BackupClient;

  constructor(deps: { readonly client: BackupClient }) {
    this.#client = deps.client;
  }

  async start(
    input: StartRestoreJobInput,
    context: StartContext
  ): Promise<{ readonly restoreJobId: string }> {
    const out = await this.#send(input);
    if (out.RestoreJobId !== undefined) {
      return { restoreJobId: out.RestoreJobId };
    }
    return { restoreJobId: await this.#findReplayedJob(input, context) };
  }

  async #send(
    input: StartRestoreJobInput
  ): Promise<StartRestoreJobCommandOutput> {
    const send = (withResourceType: boolean) => {
      const { ResourceType, ...rest } = input;
      return this.#client.send(
        new StartRestoreJobCommand({
          ...rest,
          ...(withResourceType ? { ResourceType } : {}),
          Metadata: { ...input.Metadata },
        })
      );
    };
    try {
      return await send(true);
    } catch (error) {
      if (!rejectsResourceType(error)) {
        throw asAppError(error, input);
      }
    }
    try {
      return await send(false);
    } catch (error) {
      throw asAppError(error, input);
    }
  }

  async #findReplayedJob(
    input: StartRestoreJobInput,
    context: StartContext
  ): Promise<string> {
    const createdAfter = new Date(
      context.requestedAt.getTime() - REPLAY_LOOKBACK_MS
    );
    let newest: RestoreJobsListMember | undefined;
    let nextToken: string | undefined;
    let pages = 0;
    try {
      do {
        const page = await this.#client.send(
          new ListRestoreJobsCommand({
            ByCreatedAfter: createdAfter,
            // A type AWS might refuse as a filter is left out: the
            // recovery point decides below anyway.
            ...(RESOURCE_TYPE_PATTERN.test(input.ResourceType)
              ? { ByResourceType: input.ResourceType }
              : {}),
            MaxResults: 1000,
            ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          })
        );
        for (const job of page.RestoreJobs ?? []) {
          if (
            job.RestoreJobId !== undefined &&
            job.RecoveryPointArn === input.RecoveryPointArn &&
            (job.IamRoleArn === undefined ||
              job.IamRoleArn === input.IamRoleArn) &&
            (newest === undefined ||
              (job.CreationDate?.getTime() ?? 0) >
                (newest.CreationDate?.getTime() ?? 0))
          ) {
            newest = job;
          }
        }
        nextToken = page.NextToken;
        pages += 1;
      } while (nextToken !== undefined && pages < MAX_LIST_PAGES);
    } catch (error) {
      const mapped = toAppError(error, 'ListRestoreJobs', 'backup');
      throw mapped.retryable
        ? mapped
        : new DependencyFailureError(
            'StartRestoreJob answered without a RestoreJobId and ListRestoreJobs failed; the job exists, retry later',
            { cause: error }
          );
    }
    if (nextToken !== undefined) {
      throw new DependencyFailureError(
        `StartRestoreJob answered without a RestoreJobId, and more than ${MAX_LIST_PAGES * 1000} restore jobs were created since ${createdAfter.toISOString()}; retry later`
      );
    }
    if (newest?.RestoreJobId === undefined) {
      throw new DependencyFailureError(
        `StartRestoreJob answered without a RestoreJobId, and ListRestoreJobs shows no job of recovery point ${input.RecoveryPointArn} created after ${createdAfter.toISOString()}; retry later`
      );
    }
    return newest.RestoreJobId;
  }
}
