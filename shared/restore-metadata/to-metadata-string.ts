import type { Problem } from '../domain/problem.js';
import type { MetadataValue } from './metadata-builder.js';

/** One value converted for AWS, or why it cannot be sent. */
export type MetadataStringResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: string };

/** Options of {@link toMetadataString}. */
export interface ToMetadataStringOptions {
  /**
   * Whether JSON `null` may be sent, as the string `"null"`. Only a few keys
   * take it, e.g. EC2 `IamInstanceProfileName` (docs/resource-types.md#ec2).
   */
  readonly allowNull?: boolean;
}

const ok = (value: string): MetadataStringResult => ({ ok: true, value });
const fail = (message: string): MetadataStringResult => ({
  ok: false,
  message,
});

/**
 * Writes a number the way AWS reads metadata numbers: plain decimal digits.
 * `String(1e21)` is `"1e+21"`, so large integers go through `BigInt`; a
 * fraction too small to write without an exponent has no exact plain form.
 */
const decimal = (value: number): string | undefined => {
  if (Object.is(value, -0)) {
    return '0';
  }
  const text = String(value);
  if (!/e/i.test(text)) {
    return text;
  }
  return Number.isInteger(value) ? BigInt(value).toString() : undefined;
};

/**
 * Finds a non-finite number inside an array or object: `JSON.stringify`
 * would silently turn it into `null`, which is never what the caller meant.
 *
 * @returns the JSON path of the first one (`[2]`, `.a.b`), or `undefined`
 */
const findNonFinite = (value: MetadataValue, path = ''): string | undefined => {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : path;
  }
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const children: [string, MetadataValue][] = Array.isArray(value)
    ? value.map((item, index): [string, MetadataValue] => [`[${index}]`, item])
    : Object.entries(value).map(([k, v]): [string, MetadataValue] => [
        `.${k}`,
        v,
      ]);
  for (const [step, child] of children) {
    const found = findNonFinite(child, `${path}${step}`);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
};

/**
 * Converts one request metadata value into the string AWS expects
 * (docs/resource-types.md#strings): strings as they are, numbers as decimal
 * strings, booleans as `"true"` / `"false"`, arrays and objects as compact
 * JSON, and `null` as `"null"` only when `allowNull` is set.
 *
 * @example
 * ```ts
 * toMetadataString(['sg-0a1b2c3d']); // { ok: true, value: '["sg-0a1b2c3d"]' }
 * toMetadataString(Number.NaN); // { ok: false, message: 'must be a finite …' }
 * ```
 */
export const toMetadataString = (
  value: MetadataValue,
  options: ToMetadataStringOptions = {}
): MetadataStringResult => {
  if (typeof value === 'string') {
    return ok(value);
  }
  if (typeof value === 'boolean') {
    return ok(value ? 'true' : 'false');
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return fail('must be a finite number; NaN and Infinity cannot be sent');
    }
    const text = decimal(value);
    return text === undefined
      ? fail('is too small to write as a plain decimal; send it as a string')
      : ok(text);
  }
  if (value === null) {
    return options.allowNull
      ? ok('null')
      : fail('must not be null; send a string, number, boolean or JSON value');
  }
  const bad = findNonFinite(value);
  if (bad !== undefined) {
    return fail(
      `holds a number that is not finite at ${bad}; JSON has no NaN or Infinity`
    );
  }
  return ok(JSON.stringify(value));
};

/** Request overrides as strings, and the problems of those that are not. */
export interface StringifiedOverrides {
  readonly values: Readonly<Record<string, string>>;
  readonly problems: readonly Problem[];
}

/**
 * Applies {@link toMetadataString} to every override. A value that cannot be
 * converted is left out and reported at `metadata.<key>`.
 *
 * @param allowNull - whether `null` may be sent for a key (as given)
 * @example
 * ```ts
 * stringifyOverrides({ volumeSize: 100 }, () => false);
 * // { values: { volumeSize: '100' }, problems: [] }
 * ```
 */
export const stringifyOverrides = (
  overrides: Readonly<Record<string, MetadataValue>>,
  allowNull: (key: string) => boolean
): StringifiedOverrides => {
  // Entries, then Object.fromEntries: a key such as __proto__ stays an own
  // key (and is reported as unknown) instead of vanishing on assignment.
  const values: [string, string][] = [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const result = toMetadataString(value, { allowNull: allowNull(key) });
    if (result.ok) {
      values.push([key, result.value]);
    } else {
      problems.push({ path: `metadata.${key}`, message: result.message });
    }
  }
  return { values: Object.fromEntries(values), problems };
};
