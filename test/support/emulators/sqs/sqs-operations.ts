/**
 * The Amazon SQS operations the emulator implements: SendMessage (the
 * product's dead-letter queue), SendMessageBatch (the bench), and what the
 * local event source polls with (ReceiveMessage, DeleteMessage,
 * GetQueueAttributes). Queues are created in process.
 */

/** The SQS operations the emulator implements. */
export const SQS_OPERATIONS = [
  'GetQueueAttributes',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
] as const;

/** One of {@link SQS_OPERATIONS}. */
export type SqsOperation = (typeof SQS_OPERATIONS)[number];

/** Largest message, and largest batch payload: 1 MiB. */
export const SQS_MAX_MESSAGE_BYTES = 1_048_576;
