import { createHash } from 'node:crypto';
import type { DerivableNameRule } from './name-rules.js';

/**
 * Hex characters of the request-key hash kept in a derived name. 32 bits:
 * two requests that restore the same original collide about once in four
 * billion pairs, and a shorter original part leaves names readable within
 * RDS's 63 characters.
 */
const NAME_HASH_LENGTH = 8;

const sha256Hex = (value: string): string =>
  createHash('sha256').update(value, 'utf8').digest('hex');

/** Input of {@link deriveName}. */
export interface DeriveNameInput {
  /** The backed-up resource's name, when known; any characters. */
  readonly original: string | undefined;
  /** The request key: the same key always yields the same name. */
  readonly requestKey: string;
  /** Length and character rules of the name (its `maxLength` among them). */
  readonly rule: DerivableNameRule;
}

/**
 * Derives a new resource name: the original name, sanitised for the rule and
 * shortened if needed, then `-` and the first 8 hex characters of
 * sha256(requestKey). The hash is always kept whole, so a retry of the same
 * request gets the same name and two requests practically never collide
 * (docs/resource-types.md#starting-point: the usual missing value is a new name; docs/resource-types.md#dynamodb: a
 * fixed suffix collides on the second run).
 *
 * @example
 * ```ts
 * deriveName({
 *   original: 'Orders_DB',
 *   requestKey: 'req-1',
 *   rule: RDS_INSTANCE_IDENTIFIER,
 * }); // 'orders-db-' + 8 hex characters
 * ```
 */
export const deriveName = ({
  original,
  requestKey,
  rule,
}: DeriveNameInput): string => {
  const hash = sha256Hex(requestKey).slice(0, NAME_HASH_LENGTH);
  const room = rule.maxLength - hash.length - 1;
  let stem = rule.toStem(original ?? '');
  if (rule.letterFirst && !/^[A-Za-z]/.test(stem)) {
    stem = stem === '' ? rule.fallbackStem : `${rule.fallbackStem}-${stem}`;
  }
  // Cut the original part, never the hash; a cut can leave a separator at
  // the end, which RDS-style names may not have before the '-'.
  stem = stem.slice(0, room).replace(/[-_.]+$/, '');
  return `${stem === '' ? rule.fallbackStem : stem}-${hash}`;
};

/** Characters of the hash in an EFS creation token (192 bits). */
const TOKEN_HASH_LENGTH = 48;

/**
 * Derives the EFS `CreationToken` of a request: `restore-relay-` and 48 hex
 * characters of sha256(requestKey), 62 characters in all (EFS allows 64).
 * EFS uses the token as the idempotency key of `CreateFileSystem`, and a
 * restore without one is created and then fails (docs/resource-types.md#efs,
 * aws/aws-cli#4467), so a retry must send the same token.
 *
 * @example
 * ```ts
 * deriveCreationToken('req-1'); // 'restore-relay-' + 48 hex characters
 * ```
 */
export const deriveCreationToken = (requestKey: string): string =>
  `restore-relay-${sha256Hex(requestKey).slice(0, TOKEN_HASH_LENGTH)}`;
