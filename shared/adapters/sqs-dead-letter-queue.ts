import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DependencyError } from '../errors/dependency-error.js';
import type {
  DeadLetter,
  DeadLetterQueue,
} from '../ports/dead-letter-queue.js';
import { toAppError } from './to-app-error.js';

// SQS allows 10 message attributes; each value counts toward the 1 MiB
// message size. Long error messages are cut so the body always fits.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
const MAX_ATTRIBUTES = 10;
const MAX_ATTRIBUTE_CHARS = 1024;

/**
 * {@link DeadLetterQueue} over SQS `SendMessage`: the body as received, the
 * reason as string message attributes (empty values are skipped: SQS
 * rejects them).
 */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(deps: { readonly client: SQSClient; readonly queueUrl: string }) {
    this.#client = deps.client;
    this.#queueUrl = deps.queueUrl;
  }

  async send(letter: DeadLetter): Promise<void> {
    const attributes = Object.entries(letter.attributes)
      .filter(([, value]) => value.length > 0)
      .slice(0, MAX_ATTRIBUTES)
      .map(([name, value]) => [
        name,
        {
          DataType: 'String',
          StringValue: value.slice(0, MAX_ATTRIBUTE_CHARS),
        },
      ]);
    try {
      await this.#client.send(
        new SendMessageCommand({
          QueueUrl: this.#queueUrl,
          MessageBody: letter.body.length > 0 ? letter.body : '(empty)',
          MessageAttributes: Object.fromEntries(attributes),
        })
      );
    } catch (error) {
      const appError = toAppError(error, 'SQS SendMessage', 'sqs');
      // A request we could not keep must come back, never be dropped: even
      // a permanent SQS error (a deleted queue) is retryable here.
      throw appError.retryable
        ? appError
        : new DependencyError(
            'could not keep the refused request in the dead-letter queue; it will be redelivered',
            { cause: error }
          );
    }
  }
}
