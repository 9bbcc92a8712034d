import { isJsonObject, parseJson } from './json-text.js';
import type { NameRule } from './name-rules.js';

/**
 * The format rule of one metadata value. Every value is a string
 * (docs/resource-types.md#strings), so rules read strings.
 */
export interface ValueRule {
  /**
   * @returns `undefined` when valid; otherwise what is wrong and what is
   *   allowed, without repeating the value (the map is sensitive, docs/resource-types.md#strings)
   */
  check(value: string): string | undefined;
  /**
   * Repairs a value AWS returned in a shape it does not accept back, e.g. a
   * list not yet JSON-encoded (docs/resource-types.md#summary: "re-encode lists as
   * JSON strings").
   */
  normaliseSaved?(value: string): string;
}

/**
 * Exactly one of the given values (AWS enums are case-sensitive).
 *
 * @example
 * ```ts
 * oneOf(['Default', 'KMS']).check('kms'); // 'must be one of: Default, KMS'
 * ```
 */
export const oneOf = (values: readonly string[]): ValueRule => ({
  check: (value) =>
    values.includes(value) ? undefined : `must be one of: ${values.join(', ')}`,
});

/** `"true"` or `"false"`, the way AWS reads metadata booleans (docs/resource-types.md#strings). */
export const booleanString: ValueRule = oneOf(['true', 'false']);

/** Bounds of {@link integerString}. */
export interface IntegerBounds {
  readonly min?: number;
  readonly max?: number;
}

/**
 * A whole number in decimal digits, within optional bounds.
 *
 * @example
 * ```ts
 * integerString({ min: 0, max: 180 }).check('181');
 * // 'must be a whole number from 0 to 180'
 * ```
 */
export const integerString = ({ min, max }: IntegerBounds = {}): ValueRule => {
  const range =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : '';
  return {
    check: (value) => {
      if (!/^-?\d+$/.test(value)) {
        return `must be a whole number${range}, written in digits`;
      }
      const n = Number(value);
      const outside =
        (min !== undefined && n < min) || (max !== undefined && n > max);
      return outside ? `must be a whole number${range}` : undefined;
    },
  };
};

/**
 * A string matching `pattern`.
 *
 * @param description - what a valid value is, e.g. `a subnet id (subnet-…)`
 */
export const matching = (pattern: RegExp, description: string): ValueRule => ({
  check: (value) =>
    pattern.test(value) ? undefined : `must be ${description}`,
});

/** Any string except the empty one. */
export const nonEmpty: ValueRule = {
  check: (value) => (value.trim() === '' ? 'must not be empty' : undefined),
};

/** A resource name under a {@link NameRule}. */
export const nameOf = (rule: NameRule): ValueRule => ({
  check: (value) => rule.check(value),
});

/** Options of {@link jsonArray}. */
export interface JsonArrayOptions {
  /** What each item is, e.g. `security group ids (sg-…)`. */
  readonly items: string;
  /** @returns what is wrong with one item, or `undefined` */
  readonly item?: (item: unknown) => string | undefined;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** A valid example, shown in messages. */
  readonly example: string;
}

/**
 * Splits a saved list AWS returned without JSON (`sg-1,sg-2` or one bare
 * id) into a JSON array string; a JSON array is kept as it is.
 */
const reencodeList = (value: string): string => {
  const json = parseJson(value);
  if (json.ok && Array.isArray(json.parsed)) {
    return value;
  }
  return JSON.stringify(value.split(/[\s,]+/).filter((part) => part !== ''));
};

/**
 * A JSON array encoded into the string, e.g. `["sg-0a1b2c3d"]`; a bare
 * `sg-0a1b2c3d` is wrong (docs/resource-types.md#strings).
 *
 * @example
 * ```ts
 * jsonArray({ items: 'strings', example: '["a"]' }).check('a');
 * // 'must be a JSON array string of strings, e.g. ["a"]'
 * ```
 */
