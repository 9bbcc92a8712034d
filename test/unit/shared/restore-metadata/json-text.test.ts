import { describe, expect, it } from 'vitest';
import {
  isJsonObject,
  parseJson,
} from '../../../../shared/restore-metadata/json-text.js';

describe('parseJson', () => {
  it.each<[string, unknown]>([
    ['["sg-1"]', ['sg-1']],
    ['{"a":1}', { a: 1 }],
    ['null', null],
    ['"text"', 'text'],
  ])('parses %s', (text, parsed) => {
    // Arrange: the text comes from the table.

    // Act
    const result = parseJson(text);

    // Assert
    expect(result).toEqual({ ok: true, parsed });
  });

  it.each(['sg-1', '', '{', '[1,]'])(
    'reports %j as not JSON, without throwing',
    (text) => {
      // Arrange: the text comes from the table.

      // Act
      const result = parseJson(text);

      // Assert
      expect(result).toEqual({ ok: false });
    }
  );
});

describe('isJsonObject', () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    ['x', false],
    [1, false],
  ])('says whether %j is an object', (value, expected) => {
    // Arrange: the value comes from the table.

    // Act
    const result = isJsonObject(value);

    // Assert
    expect(result).toBe(expected);
  });
});
