import type { z } from 'zod';
import type { Problem } from '../domain/problem.js';
import { RequestValidationError } from '../errors/request-validation-error.js';
import {
  type RestoreRequest,
  RestoreRequestSchema,
} from './restore-request.js';

const KNOWN_FIELDS = Object.keys(RestoreRequestSchema.shape);

const joinPath = (path: readonly PropertyKey[]): string =>
  path.map(String).join('.');

const unknownFieldMessage = (
  parent: readonly PropertyKey[],
  key: string
): string => {
  if (parent.length > 0) {
    return 'unknown field';
  }
  const lower = key.toLowerCase();
  const near = KNOWN_FIELDS.find((f) => f.toLowerCase() === lower);
  return near === undefined
    ? `unknown field; allowed fields: ${KNOWN_FIELDS.join(', ')}`
    : `unknown field; did you mean "${near}"?`;
};

/**
 * Turns zod issues into problems a person can act on: one per field, with
 * its dotted path; unknown keys get one problem each.
 */
export const toProblems = (issues: readonly z.core.$ZodIssue[]): Problem[] =>
  issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: joinPath([...issue.path, key]),
        message: unknownFieldMessage(issue.path, key),
      }));
    }
    return [{ path: joinPath(issue.path), message: issue.message }];
  });

/**
 * Validates an untrusted restore request.
 *
 * @throws RequestValidationError listing every problem, each with its path
 * @example
 * ```ts
 * const request = parseRestoreRequest(JSON.parse(body));
 * ```
 */
export const parseRestoreRequest = (input: unknown): RestoreRequest => {
  const result = RestoreRequestSchema.safeParse(input);
  if (!result.success) {
    throw new RequestValidationError(toProblems(result.error.issues));
  }
  return result.data;
};
