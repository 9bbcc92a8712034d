import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  escapeInvalidCharacters,
  toAttributeText,
} from '../domain/aws-text.js';
import { truncateUtf8 } from '../domain/truncate-utf8.js';
import { DependencyFailureError } from '../errors/errors.js';
import type {
  DeadLetter,
  DeadLetterQueue,
} from '../ports/dead-letter-queue.js';
import { toAppError } from './to-app-error.js';

// A message, its attributes' names, types and values together, is at most
// 1 MiB (the queue's default MaximumMessageSize); at most 10 attributes.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
const MAX_MESSAGE_BYTES = 1_048_576;
const MAX_ATTRIBUTES = 10;
const MAX_ATTRIBUTE_CHARS = 1024;
const STRING = 'String';

// The attributes that matter most come first: when a body near the limit
// leaves little room, the long explanation goes before the error code.
const PRIORITY = [
  'errorCode',
  'source',
  'rejectedAt',
  'requestId',
  'messageId',
  'eventId',
  'requestedBy',
  'errorMessage',
];

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

const rank = (name: string): number => {
  const at = PRIORITY.indexOf(name);
  return at < 0 ? PRIORITY.length : at;
};

/**
 * {@link DeadLetterQueue} over SQS `SendMessage`: the body as received, the
 * reason as string message attributes. Whatever the request held, the copy
 * is one SQS accepts, so a permanent rejection never turns into a retry:
 *
 * - characters SQS refuses (a control character, U+FFFE, a lone surrogate,
 *   which an EventBridge event or an invocation payload can carry as JSON
 *   text) are written as `\uXXXX`, which means the same in JSON;
 * - attribute values are cut to 1,024 characters without splitting a
 *   surrogate pair; empty ones are left out (SQS rejects them);
 * - attributes are added by priority while the message stays within 1 MiB;
 *   a body that alone exceeds it (a direct invocation may carry 6 MB) is
 *   cut, and `bodyTruncated` says so.
 */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(deps: { readonly client: SQSClient; readonly queueUrl: string }) {
    this.#client = deps.client;
    this.#queueUrl = deps.queueUrl;
  }

  async send(letter: DeadLetter): Promise<void> {
    const escaped = escapeInvalidCharacters(letter.body) || '(empty)';
    const truncatedNote = { name: 'bodyTruncated', value: 'true' };
    const noteBytes = bytes(truncatedNote.name) + bytes(STRING) + 4;
    const tooLong = bytes(escaped) > MAX_MESSAGE_BYTES - noteBytes;
    const body = tooLong
      ? truncateUtf8(escaped, MAX_MESSAGE_BYTES - noteBytes).text
      : escaped;
    const candidates = [
      ...(tooLong ? [truncatedNote] : []),
      ...Object.entries(letter.attributes)
        .map(([name, value]) => ({
          name,
          value: toAttributeText(value, MAX_ATTRIBUTE_CHARS),
        }))
        .filter((a) => a.value.length > 0)
        .sort((a, b) => rank(a.name) - rank(b.name)),
    ];
    let size = bytes(body);
    const attributes: [string, { DataType: string; StringValue: string }][] =
      [];
    for (const { name, value } of candidates) {
      const cost = bytes(name) + bytes(STRING) + bytes(value);
      if (
        attributes.length < MAX_ATTRIBUTES &&
        size + cost <= MAX_MESSAGE_BYTES
      ) {
        attributes.push([name, { DataType: STRING, StringValue: value }]);
        size += cost;
      }
    }
    try {
      await this.#client.send(
        new SendMessageCommand({
          QueueUrl: this.#queueUrl,
          MessageBody: body,
          MessageAttributes: Object.fromEntries(attributes),
        })
      );
    } catch (error) {
      const appError = toAppError(error, 'SQS SendMessage', 'sqs');
      // A request we could not keep must come back, never be dropped: even
      // a permanent SQS error (a deleted queue) is retryable here.
      throw appError.retryable
        ? appError
        : new DependencyFailureError(
            'could not keep the refused request in the dead-letter queue; it will be redelivered',
            { cause: error }
          );
    }
  }
}
