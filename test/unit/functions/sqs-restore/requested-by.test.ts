import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requestedByOfRecord } from '../../../../functions/sqs-restore/requested-by.js';
import { SqsRestoreRecordSchema } from '../../../../functions/sqs-restore/sqs-restore-record.js';

const sample = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/events/sqs-record.json', import.meta.url),
    'utf8'
  )
) as Record<string, unknown> & { attributes: Record<string, string> };

describe('requestedByOfRecord', () => {
  it('names the sender SQS reports, from the SenderId attribute', () => {
    // Arrange
    const record = SqsRestoreRecordSchema.parse(sample);

    // Act
    const requestedBy = requestedByOfRecord(record);

    // Assert
    expect(requestedBy).toStrictEqual({
      via: 'sqs',
      senderId: 'AROAEXAMPLEROLEID:request-producer',
    });
  });

  it('takes nothing from the body, whatever it claims', () => {
    // Arrange
    const record = SqsRestoreRecordSchema.parse({
      ...sample,
      body: JSON.stringify({
        requestId: 'inc-42',
        context: { requestedBy: { via: 'cli' }, senderId: 'AIDAFORGED' },
      }),
    });

    // Act
    const requestedBy = requestedByOfRecord(record);

    // Assert
    expect(requestedBy).toStrictEqual({
      via: 'sqs',
      senderId: 'AROAEXAMPLEROLEID:request-producer',
    });
  });

  it('names no one when SQS reports an unusable id', () => {
    // Arrange
    const record = SqsRestoreRecordSchema.parse({
      ...sample,
      attributes: { ...sample.attributes, SenderId: '' },
    });

    // Act
    const requestedBy = requestedByOfRecord(record);

    // Assert
    expect(requestedBy).toBeUndefined();
  });
});