export const jsonArray = (options: JsonArrayOptions): ValueRule => {
  const { items, item, minItems = 0, maxItems, example } = options;
  const count =
    maxItems === undefined
      ? minItems > 0
        ? ` (at least ${minItems})`
        : ''
      : ` (${minItems}–${maxItems} of them)`;
  const expected = `must be a JSON array string of ${items}${count}, e.g. ${example}`;
  return {
    check: (value) => {
      const json = parseJson(value);
      if (!json.ok || !Array.isArray(json.parsed)) {
        return expected;
      }
      const { parsed } = json;
      if (
        parsed.length < minItems ||
        (maxItems !== undefined && parsed.length > maxItems)
      ) {
        return `has ${parsed.length} items; ${expected}`;
      }
      for (const [index, entry] of parsed.entries()) {
        const wrong = item?.(entry);
        if (wrong !== undefined) {
          return `item ${index + 1} ${wrong}; ${expected}`;
        }
      }
      return undefined;
    },
    normaliseSaved: reencodeList,
  };
};

/** An item check: a string matching `pattern`. */
export const stringItem =
  (pattern: RegExp = /./) =>
  (item: unknown): string | undefined =>
    typeof item === 'string' && pattern.test(item)
      ? undefined
      : 'is not of the expected form';

/** An item check: a JSON object. */
export const objectItem = (item: unknown): string | undefined =>
  isJsonObject(item) ? undefined : 'is not an object';

/** A JSON array of non-empty strings. */
export const stringList = (
  options: Omit<JsonArrayOptions, 'item' | 'items'>
): ValueRule => jsonArray({ items: 'strings', ...options, item: stringItem() });

/** A JSON array of one or more security group ids. */
export const securityGroupIds: ValueRule = jsonArray({
  items: 'security group ids (sg-…)',
  item: stringItem(/^sg-[0-9a-f]+$/),
  minItems: 1,
  example: '["sg-0123456789abcdef0"]',
});

/** A JSON array of one or more subnet ids. */
export const subnetIds: ValueRule = jsonArray({
  items: 'subnet ids (subnet-…)',
  item: stringItem(/^subnet-[0-9a-f]+$/),
  minItems: 1,
  example: '["subnet-0123456789abcdef0"]',
});

/** One subnet id. */
export const subnetId: ValueRule = matching(
  /^subnet-[0-9a-f]+$/,
  'a subnet id (subnet-…)'
);

/**
 * A JSON object encoded into the string, e.g. `{"Tenancy":"default"}`.
 *
 * @param check - further checks on the parsed object
 */
export const jsonObject = (
  check?: (parsed: Record<string, unknown>) => string | undefined
): ValueRule => ({
  check: (value) => {
    const json = parseJson(value);
    if (!json.ok || !isJsonObject(json.parsed)) {
      return 'must be a JSON object string, e.g. {"Key":"value"}';
    }
    return check?.(json.parsed);
  },
});

/** Any JSON value encoded into the string. */
export const jsonValue: ValueRule = {
  check: (value) => (parseJson(value).ok ? undefined : 'must be a JSON string'),
};

/** An ISO 8601 timestamp with a time zone, e.g. `2026-03-01T04:15:00Z`. */
export const timestamp: ValueRule = {
  check: (value) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
      value
    ) && !Number.isNaN(Date.parse(value))
      ? undefined
      : 'must be an ISO 8601 timestamp with a time zone, e.g. 2026-03-01T04:15:00Z',
};

/** A UUID, e.g. the value of `aws:backup:request-id` (docs/resource-types.md#request-id-key). */
export const uuid: ValueRule = matching(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'a UUID, e.g. 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'
);

/**
 * An ARN of one service, e.g. `arnOf('kms')`.
 *
 * @param resource - the start of the resource part, e.g. `key/`
 */
export const arnOf = (service: string, resource = ''): ValueRule =>
  matching(
    new RegExp(
      `^arn:aws[a-z-]*:${service}:[a-z0-9-]*:\\d{0,12}:${resource}.+$`
    ),
    `an ARN of ${service}${resource === '' ? '' : ` (${resource}…)`}, e.g. arn:aws:${service}:eu-west-1:111122223333:${resource}…`
  );

/**
 * An Availability Zone name such as `eu-west-1a` (Local Zones included),
 * not a Region name: the EFS guide's own example wrongly shows a Region
 * (docs/resource-types.md#efs, #unverified).
 */
export const availabilityZoneName: ValueRule = matching(
  /^[a-z]{2}(-[a-z0-9]+)*-\d+[a-z]$/,
  'an Availability Zone name such as eu-west-1a (not a Region name)'
);
