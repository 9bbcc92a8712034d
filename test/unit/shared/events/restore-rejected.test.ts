import { describe, expect, it } from 'vitest';
import { RelayNotificationSchema } from '#shared/events/relay-notification';
import {
  buildRestoreRejected,
  MAX_ORIGINAL_BYTES,
  RESTORE_REJECTED,
  RestoreRejectedSchema,
  truncateUtf8,
} from '#shared/events/restore-rejected';

const fields = (original: string) => ({
  requestId: 'inc-42',
  resourceType: 'EFS',
  source: 'sqs',
  reason: {
    code: 'RestoreRequestInvalid',
    message: 'invalid restore request: IamRoleArn: unknown field',
    problems: [{ path: 'IamRoleArn', message: 'unknown field' }],
  },
  original,
  messageId: '0f4c8a52-7d3e-4b19-9e60-5a2b7c1d3e84',
  rejectedAt: '2026-03-01T05:00:00.000Z',
  context: { ticket: 'INC-42' },
});

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('buildRestoreRejected', () => {
  it('fills in the schema version and type and keeps a short original', () => {
    // Arrange
    const original = '{"IamRoleArn":"arn:aws:iam::111122223333:role/admin"}';

    // Act
    const notification = buildRestoreRejected(fields(original));

    // Assert
    expect(notification).toEqual({
      schemaVersion: '1',
      type: RESTORE_REJECTED,
      ...fields(original),
      originalTruncated: false,
    });
  });

  it('validates as a relay notification', () => {
    // Arrange
    const notification = buildRestoreRejected(fields('{}'));

    // Act
    const result = RelayNotificationSchema.safeParse(notification);

    // Assert
    expect(result.success).toBe(true);
    expect(result.data?.type).toBe('restore.rejected');
  });

  it('needs only the required fields', () => {
    // Arrange
    const minimal = {
      source: 'invoke',
      reason: { code: 'PolicyViolation', message: 'restoreRole: not allowed' },
      original: 'null',
      rejectedAt: '2026-03-01T05:00:00.000Z',
      context: {},
    };

    // Act
    const notification = buildRestoreRejected(minimal);

    // Assert
    expect(RestoreRejectedSchema.parse(notification)).toEqual({
      schemaVersion: '1',
      type: 'restore.rejected',
      ...minimal,
      originalTruncated: false,
    });
  });

  it('cuts an original over 64 KiB and says so', () => {
    // Arrange
    const original = `{"note":"${'a'.repeat(MAX_ORIGINAL_BYTES)}"}`;

    // Act
    const notification = buildRestoreRejected(fields(original));

    // Assert
    expect(MAX_ORIGINAL_BYTES).toBe(64 * 1024);
    expect(notification.originalTruncated).toBe(true);
    expect(bytes(notification.original)).toBe(MAX_ORIGINAL_BYTES);
    expect(original.startsWith(notification.original)).toBe(true);
    expect(RelayNotificationSchema.safeParse(notification).success).toBe(true);
  });

  it('keeps an original of exactly 64 KiB whole', () => {
    // Arrange
    const original = 'é'.repeat(MAX_ORIGINAL_BYTES / 2);

    // Act
    const notification = buildRestoreRejected(fields(original));

    // Assert
    expect(notification.originalTruncated).toBe(false);
    expect(notification.original).toBe(original);
  });

  it('never ends a cut original in a broken character', () => {
    // Arrange: 1 byte, then 4-byte characters, so the cut falls inside one.
    const original = `a${'😀'.repeat(MAX_ORIGINAL_BYTES / 4)}`;

    // Act
    const notification = buildRestoreRejected(fields(original));

    // Assert
    expect(notification.originalTruncated).toBe(true);
    expect(notification.original).not.toContain('\uFFFD');
    expect(notification.original.endsWith('😀')).toBe(true);
    expect(bytes(notification.original)).toBe(MAX_ORIGINAL_BYTES - 3);
    expect(original.startsWith(notification.original)).toBe(true);
  });

  it('refuses fields the notification schema does not allow', () => {
    // Arrange
    const bad = { ...fields('{}'), rejectedAt: 'yesterday' };

    // Act
    const act = () => buildRestoreRejected(bad);

    // Assert
    expect(act).toThrow();
  });
});

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
