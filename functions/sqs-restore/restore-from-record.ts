import type { KeyedLimiter } from '#shared/domain/keyed-limiter';
import { AppError } from '#shared/errors/app-error';
import {
  type RequestResult,
  startOrReject,
} from '#shared/use-cases/start-or-reject';
import type { SqsRestoreDeps } from './deps.js';
import { requestedByOfRecord } from './requested-by.js';
import type { SqsRestoreRecord } from './sqs-restore-record.js';

/**
 * Handles one record of the request queue: started, replayed or rejected
 * records succeed (SQS deletes them); a retryable failure throws, so the
 * batch reports the record and SQS delivers it again after the visibility
 * timeout.
 *
 * `asOf` is the message's `SentTimestamp`: every redelivery of the message
 * picks the same `latest` recovery point.
 */
export const restoreFromRecord = (
  record: SqsRestoreRecord,
  deps: SqsRestoreDeps,
  limiter: KeyedLimiter
): Promise<RequestResult> => {
  const { reading, text } = record.body;
  const key = reading.ok ? reading.key : record.messageId;
  const sent = Number(record.attributes.SentTimestamp);
  return limiter.run(key, async () => {
    try {
      return await startOrReject(reading, deps, {
        source: 'sqs',
        original: text,
        messageId: record.messageId,
        requestedBy: requestedByOfRecord(record),
        ...(Number.isFinite(sent) ? { asOf: new Date(sent) } : {}),
      });
    } catch (error) {
      (deps.logFor?.(key) ?? deps.log).warn(
        'restore request will be redelivered',
        {
          messageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          errorCode: error instanceof AppError ? error.code : 'Unexpected',
          error,
        }
      );
      throw error;
    }
  });
};
