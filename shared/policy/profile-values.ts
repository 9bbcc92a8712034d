import { canonicalJson } from '../domain/canonical-json.js';
import type { KeyRule } from '../domain/restore-profile.js';
import { parseJson } from '../restore-metadata/json-text.js';

// AWS resource ids (subnet-…, sg-…, vpc-…, fs-…) are case-insensitive hex.
const AWS_ID = /^[a-z][a-z0-9]*-[0-9a-f]{6,32}$/i;

const normaliseItem = (value: string): string => {
  const trimmed = value.trim();
  return AWS_ID.test(trimmed) || /^(true|false)$/i.test(trimmed)
    ? trimmed.toLowerCase()
    : trimmed;
};

/**
 * The items of a value for comparison: a JSON list of strings is its set of
 * items (order and repeats do not matter: `["sg-1","sg-2"]` is
 * `[ "sg-2" , "sg-1" ]`); any other value is one item. AWS ids and
 * booleans compare case-insensitively, surrounding spaces never count.
 *
 * @example
 * ```ts
 * valueItems('[" SG-0A ","sg-0a"]'); // ['sg-0a']
 * ```
 */
export const valueItems = (value: string): string[] => {
  if (value.trimStart().startsWith('[')) {
    const json = parseJson(value);
    if (
      json.ok &&
      Array.isArray(json.parsed) &&
      json.parsed.every((i) => typeof i === 'string')
    ) {
      return [...new Set(json.parsed.map(normaliseItem))].sort();
    }
  }
  return [normaliseItem(value)];
};

/**
 * Whether two metadata values mean the same, by {@link valueItems}; other
 * JSON values compare in canonical form, so whitespace and key order do not
 * count.
 *
 * @example
 * ```ts
 * sameValue('["sg-1","sg-2"]', '["sg-2", "sg-1"]'); // true
 * ```
 */
export const sameValue = (a: string, b: string): boolean => {
  const [x, y] = [valueItems(a), valueItems(b)];
  if (x.length === y.length && x.every((item, i) => item === y[i])) {
    return true;
  }
  const [pa, pb] = [parseJson(a), parseJson(b)];
  if (!pa.ok || !pb.ok || typeof pa.parsed !== 'object') {
    return false;
  }
  try {
    return canonicalJson(pa.parsed) === canonicalJson(pb.parsed);
  } catch {
    // A value nested deeper than the stack allows (a saved map may hold
    // one) is not known to be the same: the safe answer for a policy.
    return false;
  }
};

/**
 * Whether a request value passes a value-restricting rule (`one-of`,
 * `prefix`): for a JSON list, every item must. Other rules are decided
 * elsewhere (`any` always, `never` never, `as-backed-up` by the saved map).
 *
 * @example
 * ```ts
 * passesValueRule({ allow: 'one-of', values: ['subnet-0a'] }, 'SUBNET-0A'); // true
 * ```
 */
export const passesValueRule = (rule: KeyRule, value: string): boolean => {
  if (rule.allow === 'one-of') {
    const allowed = new Set(rule.values.flatMap(valueItems));
    return valueItems(value).every((item) => allowed.has(item));
  }
  if (rule.allow === 'prefix') {
    return valueItems(value).every((item) =>
      rule.prefixes.some((p) => item.startsWith(p))
    );
  }
  return rule.allow === 'any';
};
