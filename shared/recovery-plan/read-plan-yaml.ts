import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../domain/problem.js';
import { MAX_PROBLEMS } from '../domain/problem-list.js';
import { MAX_PLAN_ALIASES, MAX_PLAN_NESTING } from './plan-limits.js';

/** A document's text read as YAML: its value, or why it cannot be read. */
export type YamlReading =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const NESTING_PROBLEM: Problem = {
  path: '',
  message: `nests mappings and sequences deeper than can be read; at most ${MAX_PLAN_NESTING} levels (the nesting limit)`,
};

const ALIAS_PROBLEM: Problem = {
  path: '',
  message: `expands YAML aliases more than ${MAX_PLAN_ALIASES} times (the alias limit)`,
};

const fail = (problems: readonly Problem[]): YamlReading => ({
  ok: false,
  problems,
});

const locate = (offset: number, lines: LineCounter): string => {
  const { line, col } = lines.linePos(offset);
  return `line ${line}, column ${col}`;
};

/**
 * Keys given twice in one mapping. yaml's own `uniqueKeys` compares each
 * key with every key before it (quadratic: half a second for the keys
 * 64 KiB can hold); a set per mapping is linear. Walks with an explicit
 * stack.
 */
const duplicateKeys = (contents: unknown, lines: LineCounter): Problem[] => {
  const problems: Problem[] = [];
  const pending: unknown[] = [contents];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (isSeq(node)) {
      pending.push(...node.items);
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const { key, value } of node.items) {
        const name = isScalar(key) ? String(key.value) : String(key);
        if (seen.has(name)) {
          const offset = isScalar(key) ? (key.range?.[0] ?? 0) : 0;
          problems.push({
            path: locate(offset, lines),
            message: `is not valid YAML: the key "${name}" appears twice in one mapping`,
          });
        }
        seen.add(name);
        pending.push(value);
      }
    }
    if (problems.length > MAX_PROBLEMS) {
      break;
    }
  }
  return problems;
};

/**
 * Reads a plan document's text as YAML 1.2 with the core schema (JSON is
 * YAML too), bounded: no exception escapes, whatever the text.
 *
 * - The core schema keeps `2026-11-25T12:00:00Z` a string and has no merge
 *   keys; keys must be strings and unique (checked in linear time); one
 *   document only.
 * - Errors and warnings (an unknown tag) are problems with their line and
 *   column.
 * - yaml recurses while composing: nesting too deep for the stack is
 *   reported by it as `RESOURCE_EXHAUSTION`, or thrown as a `RangeError`
 *   while converting; both become the nesting problem.
 * - Aliases expand at most {@link MAX_PLAN_ALIASES} times (yaml's
 *   `maxAliasCount`, https://eemeli.org/yaml/#tojs-options).
 *
 * The value may still be circular (an alias inside its own anchor) or hold
 * non-JSON values (`!!binary`): checkPlanValue looks at those.
 *
 * @example
 * ```ts
 * const reading = readPlanYaml('recoveryPlan: 1\nname: orders-app\n');
 * if (reading.ok) use(reading.value);
 * ```
 */
export const readPlanYaml = (text: string): YamlReading => {
  const lines = new LineCounter();
  try {
    const doc = parseDocument(text, {
      version: '1.2',
      schema: 'core',
      stringKeys: true,
      // Checked below in linear time.
      uniqueKeys: false,
      strict: true,
      prettyErrors: false,
      // 'silent' would drop the errors too; 'error' keeps them and prints
      // nothing (warnings are still collected, and refused below).
      logLevel: 'error',
      lineCounter: lines,
    });
    const issues = [...doc.errors, ...doc.warnings];
    if (issues.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
      return fail([NESTING_PROBLEM]);
    }
    if (issues.length > 0) {
      return fail(
        issues.map((e) => ({
          path: locate(e.pos[0], lines),
          message: `is not valid YAML: ${e.message}`,
        }))
      );
    }
    const duplicates = duplicateKeys(doc.contents, lines);
    if (duplicates.length > 0) {
      return fail(duplicates);
    }
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_PLAN_ALIASES }) };
  } catch (error) {
    if (error instanceof RangeError) {
      return fail([NESTING_PROBLEM]);
    }
    const message = error instanceof Error ? error.message : String(error);
    return fail([
      /Excessive alias count/.test(message)
        ? ALIAS_PROBLEM
        : { path: '', message: `cannot be read as YAML: ${message}` },
    ]);
  }
};
