import { describe, expect, it } from 'vitest';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import {
  stringifyOverrides,
  toMetadataString,
} from '../../../../shared/restore-metadata/to-metadata-string.js';

describe('toMetadataString', () => {
  it.each<[string, MetadataValue, string]>([
    ['a string as it is', 'sg-0a1b2c3d', 'sg-0a1b2c3d'],
    ['the empty string', '', ''],
    ['an integer', 100, '100'],
    ['a negative integer', -1, '-1'],
    ['minus zero as 0', -0, '0'],
    ['a fraction', 1.5, '1.5'],
    ['a large integer without an exponent', 1e21, '1000000000000000000000'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    [
      'an array as compact JSON',
      ['sg-0a1b2c3d', 'sg-1'],
      '["sg-0a1b2c3d","sg-1"]',
    ],
    ['an empty array', [], '[]'],
    [
      'an object as compact JSON',
      { Tenancy: 'default', n: 1 },
      '{"Tenancy":"default","n":1}',
    ],
    ['nested JSON with null inside', [{ a: null }], '[{"a":null}]'],
  ])('converts %s', (_name, value, expected) => {
    // Arrange: the value comes from the table.

    // Act
    const result = toMetadataString(value);

    // Assert
    expect(result).toEqual({ ok: true, value: expected });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'rejects the non-finite number %s',
    (value) => {
      // Arrange: the value comes from the table.

      // Act
      const result = toMetadataString(value);

      // Assert
      expect(result).toEqual({
        ok: false,
        message: 'must be a finite number; NaN and Infinity cannot be sent',
      });
    }
  );

  it('rejects a fraction that has no plain decimal form', () => {
    // Arrange
    const tiny = 1e-7;

    // Act
    const result = toMetadataString(tiny);

    // Assert
    expect(result).toEqual({
      ok: false,
      message: 'is too small to write as a plain decimal; send it as a string',
    });
  });

  it('rejects null unless the key allows it', () => {
    // Arrange
    const value = null;

    // Act
    const refused = toMetadataString(value);
    const allowed = toMetadataString(value, { allowNull: true });

    // Assert
    expect(refused).toEqual({
      ok: false,
      message: 'must not be null; send a string, number, boolean or JSON value',
    });
    expect(allowed).toEqual({ ok: true, value: 'null' });
  });

  it.each<[string, MetadataValue, string]>([
    ['an array', [1, Number.NaN], '[1]'],
    ['an object', { a: { b: Number.POSITIVE_INFINITY } }, '.a.b'],
    ['an object in an array', [{ n: Number.NaN }], '[0].n'],
  ])('names the place of a non-finite number inside %s', (_name, value, at) => {
    // Arrange: JSON.stringify would silently write null there.

    // Act
    const result = toMetadataString(value);

    // Assert
    expect(result).toEqual({
      ok: false,
      message: `holds a number that is not finite at ${at}; JSON has no NaN or Infinity`,
    });
  });
});

describe('stringifyOverrides', () => {
  it('converts every value and reports the ones it cannot, by key', () => {
    // Arrange
    const overrides = {
      volumeSize: 100,
      encrypted: true,
      bad: Number.NaN,
      profile: null,
      gone: null,
    };

    // Act
    const result = stringifyOverrides(overrides, (key) => key === 'profile');

    // Assert
    expect(result).toEqual({
      values: { volumeSize: '100', encrypted: 'true', profile: 'null' },
      problems: [
        {
          path: 'metadata.bad',
          message: 'must be a finite number; NaN and Infinity cannot be sent',
        },
        {
          path: 'metadata.gone',
          message:
            'must not be null; send a string, number, boolean or JSON value',
        },
      ],
    });
  });
});
