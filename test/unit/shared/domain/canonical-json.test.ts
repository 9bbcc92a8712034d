import { describe, expect, it } from 'vitest';
import { canonicalJson } from '#shared/domain/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    // Act & Assert
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: { f: 1, e: 2 } }, 3] })).toBe(
      '{"a":[{"c":{"e":2,"f":1},"d":2},3],"b":1}'
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});
