import type { z } from 'zod';
import { INVALID_AWS_CHARACTER } from '../domain/aws-text.js';
import type { Problem } from '../domain/problem.js';
import { MAX_PROBLEMS } from '../domain/problem-list.js';
import { RestoreRequestInvalidError } from '../errors/errors.js';
import {
  MAX_MAP_KEYS,
  type RestoreRequest,
  RestoreRequestSchema,
} from './restore-request.js';

const KNOWN_FIELDS = Object.keys(RestoreRequestSchema.shape);

// An empty key is shown as "" so that its problem is not taken for one
// about the whole request (the root's path is the empty string).
const joinPath = (path: readonly PropertyKey[]): string =>
  path.map((step) => (step === '' ? '""' : String(step))).join('.');

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
 * its dotted path; unknown keys get one problem each, and the allowed
 * fields are listed once (not once per unknown key: hostile input sends
 * thousands).
 */
export const toProblems = (issues: readonly z.core.$ZodIssue[]): Problem[] => {
  let listed = false;
  return issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const message = unknownFieldMessage(issue.path, key);
        const repeat = listed && message.includes('allowed fields');
        listed ||= message.includes('allowed fields');
        return {
          path: joinPath([...issue.path, key]),
          message: repeat ? 'unknown field' : message,
        };
      });
    }
    return [{ path: joinPath(issue.path), message: issue.message }];
  });
};

/**
 * What makes a request too big to validate at all: more top-level fields
 * than the contract has, or more than {@link MAX_MAP_KEYS} keys in
 * `metadata` or `context`. Checked before the schema runs, so the work and
 * memory spent on hostile input stay bounded.
 */
const sizeProblem = (input: unknown): Problem | undefined => {
  if (!isObject(input) || Array.isArray(input)) {
    return undefined;
  }
  const fields = Object.keys(input);
  if (fields.length > KNOWN_FIELDS.length) {
    return {
      path: '',
      message: `has ${fields.length} fields; a restore request has at most ${KNOWN_FIELDS.length} (${KNOWN_FIELDS.join(', ')})`,
    };
  }
  for (const field of FREE_JSON_FIELDS) {
    const map: unknown = Object.hasOwn(input, field)
      ? (input as Readonly<Record<string, unknown>>)[field]
      : undefined;
    const count = isObject(map) ? Object.keys(map).length : 0;
    if (count > MAX_MAP_KEYS) {
      return {
        path: field,
        message: `has ${count} keys; at most ${MAX_MAP_KEYS}`,
      };
    }
  }
  return undefined;
};

/**
 * Deepest nesting of arrays and objects accepted in one `metadata` or
 * `context` value; real metadata is a few levels deep (EC2
 * `BlockDeviceMappings`: a list of objects holding an object). The schema
 * checks these values recursively, so a message of a few kilobytes of
 * brackets would exhaust the stack, and the `RangeError` would make a source
 * retry the message instead of rejecting it.
 */
export const MAX_VALUE_DEPTH = 32;

/** The fields whose values are any JSON: the recursive part of the schema. */
const FREE_JSON_FIELDS = ['metadata', 'context'] as const;

interface FreeJsonCheck {
  readonly problems: readonly Problem[];
  /** Whether a value is nested too deep for the schema to walk. */
  readonly tooDeep: boolean;
}

const isObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null;

/**
 * What the schema cannot report about the `metadata` and `context` values:
 * nesting deeper than {@link MAX_VALUE_DEPTH}, and `__proto__` keys, which
 * zod drops without a word (a strict contract never ignores what was sent).
 * Walks with an explicit stack, never recursion, and never below the limit.
 */
const checkFreeJson = (input: unknown): FreeJsonCheck => {
  const problems: Problem[] = [];
  let tooDeep = false;
  if (!isObject(input) || Array.isArray(input)) {
    return { problems, tooDeep };
  }
  const fields = input as Readonly<Record<string, unknown>>;
  for (const field of FREE_JSON_FIELDS) {
    const map = fields[field];
    if (!isObject(map) || Array.isArray(map)) {
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      const entryPath = [field, key];
      const found: Problem[] = [];
      const pending: [unknown, PropertyKey[]][] = [[value, entryPath]];
      if (key === '__proto__') {
        found.push(protoProblem(entryPath));
      }
      let deep = false;
      for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const [node, path] = next;
        if (!isObject(node)) {
          continue;
        }
        if (path.length - entryPath.length >= MAX_VALUE_DEPTH) {
          deep = true;
          break;
        }
        for (const [k, v] of Object.entries(node)) {
          if (k === '__proto__') {
            found.push(protoProblem([...path, k]));
          }
          pending.push([v, [...path, k]]);
        }
      }
      if (deep) {
        tooDeep = true;
        problems.push({
          path: joinPath(entryPath),
          message: `nests arrays and objects more than ${MAX_VALUE_DEPTH} levels deep`,
        });
      } else {
        problems.push(...found);
      }
    }
  }
  return { problems, tooDeep };
};

const protoProblem = (path: readonly PropertyKey[]): Problem => ({
  path: joinPath(path),
  message: '"__proto__" is not accepted as a key; it would be lost',
});

const CHARACTER_MESSAGE =
  'contains a character AWS does not accept (a control character, U+FFFE, U+FFFF or a lone surrogate)';

/**
 * Keys and strings anywhere in the request that AWS would refuse or the SDK
 * could not encode (a lone surrogate in an ARN makes it throw `URIError`
 * while building the URL). Walks with an explicit stack, at most
 * {@link MAX_VALUE_DEPTH} + 2 levels (deeper values are refused by the
 * depth check), and stops once more problems than a rejection keeps were
 * found.
 */
const characterProblems = (input: unknown): Problem[] => {
  const problems: Problem[] = [];
  const pending: [unknown, PropertyKey[]][] = [[input, []]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, path] = next;
    if (typeof node === 'string') {
      if (INVALID_AWS_CHARACTER.test(node)) {
        problems.push({ path: joinPath(path), message: CHARACTER_MESSAGE });
      }
    } else if (isObject(node) && path.length <= MAX_VALUE_DEPTH + 2) {
      for (const [k, v] of Object.entries(node)) {
        if (INVALID_AWS_CHARACTER.test(k)) {
          problems.push({
            path: joinPath([...path, k]),
            message: `the key ${CHARACTER_MESSAGE}`,
          });
        }
        pending.push([v, [...path, k]]);
      }
    }
    if (problems.length > MAX_PROBLEMS) {
      break;
    }
  }
  return problems;
};

/**
 * Validates an untrusted restore request.
 *
 * @throws RestoreRequestInvalidError listing every problem, each with its path
 * @example
 * ```ts
 * const request = parseRestoreRequest(JSON.parse(body));
 * ```
 */
export const parseRestoreRequest = (input: unknown): RestoreRequest => {
  const tooBig = sizeProblem(input);
  if (tooBig !== undefined) {
    throw new RestoreRequestInvalidError([tooBig]);
  }
  const freeJson = checkFreeJson(input);
  if (freeJson.tooDeep) {
    // The schema would overflow the stack on this value.
    throw new RestoreRequestInvalidError(freeJson.problems);
  }
  const characters = characterProblems(input);
  const result = RestoreRequestSchema.safeParse(input);
  const problems = [
    ...characters,
    ...(result.success ? [] : toProblems(result.error.issues)),
    ...freeJson.problems,
  ];
  if (!result.success || problems.length > 0) {
    throw new RestoreRequestInvalidError(problems);
  }
  return result.data;
};
