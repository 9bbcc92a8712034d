/**
 * Reading the members of an SQS JSON request, with the `InvalidParameterValue`
 * and `MissingParameter` answers of SQS.
 */
import type { JsonObject } from '../aws-json-emulator.js';
import { invalidParameterValue, missingParameter } from './sqs-errors.js';

/**
 * An optional string member.
 *
 * @example
 * ```ts
 * optionalString({ QueueUrl: 'u' }, 'QueueUrl'); // 'u'
 * ```
 */
export const optionalString = (
  input: JsonObject,
  name: string
): string | undefined => {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalidParameterValue(
      `Value for parameter ${name} is invalid. Reason: must be a string.`
    );
  }
  return value;
};

/**
 * A required string member; empty counts as missing (UNVERIFIED).
 *
 * @example
 * ```ts
 * requiredString({}, 'QueueUrl'); // throws MissingParameter
 * ```
 */
export const requiredString = (input: JsonObject, name: string): string => {
  const value = optionalString(input, name);
  if (value === undefined || value === '') {
    throw missingParameter(name);
  }
  return value;
};

/**
 * An optional integer member within `[min, max]`.
 *
 * @example
 * ```ts
 * optionalInteger({ WaitTimeSeconds: 5 }, 'WaitTimeSeconds', 0, 20); // 5
 * ```
 */
export const optionalInteger = (
  input: JsonObject,
  name: string,
  min: number,
  max: number,
  reason = `Must be between ${min} and ${max}, if provided.`
): number | undefined => {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    throw invalidParameterValue(
      `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`
    );
  }
  return value;
};

/**
 * An optional list of strings (`[]` when absent).
 *
 * @example
 * ```ts
 * optionalStringList({ AttributeNames: ['All'] }, 'AttributeNames'); // ['All']
 * ```
 */
export const optionalStringList = (
  input: JsonObject,
  name: string
): string[] => {
  const value = input[name];
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw invalidParameterValue(
      `Value for parameter ${name} is invalid. Reason: must be a list of strings.`
    );
  }
  return value;
};
