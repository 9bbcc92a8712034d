import fc from 'fast-check';
import { INVALID_AWS_CHARACTER } from '#shared/domain/aws-text';
import type { JsonValue } from '#shared/domain/json';

/**
 * Keys that reach prototype machinery when code assigns them with `obj[key]`
 * or reads them with `in`: a parser must keep or report them, never act on
 * them.
 */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
] as const;

/** Strings that break naive parsers: empty, blank, control, look-alikes. */
const TRICKY_TEXT = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  '\u2028',
  '\ufeff',
  'null',
  'true',
  '0',
  '-0',
  '1e999',
  'NaN',
  '[]',
  '{}',
  '"',
  '\\',
  'undefined',
  ...PROTOTYPE_KEYS,
];

/** A lone UTF-16 surrogate, which JSON text can carry as `\uD800`. */
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/**
 * Any text a caller may send: ASCII, Unicode graphemes, any code point, lone
 * surrogates, and a list of known-tricky strings.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(anyText(), (s) => parse(s) !== undefined));
 * ```
 */
export const anyText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: loneSurrogate, minLength: 1, maxLength: 3 }),
    fc.constantFrom(...TRICKY_TEXT)
  );

/**
 * Text a valid request may carry: {@link anyText} without the characters
 * AWS refuses (control characters, U+FFFE, U+FFFF, lone surrogates).
 *
 * @example
 * ```ts
 * fc.sample(awsText(), 1)[0]; // never contains '\u0000'
 * ```
 */
export const awsText = (maxLength = 40): fc.Arbitrary<string> =>
  anyText(maxLength).filter((t) => !INVALID_AWS_CHARACTER.test(t));

/**
 * A long string of one repeated grapheme: over every length limit of the
 * request contract (128, 256, 2,048, 4,096), and now and then over 64 KiB.
 * Mostly a few kilobytes, which keeps the default run cheap.
 *
 * @example
 * ```ts
 * fc.sample(hugeText(), 1)[0].length > 128; // true
 * ```
 */
export const hugeText = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('a', 'é', '💥', '-', ' ', '0'),
      fc.oneof(
        { arbitrary: fc.constantFrom(129, 257, 2049, 4097), weight: 4 },
        { arbitrary: fc.integer({ min: 129, max: 5000 }), weight: 4 },
        { arbitrary: fc.integer({ min: 65_537, max: 70_000 }), weight: 1 }
      )
    )
    .map(([unit, count]) => unit.repeat(count));

/**
 * An object with exactly the given entries as own keys, `__proto__`
 * included, as `JSON.parse` builds it (`Object.fromEntries` defines keys
 * instead of assigning them).
 *
 * @example
 * ```ts
 * Object.hasOwn(ownEntries([['__proto__', 1]]), '__proto__'); // true
 * ```
 */
export const ownEntries = <T>(
  entries: readonly (readonly [string, T])[]
): Record<string, T> => Object.fromEntries(entries);

/**
 * An object arbitrary with unique keys from `key` and values from `value`,
 * every key an own key (see {@link ownEntries}).
 *
 * @example
 * ```ts
 * objectOf(fc.constantFrom('a', '__proto__'), fc.integer());
 * ```
 */
export const objectOf = <T>(
  key: fc.Arbitrary<string>,
  value: fc.Arbitrary<T>,
  maxKeys = 4
): fc.Arbitrary<Record<string, T>> =>
  fc
    .uniqueArray(fc.tuple(key, value), {
      selector: ([k]) => k,
      maxLength: maxKeys,
    })
    .map(ownEntries);

/** Numbers JSON can carry, including the edges the stringifier must handle. */
const jsonNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 1e-7, Number.MAX_SAFE_INTEGER + 2, 5e-324)
);

/** Options of {@link jsonValue}. */
export interface JsonValueOptions {
  /** Object keys; any text (prototype keys included) by default. */
  readonly key?: fc.Arbitrary<string>;
  /** Strings at the leaves; {@link anyText} by default. */
  readonly text?: fc.Arbitrary<string>;
  readonly maxDepth?: number;
}

/**
 * Any JSON value, with control over its object keys (for instance to leave
 * out `__proto__` where a test needs a valid request).
 *
 * @example
 * ```ts
 * jsonValue({ key: fc.constantFrom('a', 'b'), maxDepth: 2 });
 * ```
 */
export const jsonValue = (
  options: JsonValueOptions = {}
): fc.Arbitrary<JsonValue> => {
  const key = options.key ?? anyText(12);
  const text = options.text ?? anyText();
  const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
    text,
    jsonNumber,
    fc.boolean(),
    fc.constant(null)
  );
  const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: options.maxDepth ?? 3 },
      leaf,
      fc.array(tie('value'), { maxLength: 4 }),
      objectOf(key, tie('value'))
    ),
  }));
  return value;
};

/** Which containers {@link deeplyNested} stacks. */
type Nesting = 'array' | 'object' | 'mixed';

const nestingArb = fc.constantFrom<Nesting>('array', 'object', 'mixed');

/**
 * A JSON value nested `depth` levels deep (up to `maxDepth`, 8,000 by
 * default): a few kilobytes as text, and deeper than any recursive walk over
 * it survives on Node's default stack. Built in a loop, so generating it
 * cannot overflow the stack itself.
 *
 * @example
 * ```ts
 * deeplyNested(3); // e.g. [[{"a":[1]}]]
 * ```
 */
export const deeplyNested = (maxDepth = 8000): fc.Arbitrary<JsonValue> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxDepth }), nestingArb)
    .map(([depth, nesting]) => {
      let value: JsonValue = 1;
      for (let level = 0; level < depth; level += 1) {
        const asArray =
          nesting === 'array' || (nesting === 'mixed' && level % 2 === 0);
        value = asArray ? [value] : { a: value };
      }
      if (typeof value === 'object' && value !== null) {
        // fast-check prints counterexamples recursively; a short label keeps
        // a failure report from overflowing the stack itself. Not
        // enumerable, so JSON, zod and Object.entries never see it.
        Object.defineProperty(value, fc.toStringMethod, {
          value: () => `<${nesting} nesting ${depth} levels deep>`,
        });
      }
      return value;
    });

/**
 * The JSON text of {@link deeplyNested}, written directly (serialising the
 * value would itself overflow the stack).
 *
 * @example
 * ```ts
 * deeplyNestedText(2); // e.g. '[[1]]' or '{"a":{"a":1}}'
 * ```
 */
export const deeplyNestedText = (maxDepth = 8000): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxDepth }), nestingArb)
    .map(([depth, nesting]) => {
      const open: string[] = [];
      const close: string[] = [];
      for (let level = 0; level < depth; level += 1) {
        const asArray =
          nesting === 'array' || (nesting === 'mixed' && level % 2 === 0);
        open.push(asArray ? '[' : '{"a":');
        close.push(asArray ? ']' : '}');
      }
      return `${open.join('')}1${close.reverse().join('')}`;
    });

/**
 * Any JavaScript value a direct caller could hand over, far beyond JSON:
 * `undefined`, `NaN`, boxed values, `Map`, `Set`, `BigInt`, dates, typed
 * arrays, sparse arrays and null-prototype objects.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(anyJsValue(), (v) => { parse(v); }));
 * ```
 */
export const anyJsValue = (): fc.Arbitrary<unknown> =>
  fc.anything({
    key: anyText(12),
    maxDepth: 3,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withObjectString: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
  });
