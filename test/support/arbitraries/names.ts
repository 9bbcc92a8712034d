import fc from 'fast-check';
import { anyText, hugeText } from './json-values.js';

/**
 * Names of backed-up resources as AWS reports them, and names no rule
 * allows: RDS, DynamoDB and Redshift names from the fixtures, accents,
 * other scripts, emoji, separators at either end, names at and past every
 * length limit, blanks, and any text.
 *
 * @example
 * ```ts
 * fc.sample(originalResourceName(), 2); // e.g. ['Orders_DB', '数据库']
 * ```
 */
export const originalResourceName = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'orders',
      'orders-db',
      'Orders_DB',
      'orders-aurora',
      'catalog-docdb',
      'Graph_Main',
      'analytics',
      'UPPER.case.Name',
      '123-db',
      'orders--db',
      '--lead--and--trail--',
      'trailing-',
      'café-commandes',
      'Ωmega',
      '数据库',
      '🚀rocket',
      'İstanbul',
      'ﬁle',
      '   ',
      ''
    ),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{50,70}$/),
    fc.stringMatching(/^[A-Za-z0-9_.-]{240,260}$/),
    anyText(80),
    hugeText()
  );

/**
 * A request key as `requestKeyOf` makes it: a caller's requestId (1–128 of
 * `A-Z a-z 0-9 . _ : -`) or `auto-` and 40 hex characters. Always ASCII.
 *
 * @example
 * ```ts
 * fc.sample(requestKey(), 1); // e.g. ['inc-42']
 * ```
 */
export const requestKey = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/),
    fc.stringMatching(/^[0-9a-f]{40}$/).map((hex) => `auto-${hex}`)
  );

/**
 * A request key, or any text: for properties that must hold beyond the keys
 * `requestKeyOf` makes. (Two texts that differ only in lone surrogates hash
 * alike, since UTF-8 encodes both as U+FFFD; real keys are ASCII.)
 *
 * @example
 * ```ts
 * fc.sample(anyRequestKey(), 1); // e.g. ['\ud800']
 * ```
 */
export const anyRequestKey = (): fc.Arbitrary<string> =>
  fc.oneof(requestKey(), anyText());
