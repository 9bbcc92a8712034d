import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeJson } from '#shared/domain/serialize-json';
import { fuzzRuns } from '#test/support/fuzz-runs';

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) {
    value = i % 2 === 0 ? { a: value } : [value];
  }
  return value;
};

describe('serializeJson', () => {
  it('equals JSON.stringify for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(serializeJson(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('serialises a value nested 20,000 levels deep, where JSON.stringify throws', () => {
    // Arrange
    const value = nested(20_000);

    // Act
    const text = serializeJson(value);

    // Assert
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(text.startsWith('[{"a":[{"a":')).toBe(true);
    expect(text.length).toBe(
      (20_000 * 6) / 2 + (20_000 / 2) * 2 + '"bottom"'.length
    );
  });

  it('leaves out undefined members and writes undefined items as null, as JSON.stringify does', () => {
    expect(serializeJson({ a: undefined, b: [undefined, 1] })).toBe(
      JSON.stringify({ a: undefined, b: [undefined, 1] })
    );
    expect(serializeJson({ d: new Date(0) })).toBe(
      JSON.stringify({ d: new Date(0) })
    );
  });
});
