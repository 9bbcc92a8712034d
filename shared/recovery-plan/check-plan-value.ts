import { INVALID_AWS_CHARACTER } from '../domain/aws-text.js';
import type { Problem } from '../domain/problem.js';
import { MAX_PROBLEMS } from '../domain/problem-list.js';
import { MAX_PLAN_EXPANDED_BYTES, MAX_PLAN_NESTING } from './plan-limits.js';
import { planPath } from './step-path.js';

const CHARACTER_MESSAGE =
  'contains a character AWS does not accept (a control character, U+FFFE, U+FFFF or a lone surrogate)';

const NOT_JSON = 'must be a string, number, boolean, null, list or map';

const isPlainRecord = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A lower bound of a scalar's bytes in JSON text. */
const scalarSize = (value: unknown): number =>
  typeof value === 'string' ? value.length + 2 : String(value).length;

/**
 * What the schema cannot be trusted with in a document read from YAML,
 * found with an explicit stack, never recursion:
 *
 * - nesting deeper than {@link MAX_PLAN_NESTING} (which also stops a
 *   circular value, made by an alias inside its own anchor, before the
 *   schema would walk it forever);
 * - more than {@link MAX_PLAN_EXPANDED_BYTES} of JSON once aliases are
 *   expanded (the walk stops as soon as a lower bound passes it, so shared
 *   values cost bounded work);
 * - values JSON has no word for (`!!binary`);
 * - `__proto__` keys, which zod drops without a word;
 * - characters AWS refuses in keys and strings (docs/reliability.md).
 *
 * @example
 * ```ts
 * checkPlanValue({ name: 'a\u0000' }); // [{ path: 'name', message: 'contains a character AWS does not accept …' }]
 * ```
 */
export const checkPlanValue = (document: unknown): Problem[] => {
  const problems: Problem[] = [];
  const add = (path: readonly PropertyKey[], message: string): void => {
    problems.push({ path: planPath(path, document), message });
  };
  let size = 0;
  const pending: [unknown, PropertyKey[]][] = [[document, []]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, path] = next;
    if (typeof node !== 'object' || node === null) {
      size += scalarSize(node);
      if (typeof node === 'string') {
        if (INVALID_AWS_CHARACTER.test(node)) {
          add(path, CHARACTER_MESSAGE);
        }
      } else if (
        node !== null &&
        typeof node !== 'number' &&
        typeof node !== 'boolean'
      ) {
        add(path, NOT_JSON);
      }
    } else if (path.length >= MAX_PLAN_NESTING) {
      add(
        path,
        `nests mappings and sequences more than ${MAX_PLAN_NESTING} levels deep (the nesting limit), or an alias refers to a value that holds it`
      );
      break;
    } else if (Array.isArray(node)) {
      size += 2 + node.length;
      node.forEach((item: unknown, i) => {
        pending.push([item, [...path, i]]);
      });
    } else if (isPlainRecord(node)) {
      size += 2;
      for (const [key, value] of Object.entries(node)) {
        size += key.length + 4;
        if (key === '__proto__') {
          add([...path, key], '"__proto__" is not accepted as a key');
        } else if (INVALID_AWS_CHARACTER.test(key)) {
          add([...path, key], `the key ${CHARACTER_MESSAGE}`);
        }
        pending.push([value, [...path, key]]);
      }
    } else {
      add(path, NOT_JSON);
    }
    if (size > MAX_PLAN_EXPANDED_BYTES) {
      return [expandedProblem()];
    }
    if (problems.length > MAX_PROBLEMS) {
      break;
    }
  }
  if (problems.length > 0) {
    return problems;
  }
  const bytes = Buffer.byteLength(JSON.stringify(document));
  return bytes > MAX_PLAN_EXPANDED_BYTES ? [expandedProblem(bytes)] : [];
};

const expandedProblem = (bytes?: number): Problem => ({
  path: '',
  message:
    bytes === undefined
      ? `is more than ${MAX_PLAN_EXPANDED_BYTES} bytes as JSON once aliases are expanded (the expanded size limit)`
      : `is ${bytes} bytes as JSON once aliases are expanded; at most ${MAX_PLAN_EXPANDED_BYTES} (the expanded size limit)`,
});
