import { describe, expect, it } from 'vitest';
import { INVALID_AWS_CHARACTER } from '#shared/domain/aws-text';
import { readRestoreRequestBody } from '#shared/events/read-restore-request';
import {
  fixedHostileBodies,
  generatedHostileBodies,
  worstHostileBody,
} from '#test/support/hostile-bodies';

const SQS_MAX_BYTES = 1_048_576;

const sendable = (text: string): boolean =>
  text.length > 0 &&
  Buffer.byteLength(text, 'utf8') <= SQS_MAX_BYTES &&
  !INVALID_AWS_CHARACTER.test(text);

describe('hostile bodies', () => {
  it('are all bodies SQS takes, and all but the constructor ARN are refused by reading', () => {
    // Arrange
    const bodies = [...fixedHostileBodies(), worstHostileBody()];

    // Act
    const readable = bodies
      .filter((b) => readRestoreRequestBody(b.text).ok)
      .map((b) => b.name);

    // Assert
    expect(bodies.filter((b) => !sendable(b.text))).toEqual([]);
    expect(readable).toEqual(['a resource ARN whose service is "constructor"']);
  });

  it('puts tens of thousands of unknown keys in the worst body, just under 1 MiB', () => {
    // Act
    const { text } = worstHostileBody();

    // Assert
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThan(1_000_000);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThan(SQS_MAX_BYTES);
    expect(text.match(/"k\d+":1/g)?.length).toBeGreaterThan(20_000);
  });

  it('generates the same sendable bodies for the same seed, and others for another', () => {
    // Act
    const first = generatedHostileBodies(7, 20);
    const again = generatedHostileBodies(7, 20);
    const other = generatedHostileBodies(8, 20);

    // Assert
    expect(first).toHaveLength(20);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(first.filter((b) => !sendable(b.text))).toEqual([]);
    expect(generatedHostileBodies(7, 0)).toEqual([]);
  });
});
