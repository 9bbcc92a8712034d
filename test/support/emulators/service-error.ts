/**
 * The error an emulator answers in its protocol's error shape.
 *
 * @see docs/development.md#emulator-discipline
 */
/**
 * The message of anything thrown, for an error answer.
 *
 * @example
 * ```ts
 * messageOf(new Error('boom')); // 'boom'
 * ```
 */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * A request error that an emulator answers in its protocol's error shape
 * (`code` is the AWS error name or code).
 *
 * @example
 * ```ts
 * throw new ServiceError('NotFound', 404, 'Topic does not exist');
 * ```
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
