import type { MiddlewareObj } from '@middy/core';
import { AppError } from '../errors/app-error.js';

/**
 * The error a direct invocation fails with. Its `name` is the stable error
 * code (`RestoreRequestInvalid`, `PolicyViolation`, `RestoreThrottled`, …),
 * because Lambda reports `name` as `errorType`, and that is what a Step
 * Functions `Retry`/`Catch` matches on
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
 * This is the one error whose name does not end in `Error`, on purpose: the
 * name is part of the contract.
 */
export class InvokeFailure extends Error {
  /** Whether the same request may succeed if sent again later. */
  readonly retryable: boolean;

  constructor(error: AppError) {
    super(error.message, { cause: error });
    this.name = error.code;
    this.retryable = error.retryable;
  }
}

/**
 * Maps any failure of the invoke source, in one place: our errors become
 * {@link InvokeFailure}s named by their code; anything else is a bug and
 * is passed on as it is.
 *
 * @example
 * ```ts
 * try { … } catch (error) { throw toInvokeFailure(error); }
 * ```
 */
export const toInvokeFailure = (error: unknown): unknown =>
  error instanceof AppError ? new InvokeFailure(error) : error;

/**
 * The invoke source's error mapping as a middleware, so it covers every
 * failure, including a `ConfigInvalidError` raised by the base middleware before
 * the handler ran.
 *
 * @example
 * ```ts
 * middy().use(baseMiddleware()).use(invokeErrors()).handler(run);
 * ```
 */
export const invokeErrors = (): MiddlewareObj => ({
  name: 'invokeErrors',
  onError: (request) => {
    request.error = toInvokeFailure(request.error) as Error;
  },
});
