import { toAttributeText } from './aws-text.js';
import type { Problem } from './problem.js';

/** Problems kept in one error; the rest are counted. */
export const MAX_PROBLEMS = 20;

/** Longest path or message of one problem, in UTF-16 code units. */
export const MAX_PROBLEM_TEXT = 512;

/**
 * The problems a rejection carries, bounded: hostile input can make one
 * problem per key of a huge map, and every rejection is echoed into the
 * dead-letter queue and an SNS notification (256 KiB). The first
 * {@link MAX_PROBLEMS} are kept, each path and message cut to
 * {@link MAX_PROBLEM_TEXT} with the characters SQS and SNS refuse escaped (a
 * field may be named "\u0000"), then one problem says how many more there
 * were.
 *
 * @example
 * ```ts
 * boundProblems(manyProblems).at(-1); // { path: '', message: 'and 19980 more problems' }
 * ```
 */
export const boundProblems = (problems: readonly Problem[]): Problem[] => {
  const kept = problems.slice(0, MAX_PROBLEMS).map((p) => ({
    path: toAttributeText(p.path, MAX_PROBLEM_TEXT),
    message: toAttributeText(p.message, MAX_PROBLEM_TEXT),
  }));
  const more = problems.length - kept.length;
  return more > 0
    ? [...kept, { path: '', message: `and ${more} more problems` }]
    : kept;
};
