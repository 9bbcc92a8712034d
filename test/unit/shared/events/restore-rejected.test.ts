import { describe, expect, it } from 'vitest';
import { RelayNotificationSchema } from '#shared/events/relay-notification';
import {
  buildRestoreRejected,
  MAX_ORIGINAL_BYTES,
  RESTORE_REJECTED,
  RestoreRejectedSchema,
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
    // Arrange: 10 + 2 bytes of JSON around 32,762 two-byte characters.
    const original = `{"note":"a${'é'.repeat(32_762)}"}`;

    // Act
    const notification = buildRestoreRejected(fields(original));

    // Assert
    expect(bytes(original)).toBe(MAX_ORIGINAL_BYTES);
    expect(notification.originalTruncated).toBe(false);
    expect(notification.original).toBe(original);
  });

  it('never ends a cut original in a broken character', () => {
    // Arrange: 6 bytes, then 4-byte characters, so the cut falls inside one.
    const original = `{"n":"${'😀'.repeat(MAX_ORIGINAL_BYTES / 4)}"}`;

    // Act
    const notification = buildRestoreRejected(fields(original));

    // Assert
    expect(notification.originalTruncated).toBe(true);
    expect(notification.original).not.toContain('\uFFFD');
    expect(notification.original.endsWith('😀')).toBe(true);
    expect(bytes(notification.original)).toBe(MAX_ORIGINAL_BYTES - 2);
    expect(original.startsWith(notification.original)).toBe(true);
  });

  it('repeats no metadata value and no task token, at any depth, and no text that is not JSON', () => {
    // Arrange
    const event = {
      'detail-type': 'Restore Requested',
      detail: {
        requestId: 'inc-7',
        taskToken: 'AQB8AAAAKgAAAAMAAAAA',
        metadata: {
          TdeCredentialPassword: 'hunter2',
          UserData: { nested: ['IyEvYmluL3No'] },
        },
      },
    };

    // Act
    const redacted = buildRestoreRejected(fields(JSON.stringify(event)));
    const text = buildRestoreRejected(fields('password=hunter2'));

    // Assert
    expect(JSON.parse(redacted.original)).toEqual({
      'detail-type': 'Restore Requested',
      detail: {
        requestId: 'inc-7',
        taskToken: '[redacted]',
        metadata: {
          TdeCredentialPassword: '[redacted]',
          UserData: '[redacted]',
        },
      },
    });
    expect(redacted.original).not.toMatch(/hunter2|IyEv|AQB8/);
    expect(text.original).toBe(
      '[not JSON: kept as received in the dead-letter queue only]'
    );
  });

  it('redacts inside an array of 87,000 objects (the most a body within the size limit holds) without overflowing the stack', () => {
    // Arrange
    const items = Array.from({ length: 87_000 }, () => '{}');
    const original = `{"x":[{"metadata":{"UserData":"IyEv"}},${items.join(',')}]}`;

    // Act
    const notification = buildRestoreRejected(fields(original));

    // Assert
    expect(notification.originalTruncated).toBe(true);
    expect(notification.original).toMatch(
      /^\{"x":\[\{"metadata":\{"UserData":"\[redacted\]"\}\},\{\},/
    );
  });

  it('does not parse or repeat a request over the size limit', () => {
    // Arrange: refused for its size before parsing; parsing it only to
    // repeat 64 KiB of it would cost the memory the limit saves.
    const original = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });

    // Act
    const notification = buildRestoreRejected(fields(original));

    // Assert
    expect(notification.original).toBe(
      '[over 262144 bytes: kept as received in the dead-letter queue only]'
    );
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
