import { describe, expect, it } from 'vitest';
import { truncateUtf8 } from '#shared/domain/truncate-utf8';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
describe('truncateUtf8', () => {
  it('returns a text that fits unchanged', () => {
    // Act
    const result = truncateUtf8('héllo', 6);

    // Assert
    expect(result).toEqual({ text: 'héllo', truncated: false });
  });

  it.each([
    ['a 2-byte', 'é'],
    ['a 3-byte', '€'],
    ['a 4-byte', '😀'],
  ])('never splits %s character, wherever the cut falls', (_case, char) => {
    // Arrange
    const width = bytes(char);
    const text = `ab${char.repeat(4)}`;
    const limits = Array.from({ length: width * 3 }, (_, i) => 2 + width + i);

    // Act
    const results = limits.map((limit) => truncateUtf8(text, limit));

    // Assert
    for (const [i, result] of results.entries()) {
      const limit = limits[i] ?? 0;
      const whole = Math.floor((limit - 2) / width);
      expect(result).toEqual({
        text: `ab${char.repeat(whole)}`,
        truncated: true,
      });
      expect(bytes(result.text)).toBeLessThanOrEqual(limit);
    }
  });
});
