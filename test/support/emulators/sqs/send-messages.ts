/**
 * SendMessage and SendMessageBatch: the limits of the API reference (message
 * size, body characters, attributes, `DelaySeconds` 0–900, batches of 1–10
 * entries with distinct ids and at most 1 MiB in total). Error message texts
 * are approximations (UNVERIFIED).
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 */
import { randomUUID } from 'node:crypto';
import { isJsonObject, type JsonObject } from '../aws-json-emulator.js';
import type { EmulatorClock } from '../emulator-clock.js';
import { INVALID_XML_CHARACTER } from '../message-attribute-rules.js';
import {
  md5Hex,
  md5OfAttributes,
  parseMessageAttributes,
} from './message-attributes.js';
import { numberAttribute } from './queue-attributes.js';
import type { Queue, QueueRegistry, StoredMessage } from './queues.js';
import {
  invalidParameterValue,
  missingParameter,
  SqsError,
} from './sqs-errors.js';
import { optionalInteger, optionalString } from './sqs-input.js';
import { SQS_MAX_MESSAGE_BYTES } from './sqs-operations.js';

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_BATCH_ENTRIES = 10;

/** What sending works with. */
export interface SendContext {
  queues: QueueRegistry;
  clock: EmulatorClock;
}

/**
 * Validates one message (SendMessage, or a batch entry) and stores it.
 *
 * @returns the SendMessage result members
 * @throws SqsError for a message SQS refuses
 * @example
 * ```ts
 * sendMessage(context, queue, { MessageBody: 'hi' }).MessageId;
 * ```
 */
export const sendMessage = (
  context: SendContext,
  queue: Queue,
  input: JsonObject
): JsonObject => {
  const body = optionalString(input, 'MessageBody');
  if (body === undefined || body === '') {
    throw missingParameter('MessageBody');
  }
  const invalid = INVALID_XML_CHARACTER.exec(body);
  if (invalid !== null) {
    const code = invalid[0].codePointAt(0) ?? 0;
    throw new SqsError(
      'InvalidMessageContents',
      `Invalid binary character '#x${code.toString(16).toUpperCase()}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`
    );
  }
  const delay = optionalInteger(
    input,
    'DelaySeconds',
    0,
    900,
    'DelaySeconds must be >= 0 and <= 900.'
  );
  const { attributes, size } = parseMessageAttributes(input.MessageAttributes);
  const maximum = numberAttribute(queue.attributes, 'MaximumMessageSize');
  if (Buffer.byteLength(body) + size > maximum) {
    throw invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximum} bytes.`
    );
  }
  // The emulator has standard queues only, which refuse a deduplication id.
  if (optionalString(input, 'MessageDeduplicationId') !== undefined) {
    throw invalidParameterValue(
      'The request include parameter that is not valid for this queue type'
    );
  }

  const now = context.clock.now();
  const delaySeconds =
    delay ?? numberAttribute(queue.attributes, 'DelaySeconds');
  const message: StoredMessage = {
    messageId: randomUUID(),
    body,
    attributes,
    md5OfBody: md5Hex(body),
    sentAt: now,
    visibleAt: now + delaySeconds * 1000,
    receiveCount: 0,
    firstReceivedAt: undefined,
    deadLetterSourceArn: undefined,
    gone: false,
  };
  context.queues.store(queue, message);
  const md5OfMessageAttributes = md5OfAttributes(attributes);
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(md5OfMessageAttributes === undefined
      ? {}
      : { MD5OfMessageAttributes: md5OfMessageAttributes }),
  };
};

/**
 * SendMessageBatch: refuses a malformed batch as a whole, then sends each
 * entry, reporting the entries SQS refuses as failed.
 *
 * @example
 * ```ts
 * sendMessageBatch(context, queue, { Entries: [{ Id: '1', MessageBody: 'hi' }] });
 * ```
 */
export const sendMessageBatch = (
  context: SendContext,
  queue: Queue,
  input: JsonObject
): { Successful: JsonObject[]; Failed: JsonObject[] } => {
  const entries = input.Entries;
  if (entries === undefined || entries === null) {
    throw missingParameter('Entries');
  }
  if (!Array.isArray(entries) || !entries.every(isJsonObject)) {
    throw invalidParameterValue(
      'Value for parameter Entries is invalid. Reason: must be a list of structures.'
    );
  }
  if (entries.length === 0) {
    throw new SqsError(
      'EmptyBatchRequest',
      'There should be at least one SendMessageBatchRequestEntry in the request.'
    );
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`
    );
  }
  const ids = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.'
      );
    }
    if (ids.has(id)) {
      throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    }
    ids.add(id);
    total +=
      typeof entry.MessageBody === 'string'
        ? Buffer.byteLength(entry.MessageBody)
        : 0;
    // Attribute bytes count too; malformed attributes fail per entry.
    try {
      total += parseMessageAttributes(entry.MessageAttributes).size;
    } catch {
      // Reported as that entry's failure below.
    }
  }
  if (total > SQS_MAX_MESSAGE_BYTES) {
    throw new SqsError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${SQS_MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`
    );
  }
  const successful: JsonObject[] = [];
  const failed: JsonObject[] = [];
  for (const entry of entries) {
    const id = String(entry.Id);
    try {
      successful.push({ Id: id, ...sendMessage(context, queue, entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) {
        throw error;
      }
      failed.push({
        Id: id,
        SenderFault: true,
        Code: error.code,
        Message: error.message,
      });
    }
  }
  return { Successful: successful, Failed: failed };
};
