import type { Arrival } from '../domain/arrival.js';
import { AppError } from '../errors/app-error.js';
import { InternalError } from '../errors/errors.js';
import type { RequestReading } from '../events/read-restore-request.js';
import type { Log } from '../ports/log.js';
import { type RejectRequestDeps, rejectRequest } from './reject-request.js';
import {
  type StartRestoreDeps,
  type StartRestoreResult,
  startRestore,
} from './start-restore.js';

/** The ports {@link startOrReject} runs with. */
export interface StartOrRejectDeps extends StartRestoreDeps, RejectRequestDeps {
  /**
   * The log for one request, e.g. with its key as correlation id; `log`
   * when absent.
   */
  readonly logFor?: (requestKey: string) => Log;
}

/** What became of a request. */
export type RequestResult =
  | {
      /** `started`: a new job; `replayed`: an earlier delivery started it; `planned`: a dry run. */
      readonly status: 'started' | 'replayed' | 'planned';
      readonly result: StartRestoreResult;
    }
  | {
      readonly status: 'rejected';
      /** The permanent error the request was rejected with. */
      readonly error: AppError;
    };

/**
 * Takes one request from any source to its result: started (or replayed), or
 * rejected for good and kept. Retryable failures are thrown for the source to
 * redeliver.
 *
 * 1. An unreadable request is rejected ({@link rejectRequest}).
 * 2. {@link startRestore}; count `RestoreStarted` or `RestoreReplayed`.
 * 3. Every delivery counts `RestoreRequested` once, whatever its result,
 *    with the resource type known by then.
 * 4. A permanent error (invalid, policy, not found, conflict, rejected by
 *    AWS) is rejected: kept in the dead-letter queue and notified, never
 *    retried in vain.
 *
 * @throws AppError with `retryable` true (throttled, in progress, a
 * dependency down); anything else that fails is an {@link InternalError}
 * (retryable), so every source retries it a bounded number of times
 */
export const startOrReject = async (
  reading: RequestReading,
  deps: StartOrRejectDeps,
  arrival: Arrival
): Promise<RequestResult> => {
  const scoped =
    reading.ok && deps.logFor !== undefined
      ? { ...deps, log: deps.logFor(reading.key) }
      : deps;
  return startOrRejectReading(reading, scoped, arrival).catch(asAppError);
};

const startOrRejectReading = async (
  reading: RequestReading,
  deps: StartOrRejectDeps,
  arrival: Arrival
): Promise<RequestResult> => {
  const { source, requestedBy } = arrival;
  const resourceType =
    (reading.ok ? reading.resourceType : undefined) ?? 'Unknown';
  // Counted once per delivery, with the best resource type known by then:
  // a generic recovery-point ARN tells its type only after planning.
  const requested = (type: string): void =>
    deps.metrics.count('RestoreRequested', { source, resourceType: type });
  const taskToken = reading.ok ? reading.request.taskToken : reading.taskToken;
  const reject = async (error: AppError): Promise<RequestResult> => {
    requested(resourceType);
    await rejectRequest(
      {
        error,
        source,
        ...(requestedBy === undefined ? {} : { requestedBy }),
        original: arrival.original ?? '',
        ...(reading.ok
          ? {
              requestId: reading.key,
              ...(reading.request.context === undefined
                ? {}
                : { context: reading.request.context }),
            }
          : {}),
        ...(taskToken === undefined ? {} : { taskToken }),
        ...(resourceType === 'Unknown' ? {} : { resourceType }),
        ...(arrival.messageId === undefined
          ? {}
          : { messageId: arrival.messageId }),
        ...(arrival.eventId === undefined ? {} : { eventId: arrival.eventId }),
      },
      deps
    );
    return { status: 'rejected', error };
  };
  if (!reading.ok) {
    return reject(reading.error);
  }
  try {
    const result = await startRestore(reading, deps, arrival);
    requested(result.resourceType);
    if (result.plan !== undefined) {
      return { status: 'planned', result };
    }
    const dimensions = { source, resourceType: result.resourceType };
    deps.metrics.count(
      result.replayed ? 'RestoreReplayed' : 'RestoreStarted',
      dimensions
    );
    return { status: result.replayed ? 'replayed' : 'started', result };
  } catch (error) {
    if (error instanceof AppError && !error.retryable) {
      return reject(error);
    }
    requested(resourceType);
    throw error;
  }
};

/** Anything that is not ours becomes a bounded retry, named, never a crash. */
const asAppError = (error: unknown): never => {
  throw error instanceof AppError ? error : new InternalError({ cause: error });
};

/** A JSON-safe, value-free summary of an result, for logs and results. */
export interface ResultSummary {
  readonly status: RequestResult['status'] | 'ignored';
  readonly requestId?: string;
  readonly restoreJobId?: string;
  readonly errorCode?: string;
}

/**
 * Summarises an result without metadata values or error objects.
 *
 * @example
 * ```ts
 * summarizeResult(await startOrReject(reading, deps, arrival));
 * // { status: 'started', requestId: 'inc-42', restoreJobId: '…' }
 * ```
 */
export const summarizeResult = (
  result: RequestResult | { readonly status: 'ignored' }
): ResultSummary => {
  switch (result.status) {
    case 'ignored':
      return { status: 'ignored' };
    case 'rejected':
      return { status: 'rejected', errorCode: result.error.code };
    default:
      return {
        status: result.status,
        requestId: result.result.requestId,
        ...(result.result.restoreJobId === undefined
          ? {}
          : { restoreJobId: result.result.restoreJobId }),
      };
  }
};
