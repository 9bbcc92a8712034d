import { AppError } from '../errors/app-error.js';
import {
  AwsRequestRejectedError,
  DependencyFailureError,
  RestoreRequestInvalidError,
  RestoreThrottledError,
} from '../errors/errors.js';
import {
  type AwsErrorClass,
  type AwsService,
  classifyAwsError,
} from './aws-error-classes.js';

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly cause?: unknown;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: { readonly throttling?: boolean };
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const shapeOf = (error: unknown): SdkErrorShape =>
  typeof error === 'object' && error !== null ? error : {};

// What the SDK's own retry strategy counts as a transient failure without
// an HTTP answer (timeouts, resets, DNS), plus an aborted request
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
const NETWORK_NAMES = new Set([
  'AbortError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const NETWORK_CODES = new Set([
  'EAI_AGAIN',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
]);

const isNetworkError = (error: unknown, depth = 0): boolean => {
  const e = shapeOf(error);
  return (
    NETWORK_NAMES.has(e.name ?? '') ||
    NETWORK_CODES.has(e.code ?? '') ||
    (depth < 5 && e.cause !== undefined && isNetworkError(e.cause, depth + 1))
  );
};

/**
 * The class of an AWS answer whose name neither table knows: the SDK's
 * hints first (throttling, the model's retryable trait), then the status.
 */
const classOfUnknown = (e: SdkErrorShape): AwsErrorClass => {
  const status = e.$metadata?.httpStatusCode;
  if (e.$retryable?.throttling === true || status === 429) {
    return 'throttled';
  }
  if (e.$retryable !== undefined) {
    return 'retry';
  }
  return e.$fault === 'client' && (status === undefined || status < 500)
    ? 'permanent'
    : 'retry';
};

/**
 * An error thrown before AWS answered anything. A network failure or a
 * timeout may pass. A `URIError`, `RangeError` or `TypeError` comes from
 * building the request (the SDK throws `URIError` for a lone surrogate it
 * must put into a URL path): that request can never be sent, so retrying is
 * in vain. It is a {@link RestoreRequestInvalidError}, not an
 * {@link AwsRequestRejectedError}, because AWS never saw it and the bad value came
 * from the request. Anything else unknown (credentials, configuration
 * loading) is retried: the request is kept, and a redelivery may succeed.
 */
const localError = (error: unknown, operation: string): AppError => {
  const e = shapeOf(error);
  const name = e.name ?? 'UnknownError';
  if (
    !isNetworkError(error) &&
    (error instanceof URIError ||
      error instanceof RangeError ||
      error instanceof TypeError)
  ) {
    return new RestoreRequestInvalidError(
      [
        {
          path: '',
          message: `${operation} cannot be sent (${name}: ${e.message ?? ''})`,
        },
      ],
      { cause: error }
    );
  }
  return new DependencyFailureError(
    `${operation} failed (${name}); retry later`,
    {
      cause: error,
    }
  );
};

/**
 * Translates a failed AWS call into the error taxonomy, keeping the SDK
 * error as `cause`. An AWS answer is classified by what its name means for
 * that service ({@link classifyAwsError}: one table for every modelled
 * exception), and only an unknown name by the SDK's hints and the HTTP
 * status: throttling → {@link RestoreThrottledError}; passing failures →
 * {@link DependencyFailureError}; the rest → {@link AwsRequestRejectedError}. An error
 * thrown before any answer (no HTTP status) is classified by its kind: see
 * `localError`. Errors that are already ours pass through.
 *
 * @example
 * ```ts
 * try { await client.send(cmd); } catch (e) { throw toAppError(e, 'SNS Publish', 'sns'); }
 * ```
 */
export const toAppError = (
  error: unknown,
  operation: string,
  service: AwsService
): AppError => {
  if (error instanceof AppError) {
    return error;
  }
  const e = shapeOf(error);
  if (e.$metadata?.httpStatusCode === undefined && e.$fault === undefined) {
    return localError(error, operation);
  }
  const name = e.name ?? 'UnknownError';
  switch (classifyAwsError(service, name) ?? classOfUnknown(e)) {
    case 'throttled':
      return new RestoreThrottledError(
        `${operation} was throttled by AWS (${name})`,
        {
          cause: error,
        }
      );
    case 'retry':
      return new DependencyFailureError(
        `${operation} failed (${name}); retry later`,
        {
          cause: error,
        }
      );
    case 'permanent':
      return new AwsRequestRejectedError(
        `${operation} was rejected by AWS (${name}): ${e.message ?? ''}`,
        { cause: error }
      );
  }
};
