import { AppError } from '../errors/app-error.js';
import { AwsRejectedError } from '../errors/aws-rejected-error.js';
import { DependencyError } from '../errors/dependency-error.js';
import { ThrottledError } from '../errors/throttled-error.js';

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: { readonly throttling?: boolean };
  readonly $metadata?: { readonly httpStatusCode?: number };
}

// The SDK's own list of throttling codes (@smithy/service-error-classification).
// AWS Backup's throttling code for StartRestoreJob is not in its model
// (reliability-and-limits.md §2.4), so the status code 429 counts too.
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/**
 * Translates a failed AWS call into the error taxonomy, keeping the SDK
 * error as `cause`: throttling → {@link ThrottledError}; server faults,
 * timeouts and network errors → {@link DependencyError}; other client faults
 * → {@link AwsRejectedError}. Errors that are already ours pass through.
 *
 * @example
 * ```ts
 * try { await client.send(cmd); } catch (e) { throw toAppError(e, 'StartRestoreJob'); }
 * ```
 */
export const toAppError = (error: unknown, operation: string): AppError => {
  if (error instanceof AppError) {
    return error;
  }
  const e = (
    typeof error === 'object' && error !== null ? error : {}
  ) as SdkErrorShape;
  const name = e.name ?? 'UnknownError';
  const status = e.$metadata?.httpStatusCode;
  if (
    e.$retryable?.throttling === true ||
    THROTTLING.has(name) ||
    status === 429
  ) {
    return new ThrottledError(`${operation} was throttled by AWS (${name})`, {
      cause: error,
    });
  }
  if (e.$fault === 'client' && (status === undefined || status < 500)) {
    return new AwsRejectedError(
      `${operation} was rejected by AWS (${name}): ${e.message ?? ''}`,
      {
        cause: error,
      }
    );
  }
  return new DependencyError(`${operation} failed (${name}); retry later`, {
    cause: error,
  });
};
