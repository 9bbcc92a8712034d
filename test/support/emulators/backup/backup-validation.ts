/**
 * The AWS Backup request errors the emulator answers, and the checks of
 * request members that several operations share.
 *
 * @see docs/resource-types.md#backup-errors
 */
import { ServiceError } from '../service-error.js';

/** `BackupVaultName` in the model. */
export const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;

/** `ResourceType` in the model (StartRestoreJob, ListRestoreJobs). */
export const RESOURCE_TYPE_PATTERN = /^[a-zA-Z0-9\-_.]{1,50}$/;

/** A 12-digit account id. */
export const ACCOUNT_ID = /^[0-9]{12}$/;

/** An empty token bucket: recorded with source `throttle`. */
export class ThrottlingError extends ServiceError {
  constructor(message: string) {
    // The error AWS Backup returns when it throttles is not in the model
    // (UNVERIFIED); 400 ThrottlingException is the common shape of AWS JSON
    // services, and the SDK retries it as throttling by name.
    super('ThrottlingException', 400, message);
    this.name = 'ThrottlingError';
  }
}

/**
 * `ResourceNotFoundException` (400).
 *
 * @example
 * ```ts
 * throw notFound('Restore job 1 was not found.');
 * ```
 */
export const notFound = (message: string): ServiceError =>
  new ServiceError('ResourceNotFoundException', 400, message);

/**
 * `MissingParameterValueException` (400) naming the member.
 *
 * @example
 * ```ts
 * throw missing('Metadata');
 * ```
 */
export const missing = (member: string): ServiceError =>
  new ServiceError(
    'MissingParameterValueException',
    400,
    `${member} is required.`
  );

/**
 * `InvalidParameterValueException` (400).
 *
 * @example
 * ```ts
 * throw invalid('MaxResults must be between 1 and 1000.');
 * ```
 */
export const invalid = (message: string): ServiceError =>
  new ServiceError('InvalidParameterValueException', 400, message);

/**
 * A list call's `MaxResults` (1–1000, 1000 when absent), as the model
 * bounds it.
 *
 * @example
 * ```ts
 * maxResultsOf({ MaxResults: '20' }); // 20
 * ```
 */
export const maxResultsOf = (input: Record<string, unknown>): number => {
  if (input.MaxResults === undefined) {
    return 1000;
  }
  const parsed = Number(input.MaxResults);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 1000) {
    throw invalid('MaxResults must be between 1 and 1000.');
  }
  return parsed;
};

/**
 * With `enforce`, refuses a `ResourceType` outside the model's pattern
 * (which AWS's own `Storage Gateway` breaks; whether AWS enforces it is
 * UNVERIFIED).
 *
 * @example
 * ```ts
 * checkResourceType('Storage Gateway', true); // throws
 * ```
 */
export const checkResourceType = (value: unknown, enforce: boolean): void => {
  if (
    enforce &&
    value !== undefined &&
    (typeof value !== 'string' || !RESOURCE_TYPE_PATTERN.test(value))
  ) {
    // ASSUMPTION: the error name and text AWS uses are UNVERIFIED.
    throw invalid(
      `Invalid value for ResourceType: ${String(value)} does not match the pattern ${RESOURCE_TYPE_PATTERN.source}.`
    );
  }
};
