import {
  parseRequestedBy,
  type RequestedBy,
} from '#shared/domain/requested-by';
import type { SqsRestoreRecord } from './sqs-restore-record.js';

/**
 * Who sent a message to the request queue: the `SenderId` SQS reports (the
 * IAM user id, or the role id and session name, of the `SendMessage`
 * caller; https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
 * Nothing from the body: a sender can write anything there.
 *
 * @returns undefined when SQS reported no usable id
 *
 * @example
 * ```ts
 * requestedByOfRecord(record);
 * // { via: 'sqs', senderId: 'AROAEXAMPLEROLEID:request-producer' }
 * ```
 */
export const requestedByOfRecord = (
  record: Pick<SqsRestoreRecord, 'attributes'>
): RequestedBy | undefined =>
  parseRequestedBy({ via: 'sqs', senderId: record.attributes.SenderId });
