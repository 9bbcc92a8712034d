import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { Problem } from '../domain/problem.js';
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

const locate = (error: YAMLError, lines: LineCounter): string => {
  const { line, col } = lines.linePos(error.pos[0]);
  return `line ${line}, column ${col}`;
};

/**
 * Reads a plan document's text as YAML 1.2 with the core schema (JSON is
 * YAML too), bounded: no exception escapes, whatever the text.
 *
 * - The core schema keeps `2026-11-25T12:00:00Z` a string and has no merge
 *   keys; keys must be strings and unique; one document only.
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
      uniqueKeys: true,
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
          path: locate(e, lines),
          message: `is not valid YAML: ${e.message}`,
        }))
      );
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
