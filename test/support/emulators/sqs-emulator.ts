/**
 * A wire-level emulator of Amazon SQS (the queue operations restore-relay
 * and its tests use), for integration tests that run the real
 * `@aws-sdk/client-sqs` against a local `node:http` server.
 *
 * ## Protocol
 * Checked by sending commands from `@aws-sdk/client-sqs@3.1169.0` to a
 * throwaway server: the client speaks **AWS JSON 1.0** in query-compatible
 * mode.
 * - `POST /` with `content-type: application/x-amz-json-1.0`,
 *   `x-amz-target: AmazonSQS.<Operation>`, `x-amzn-query-mode: true` and a
 *   JSON body such as `{"QueueUrl":"…","MessageBody":"…","DelaySeconds":3,
 *   "MessageAttributes":{"a":{"DataType":"String","StringValue":"v"},
 *   "b":{"DataType":"Binary","BinaryValue":"AQID"}}}` (blobs as base64).
 *   The request goes to the client's `endpoint`; the SDK only swaps in the
 *   QueueUrl's origin when no endpoint is configured.
 * - Success: HTTP 200 with a JSON body; `x-amzn-RequestId` becomes
 *   `$metadata.requestId`.
 * - Errors: the status, a body `{"__type":"com.amazonaws.sqs#<Shape>",
 *   "message":"…"}` (what real SQS sends, per softwaremill/elasticmq#903)
 *   and the header `x-amzn-query-error: <QueryCode>;Sender|Receiver`. In
 *   query-compatible mode the SDK reads the code from that header first and
 *   maps it to the exception class whose `awsQueryError` trait names it
 *   (`AWS.SimpleQueueService.NonExistentQueue` → `QueueDoesNotExist`), so
 *   `instanceof QueueDoesNotExist` works. Codes that are not in the model
 *   (`InvalidParameterValue`, `MissingParameter`, `InternalError`) become an
 *   `SQSServiceException` whose `name` is the code, as with real SQS
 *   (aws/aws-sdk#267: InvalidParameterValue is deliberately unmodelled).
 * - The SDK checks `MD5OfMessageBody` (SendMessage, SendMessageBatch) and
 *   `MD5OfBody` (ReceiveMessage) against the MD5 of the body
 *   (`@aws-sdk/middleware-sdk-sqs`); it does not check
 *   `MD5OfMessageAttributes`, which the emulator still computes with the
 *   documented algorithm.
 *
 * ## Behaviour
 * - Operations: CreateQueue, GetQueueUrl, GetQueueAttributes, SendMessage,
 *   SendMessageBatch, ReceiveMessage, DeleteMessage, PurgeQueue. Any other
 *   target is answered with `UnsupportedOperation` (ASSUMPTION: real SQS
 *   answers an unknown target with a generic unknown-operation error; the
 *   modelled class is more useful in tests).
 * - Queue URLs are `<emulator url>/<accountId>/<name>`, ARNs
 *   `arn:aws:sqs:<region>:<accountId>:<name>`. A QueueUrl is resolved by its
 *   path only, so `https://sqs.<region>.amazonaws.com/<account>/<name>` finds
 *   the same queue.
 * - Limits from the API reference: message size (body plus attribute names,
 *   types and values) at most the queue's `MaximumMessageSize`, default and
 *   maximum 1 MiB (raised from 256 KiB in August 2025; ASSUMPTION that the
 *   default followed the maximum); body characters limited to the XML set
 *   SQS allows; at most 10 message attributes; `DelaySeconds` 0–900;
 *   batches of 1–10 entries with distinct ids and at most 1 MiB in total;
 *   `MaxNumberOfMessages` 1–10; `VisibilityTimeout` 0–43200;
 *   `WaitTimeSeconds` 0–20. FIFO queues need `MessageGroupId` and, without
 *   content-based deduplication, `MessageDeduplicationId`; a standard queue
 *   rejects `MessageDeduplicationId` but accepts `MessageGroupId` (fair
 *   queues, 2025). Error message texts are approximations (UNVERIFIED).
 * - Visibility, delays, retention and the 60-second PurgeQueue rule run on
 *   the emulator clock (`clock.advance(ms)` in tests); long polling
 *   (`WaitTimeSeconds`) waits in real time. A received message is hidden for
 *   the visibility timeout and comes back with a higher
 *   `ApproximateReceiveCount`. FIFO receives skip a message group while one
 *   of its messages is in flight.
 * - `RedrivePolicy` is honoured: a receive that would exceed
 *   `maxReceiveCount` moves the message to the dead-letter queue instead
 *   (same MessageId, body and attributes; receive count restarted
 *   (UNVERIFIED); `DeadLetterQueueSourceArn` set, an attribute AWS does not
 *   document, see events.md).
 * - ReceiveMessage returns system attributes (`Attributes`) and message
 *   attributes only when asked for (`MessageSystemAttributeNames` or the
 *   deprecated `AttributeNames`; `MessageAttributeNames` with names, `All`,
 *   `.*` or `prefix.*`), as the API reference describes.
 * - Not modelled: signatures, other accounts, DeleteQueue and the other
 *   operations, FIFO deduplication windows (every accepted send is a new
 *   message), `MessageSystemAttributes` (ignored), KMS, policies.
 * - Faults as in the SNS emulator: errors (any name and status; modelled
 *   names get their query code, so `RequestThrottled` becomes the SDK's
 *   `RequestThrottled` class), connection resets (optionally after the
 *   effect, so an SDK retry sends a duplicate, as SQS can), hangs and
 *   latency.
 *
 * ## Control plane
 * In-process: {@link SqsEmulator}. Over HTTP under `/_emulator/`:
 * `GET messages?queue=<name or URL>`, `GET calls[?operation=]`,
 * `GET queues`, `POST queues {"name":…,"attributes":{…}}`,
 * `GET|POST|DELETE faults`, `POST config {"latencyMs":…}`, `POST reset`,
 * `POST clock/advance {"ms":…}`.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 * @see ../../../../shared/reference/house-style.md Part 2 §18
 */

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  type AwsJsonCall,
  AwsJsonEmulator,
  type AwsJsonRequest,
  isJsonObject,
} from './aws-json-emulator.js';
import {
  type CallOutcome,
  type ErrorCodeOutcome,
  errorCodeOutcome,
} from './call-record.js';
import {
  bodyRoute,
  type ControlRoutes,
  jsonRoute,
  sendControlJson,
} from './control-plane.js';
import { createClock, type EmulatorClock } from './emulator-clock.js';
import { isMessageAttributeName } from './message-attribute-name.js';
import { ServiceError } from './service-error.js';
import type {
  EmulatorHandle,
  EmulatorListenOptions,
  LatencyPatch,
  WireEmulatorOptions,
} from './wire-emulator.js';

/** The SQS operations the emulator implements. */
export const SQS_OPERATIONS = [
  'CreateQueue',
  'GetQueueUrl',
  'GetQueueAttributes',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'PurgeQueue',
] as const;

/** One of {@link SQS_OPERATIONS}. */
export type SqsOperation = (typeof SQS_OPERATIONS)[number];

/** Largest message, and largest batch payload: 1 MiB. */
export const SQS_MAX_MESSAGE_BYTES = 1_048_576;

const TARGET_PREFIX = 'AmazonSQS.';
// A JSON-escaped 1 MiB body can be six times its size (`\uXXXX`); anything
// beyond this is refused without keeping it in memory.
const MAX_REQUEST_BYTES = 8 * SQS_MAX_MESSAGE_BYTES;
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
const INVALID_BODY_CHARACTER =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const ATTRIBUTE_TYPE = /^(String|Number|Binary)(\..+)?$/;
const NUMBER_VALUE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MAX_MESSAGE_ATTRIBUTES = 10;
const MAX_BATCH_ENTRIES = 10;
const PURGE_INTERVAL_MS = 60_000;
const LONG_POLL_STEP_MS = 20;

/** Queue attributes with their defaults and valid ranges (API_CreateQueue). */
const NUMERIC_ATTRIBUTES: Readonly<
  Record<string, { default: number; min: number; max: number }>
> = {
  DelaySeconds: { default: 0, min: 0, max: 900 },
  MaximumMessageSize: {
    default: SQS_MAX_MESSAGE_BYTES,
    min: 1024,
    max: SQS_MAX_MESSAGE_BYTES,
  },
  MessageRetentionPeriod: { default: 345_600, min: 60, max: 1_209_600 },
  ReceiveMessageWaitTimeSeconds: { default: 0, min: 0, max: 20 },
  VisibilityTimeout: { default: 30, min: 0, max: 43_200 },
  KmsDataKeyReusePeriodSeconds: { default: 300, min: 60, max: 86_400 },
};
const BOOLEAN_ATTRIBUTES = [
  'FifoQueue',
  'ContentBasedDeduplication',
  'SqsManagedSseEnabled',
] as const;
const STRING_ATTRIBUTES = [
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;
const COMPUTED_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;
const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'DeadLetterQueueSourceArn',
] as const;

/**
 * Query-protocol codes of the modelled errors (the `awsQueryError` traits
 * of `@aws-sdk/client-sqs`), with their HTTP status. Shapes without the
 * trait use their own name.
 */
const MODELLED_ERRORS: Readonly<
  Record<string, { queryCode: string; status: number }>
> = {
  BatchEntryIdsNotDistinct: {
    queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    status: 400,
  },
  BatchRequestTooLong: {
    queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong',
    status: 400,
  },
  EmptyBatchRequest: {
    queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
    status: 400,
  },
  InvalidAddress: { queryCode: 'InvalidAddress', status: 404 },
  InvalidBatchEntryId: {
    queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId',
    status: 400,
  },
  InvalidSecurity: { queryCode: 'InvalidSecurity', status: 403 },
  MessageNotInflight: {
    queryCode: 'AWS.SimpleQueueService.MessageNotInflight',
    status: 400,
  },
  OverLimit: { queryCode: 'OverLimit', status: 403 },
  PurgeQueueInProgress: {
    queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress',
    status: 403,
  },
  QueueDeletedRecently: {
    queryCode: 'AWS.SimpleQueueService.QueueDeletedRecently',
    status: 400,
  },
  QueueDoesNotExist: {
    queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
    status: 400,
  },
  QueueNameExists: { queryCode: 'QueueAlreadyExists', status: 400 },
  ReceiptHandleIsInvalid: { queryCode: 'ReceiptHandleIsInvalid', status: 404 },
  RequestThrottled: { queryCode: 'RequestThrottled', status: 403 },
  ResourceNotFoundException: {
    queryCode: 'ResourceNotFoundException',
    status: 404,
  },
  TooManyEntriesInBatchRequest: {
    queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    status: 400,
  },
  UnsupportedOperation: {
    queryCode: 'AWS.SimpleQueueService.UnsupportedOperation',
    status: 400,
  },
};

/** A message attribute as recorded (binary values stay base64). */
export interface SqsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** One message that entered a queue (sent, or moved there by a redrive). */
export interface SqsMessage {
  messageId: string;
  body: string;
  attributes: Record<string, SqsMessageAttribute>;
  /** When it was first sent, ISO 8601 on the emulator clock. */
  sentAt: string;
}

type SqsResult =
  | {
      kind: 'ok';
      status: number;
      /** Messages sent or received by the call. */
      messageIds?: string[];
      queueUrl?: string;
    }
  | ErrorCodeOutcome;

/** How a recorded call ended. */
export type SqsCallOutcome = CallOutcome<SqsResult>;

/** One request the emulator received (control-plane calls excluded). */
export type SqsCall = AwsJsonCall<SqsResult>;

/** Options for {@link startSqsEmulator}. */
export interface SqsEmulatorOptions extends WireEmulatorOptions<SqsOperation> {
  /** Queues (names) to create at start, with default attributes. */
  queues?: readonly string[] | undefined;
  /** Clock for visibility, delays and retention. Default: real time. */
  clock?: EmulatorClock | undefined;
}

/** A running SQS emulator. */
export interface SqsEmulator extends EmulatorHandle<SqsOperation, SqsCall> {
  readonly clock: EmulatorClock;
  /** Calls of one operation. */
  callsTo(operation: SqsOperation): SqsCall[];
  /**
   * Creates a queue (idempotent for the same attributes) and returns its
   * URL. Attributes as in CreateQueue, e.g. `{ RedrivePolicy: '…' }`.
   *
   * @throws Error for an invalid name or attribute, or a name that exists
   * with other attributes
   */
  createQueue(
    name: string,
    attributes?: Readonly<Record<string, string>>
  ): string;
  /** URLs of all queues. */
  queues(): string[];
  /** The ARN of a queue, by name or URL. @throws Error when unknown */
  queueArn(queue: string): string;
  /**
   * Every message that entered the queue (by name or URL), oldest first,
   * whether or not it was since received, deleted or purged.
   *
   * @throws Error when the queue does not exist
   */
  messages(queue: string): SqsMessage[];
  /** Sets the latency knob. */
  configure(patch: LatencyPatch<SqsOperation>): void;
  /**
   * Clears calls, faults, latency and every queue's messages. Queues stay:
   * they are infrastructure created by setup code. The clock keeps its time.
   */
  reset(): void;
}

type Json = Record<string, unknown>;

interface StoredMessage {
  messageId: string;
  body: string;
  attributes: Record<string, SqsMessageAttribute>;
  md5OfBody: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  groupId: string | undefined;
  deduplicationId: string | undefined;
  sequenceNumber: string | undefined;
  deadLetterSourceArn: string | undefined;
  gone: boolean;
}

interface Queue {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  /** Attributes as set, complete with defaults. */
  attributes: Map<string, string>;
  createdAt: number;
  stored: StoredMessage[];
  recorded: SqsMessage[];
  handles: Map<string, StoredMessage>;
  lastPurgeAt: number | undefined;
}

/** A service error whose status defaults to the modelled one. */
class SqsError extends ServiceError {
  constructor(code: string, message: string, status?: number) {
    super(code, status ?? MODELLED_ERRORS[code]?.status ?? 400, message);
    this.name = 'SqsError';
  }
}

const invalidParameterValue = (message: string): SqsError =>
  new SqsError('InvalidParameterValue', message);

const missingParameter = (name: string): SqsError =>
  new SqsError(
    'MissingParameter',
    `The request must contain the parameter ${name}.`
  );

const queueDoesNotExist = (): SqsError =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');

const md5Hex = (data: string | Buffer): string =>
  createHash('md5').update(data).digest('hex');

/**
 * MD5 of message attributes: names sorted; for each, the length-prefixed
 * (4-byte big-endian) UTF-8 name and data type, a transport byte (1 string,
 * 2 binary) and the length-prefixed value.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
const md5OfAttributes = (
  attributes: Record<string, SqsMessageAttribute>
): string | undefined => {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) {
    return undefined;
  }
  const prefixed = (bytes: Buffer): Buffer[] => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return [length, bytes];
  };
  const parts: Buffer[] = [];
  for (const name of names) {
    const attribute = attributes[name];
    if (attribute === undefined) {
      continue;
    }
    const binary = attribute.BinaryValue !== undefined;
    parts.push(
      ...prefixed(Buffer.from(name, 'utf8')),
      ...prefixed(Buffer.from(attribute.DataType, 'utf8')),
      Buffer.from([binary ? 2 : 1]),
      ...prefixed(
        binary
          ? Buffer.from(attribute.BinaryValue ?? '', 'base64')
          : Buffer.from(attribute.StringValue ?? '', 'utf8')
      )
    );
  }
  return md5Hex(Buffer.concat(parts));
};

const optionalString = (input: Json, name: string): string | undefined => {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalidParameterValue(
      `Value for parameter ${name} is invalid. Reason: must be a string.`
    );
  }
  return value;
};

/** A required string member; empty counts as missing (UNVERIFIED). */
const requiredString = (input: Json, name: string): string => {
  const value = optionalString(input, name);
  if (value === undefined || value === '') {
    throw missingParameter(name);
  }
  return value;
};

const optionalInteger = (
  input: Json,
  name: string,
  min: number,
  max: number,
  reason = `Must be between ${min} and ${max}, if provided.`
): number | undefined => {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    throw invalidParameterValue(
      `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`
    );
  }
  return value;
};

const optionalStringList = (input: Json, name: string): string[] => {
  const value = input[name];
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw invalidParameterValue(
      `Value for parameter ${name} is invalid. Reason: must be a list of strings.`
    );
  }
  return value;
};

const optionalStringMap = (
  input: Json,
  name: string
): Record<string, string> => {
  const value = input[name];
  if (value === undefined || value === null) {
    return {};
  }
  if (
    !isJsonObject(value) ||
    !Object.values(value).every((v) => typeof v === 'string')
  ) {
    throw invalidParameterValue(
      `Value for parameter ${name} is invalid. Reason: must be a map of strings.`
    );
  }
  return value as Record<string, string>;
};

/**
 * Validates message attributes and returns them with their size (name,
 * type and value bytes count toward the message size).
 */
const parseMessageAttributes = (
  raw: unknown
): { attributes: Record<string, SqsMessageAttribute>; size: number } => {
  if (raw === undefined || raw === null) {
    return { attributes: {}, size: 0 };
  }
  if (!isJsonObject(raw)) {
    throw invalidParameterValue(
      'Value for parameter MessageAttributes is invalid. Reason: must be a map.'
    );
  }
  const names = Object.keys(raw);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`
    );
  }
  const attributes: Record<string, SqsMessageAttribute> = {};
  let size = 0;
  for (const name of names) {
    const value = raw[name];
    if (!isMessageAttributeName(name)) {
      throw invalidParameterValue(
        `Message (user) attribute name '${name}' is invalid.`
      );
    }
    if (!isJsonObject(value)) {
      throw invalidParameterValue(
        `Message (user) attribute '${name}' must be a structure.`
      );
    }
    const dataType = value.DataType;
    if (
      typeof dataType !== 'string' ||
      dataType.length > 256 ||
      !ATTRIBUTE_TYPE.test(dataType)
    ) {
      throw invalidParameterValue(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`
      );
    }
    const binary = dataType.startsWith('Binary');
    const member = binary ? value.BinaryValue : value.StringValue;
    if (typeof member !== 'string' || member === '') {
      throw invalidParameterValue(
        `Message (user) attribute '${name}' must contain a non-empty value of type '${dataType}'.`
      );
    }
    if (dataType.startsWith('Number') && !NUMBER_VALUE.test(member)) {
      throw invalidParameterValue(
        `Can't cast the value of message (user) attribute '${name}' to a number.`
      );
    }
    if (!binary && INVALID_BODY_CHARACTER.test(member)) {
      throw invalidParameterValue(
        `Message (user) attribute '${name}' value contains invalid characters.`
      );
    }
    attributes[name] = binary
      ? { DataType: dataType, BinaryValue: member }
      : { DataType: dataType, StringValue: member };
    size +=
      Buffer.byteLength(name) +
      Buffer.byteLength(dataType) +
      (binary
        ? Buffer.from(member, 'base64').length
        : Buffer.byteLength(member));
  }
  return { attributes, size };
};

/** Whether an attribute name matches a ReceiveMessage attribute filter. */
const attributeSelected = (name: string, filters: string[]): boolean =>
  filters.some(
    (filter) =>
      filter === 'All' ||
      filter === '.*' ||
      filter === name ||
      (filter.endsWith('.*') && name.startsWith(filter.slice(0, -1)))
  );

/**
 * Refuses what is not AWS JSON 1.0 for `AmazonSQS.` (method, content type,
 * target prefix), then an operation the emulator does not implement.
 */
const unsupportedRequest = (request: AwsJsonRequest): SqsError | undefined => {
  if (!request.jsonPost || !request.target.startsWith(TARGET_PREFIX)) {
    return new SqsError(
      'UnsupportedOperation',
      'The emulator speaks only the AWS JSON 1.0 protocol (POST, X-Amz-Target: AmazonSQS.<Operation>).'
    );
  }
  if (!(SQS_OPERATIONS as readonly string[]).includes(request.operation)) {
    return new SqsError(
      'UnsupportedOperation',
      `The operation ${request.operation} is not supported by the emulator.`
    );
  }
  return undefined;
};

class SqsEmulatorImpl
  extends AwsJsonEmulator<SqsOperation, SqsResult>
  implements SqsEmulator
{
  readonly clock: EmulatorClock;

  /** By name. */
  readonly #queues = new Map<string, Queue>();
  #sequence = 10_000_000_000_000_000_000n;

  constructor(readonly options: SqsEmulatorOptions) {
    const clock = options.clock ?? createClock();
    super({
      ...options,
      clock,
      operations: SQS_OPERATIONS,
      internalErrorName: 'InternalError',
      describeError: errorCodeOutcome,
      protocol: {
        version: '1.0',
        targetPrefix: TARGET_PREFIX,
        maxRequestBytes: MAX_REQUEST_BYTES,
        tooLarge: () =>
          invalidParameterValue(
            `Request body larger than ${MAX_REQUEST_BYTES} bytes.`
          ),
        serializationException: (message) =>
          new SqsError('SerializationException', message),
        unsupported: unsupportedRequest,
      },
    });
    this.clock = clock;
  }

  override async start(options: EmulatorListenOptions): Promise<this> {
    await super.start(options);
    // Queue URLs name the emulator's address, known only now.
    for (const name of this.options.queues ?? []) {
      this.createQueue(name);
    }
    return this;
  }

  callsTo(operation: SqsOperation): SqsCall[] {
    return this.callsOf(operation);
  }

  createQueue(
    name: string,
    attributes: Readonly<Record<string, string>> = {}
  ): string {
    return this.#createQueue(name, attributes).url;
  }

  queues(): string[] {
    return [...this.#queues.values()].map((q) => q.url);
  }

  queueArn(queue: string): string {
    return this.#helperQueue(queue).arn;
  }

  messages(queue: string): SqsMessage[] {
    return this.#helperQueue(queue).recorded.map((m) => ({
      ...m,
      attributes: Object.fromEntries(
        Object.entries(m.attributes).map(([name, a]) => [name, { ...a }])
      ),
    }));
  }

  protected override resetState(): void {
    for (const queue of this.#queues.values()) {
      queue.stored = [];
      queue.recorded = [];
      queue.handles.clear();
      queue.lastPurgeAt = undefined;
    }
  }

  /** A queue for the in-process helpers, by name or URL. */
  #helperQueue(queue: string): Queue {
    const found = queue.includes('/')
      ? this.#queueByUrl(queue)
      : this.#queues.get(queue);
    if (found === undefined) {
      throw new Error(`no SQS queue ${queue} in the emulator`);
    }
    return found;
  }

  /** Resolves a QueueUrl by its path, `/<accountId>/<name>`. */
  #queueByUrl(queueUrl: string): Queue | undefined {
    let path: string;
    try {
      path = new URL(queueUrl).pathname;
    } catch {
      return undefined;
    }
    const [, account, name, ...rest] = path.split('/');
    if (account !== this.accountId || name === undefined || rest.length > 0) {
      return undefined;
    }
    return this.#queues.get(name);
  }

  #queueFor(input: Json): Queue {
    const queueUrl = requiredString(input, 'QueueUrl');
    let parsed: URL;
    try {
      parsed = new URL(queueUrl);
    } catch {
      throw new SqsError(
        'InvalidAddress',
        `The address ${queueUrl} is not valid for this endpoint.`
      );
    }
    if (!/^\/\d{12}\/[^/]+$/.test(parsed.pathname)) {
      throw new SqsError(
        'InvalidAddress',
        `The address ${queueUrl} is not valid for this endpoint.`
      );
    }
    const queue = this.#queueByUrl(queueUrl);
    if (queue === undefined) {
      throw queueDoesNotExist();
    }
    return queue;
  }

  #numberAttribute(queue: Queue, name: string): number {
    return Number(
      queue.attributes.get(name) ?? NUMERIC_ATTRIBUTES[name]?.default
    );
  }

  /** Validates CreateQueue attributes into their stored string form. */
  #validateAttributes(
    name: string,
    attributes: Readonly<Record<string, string>>
  ): Map<string, string> {
    const fifo = attributes.FifoQueue === 'true';
    const valid = new Map<string, string>();
    const invalidValue = (key: string, reason: string): SqsError =>
      new SqsError(
        'InvalidAttributeValue',
        `Invalid value for the parameter ${key}. Reason: ${reason}`
      );
    for (const [key, value] of Object.entries(attributes)) {
      const range = NUMERIC_ATTRIBUTES[key];
      if (range !== undefined) {
        const number = Number(value);
        if (!/^\d+$/.test(value) || number < range.min || number > range.max) {
          throw invalidValue(
            key,
            `Must be an integer from ${range.min} to ${range.max}.`
          );
        }
        valid.set(key, String(number));
      } else if ((BOOLEAN_ATTRIBUTES as readonly string[]).includes(key)) {
        if (value !== 'true' && value !== 'false') {
          throw invalidValue(key, 'Must be true or false.');
        }
        valid.set(key, value);
      } else if ((STRING_ATTRIBUTES as readonly string[]).includes(key)) {
        valid.set(key, value);
      } else {
        throw new SqsError('InvalidAttributeName', `Unknown Attribute ${key}.`);
      }
    }
    // A FIFO queue's name ends in `.fifo` and needs `FifoQueue=true`.
    if (fifo !== name.endsWith('.fifo')) {
      throw invalidParameterValue(
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
      );
    }
    if (!fifo) {
      for (const key of [
        'FifoQueue',
        'ContentBasedDeduplication',
        'DeduplicationScope',
        'FifoThroughputLimit',
      ]) {
        if (valid.has(key)) {
          throw new SqsError(
            'InvalidAttributeName',
            `Unknown Attribute ${key}.`
          );
        }
      }
    }
    const redrive = valid.get('RedrivePolicy');
    if (redrive !== undefined) {
      valid.set('RedrivePolicy', this.#validateRedrive(redrive, fifo));
    }
    for (const [key, range] of Object.entries(NUMERIC_ATTRIBUTES)) {
      if (!valid.has(key) && key !== 'KmsDataKeyReusePeriodSeconds') {
        valid.set(key, String(range.default));
      }
    }
    // SSE-SQS is on by default for new queues unless KMS is chosen.
    if (!valid.has('SqsManagedSseEnabled')) {
      valid.set(
        'SqsManagedSseEnabled',
        valid.has('KmsMasterKeyId') ? 'false' : 'true'
      );
    }
    if (fifo && !valid.has('ContentBasedDeduplication')) {
      valid.set('ContentBasedDeduplication', 'false');
    }
    return valid;
  }

  /**
   * `{"deadLetterTargetArn":…,"maxReceiveCount":1–1000}`; the target must
   * exist and be of the same queue type.
   *
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
   */
  #validateRedrive(raw: string, fifo: boolean): string {
    const invalid = (reason: string): SqsError =>
      new SqsError(
        'InvalidAttributeValue',
        `Value ${raw} for parameter RedrivePolicy is invalid. Reason: ${reason}`
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw invalid('Invalid JSON.');
    }
    const schema = z.object({
      deadLetterTargetArn: z.string(),
      maxReceiveCount: z.coerce.number().int().min(1).max(1000),
    });
    const policy = schema.safeParse(parsed);
    if (!policy.success) {
      throw invalid(
        'Redrive policy must contain deadLetterTargetArn and a maxReceiveCount from 1 to 1000.'
      );
    }
    const target = this.#queueByArn(policy.data.deadLetterTargetArn);
    if (target === undefined) {
      throw invalid('Dead letter target does not exist.');
    }
    if (target.fifo !== fifo) {
      throw invalid(
        'Dead-letter queue must be the same type of queue as the source.'
      );
    }
    return JSON.stringify({
      deadLetterTargetArn: target.arn,
      maxReceiveCount: policy.data.maxReceiveCount,
    });
  }

  #queueByArn(arn: string): Queue | undefined {
    return [...this.#queues.values()].find((q) => q.arn === arn);
  }

  #createQueue(
    name: string,
    attributes: Readonly<Record<string, string>>
  ): Queue {
    if (!QUEUE_NAME.test(name) && !FIFO_QUEUE_NAME.test(name)) {
      throw invalidParameterValue(
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length'
      );
    }
    const valid = this.#validateAttributes(name, attributes);
    const existing = this.#queues.get(name);
    if (existing !== undefined) {
      // Same name: the URL again, unless a given attribute differs.
      for (const key of Object.keys(attributes)) {
        if (existing.attributes.get(key) !== valid.get(key)) {
          throw new SqsError(
            'QueueNameExists',
            `A queue already exists with the same name and a different value for attribute ${key}`
          );
        }
      }
      return existing;
    }
    const queue: Queue = {
      name,
      url: `${this.url}/${this.accountId}/${name}`,
      arn: `arn:aws:sqs:${this.region}:${this.accountId}:${name}`,
      fifo: name.endsWith('.fifo'),
      attributes: valid,
      createdAt: this.clock.now(),
      stored: [],
      recorded: [],
      handles: new Map(),
      lastPurgeAt: undefined,
    };
    this.#queues.set(name, queue);
    return queue;
  }

  protected perform(
    operation: SqsOperation,
    input: Json,
    call: SqsCall
  ): Promise<Json> | Json {
    switch (operation) {
      case 'CreateQueue':
        return this.#createQueueAction(input, call);
      case 'GetQueueUrl':
        return this.#getQueueUrl(input, call);
      case 'GetQueueAttributes':
        return this.#getQueueAttributes(input, call);
      case 'SendMessage':
        return this.#sendMessage(input, call);
      case 'SendMessageBatch':
        return this.#sendMessageBatch(input, call);
      case 'ReceiveMessage':
        return this.#receiveMessage(input, call);
      case 'DeleteMessage':
        return this.#deleteMessage(input, call);
      case 'PurgeQueue':
        return this.#purgeQueue(input, call);
    }
  }

  protected sendError(res: ServerResponse, error: ServiceError): void {
    const queryCode = MODELLED_ERRORS[error.code]?.queryCode ?? error.code;
    this.sendJson(
      res,
      error.status,
      {
        __type: `com.amazonaws.sqs#${error.code}`,
        message: error.message,
      },
      {
        'x-amzn-query-error': `${queryCode};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
      }
    );
  }

  #createQueueAction(input: Json, call: SqsCall): Json {
    const name = requiredString(input, 'QueueName');
    const queue = this.#createQueue(
      name,
      optionalStringMap(input, 'Attributes')
    );
    call.outcome = { kind: 'ok', status: 200, queueUrl: queue.url };
    return { QueueUrl: queue.url };
  }

  #getQueueUrl(input: Json, call: SqsCall): Json {
    const name = requiredString(input, 'QueueName');
    const owner = optionalString(input, 'QueueOwnerAWSAccountId');
    const queue = this.#queues.get(name);
    if (
      queue === undefined ||
      (owner !== undefined && owner !== this.accountId)
    ) {
      throw queueDoesNotExist();
    }
    call.outcome = { kind: 'ok', status: 200, queueUrl: queue.url };
    return { QueueUrl: queue.url };
  }

  #getQueueAttributes(input: Json, call: SqsCall): Json {
    const queue = this.#queueFor(input);
    const requested = optionalStringList(input, 'AttributeNames');
    const known = new Set<string>([
      ...Object.keys(NUMERIC_ATTRIBUTES),
      ...BOOLEAN_ATTRIBUTES,
      ...STRING_ATTRIBUTES,
      ...COMPUTED_ATTRIBUTES,
    ]);
    for (const name of requested) {
      if (name !== 'All' && !known.has(name)) {
        throw new SqsError(
          'InvalidAttributeName',
          `Unknown Attribute ${name}.`
        );
      }
    }
    const now = this.clock.now();
    const live = this.#live(queue, now);
    const computed: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(
        live.filter((m) => m.visibleAt <= now).length
      ),
      ApproximateNumberOfMessagesNotVisible: String(
        live.filter((m) => m.visibleAt > now && m.receiveCount > 0).length
      ),
      ApproximateNumberOfMessagesDelayed: String(
        live.filter((m) => m.visibleAt > now && m.receiveCount === 0).length
      ),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    };
    const all = new Map<string, string>([
      ...queue.attributes,
      ...Object.entries(computed),
    ]);
    const attributes: Record<string, string> = {};
    for (const [name, value] of all) {
      if (requested.includes('All') || requested.includes(name)) {
        attributes[name] = value;
      }
    }
    call.outcome = { kind: 'ok', status: 200, queueUrl: queue.url };
    return Object.keys(attributes).length === 0
      ? {}
      : { Attributes: attributes };
  }

  /** Messages still in the queue, after dropping expired ones. */
  #live(queue: Queue, now: number): StoredMessage[] {
    const retentionMs =
      this.#numberAttribute(queue, 'MessageRetentionPeriod') * 1000;
    for (const message of queue.stored) {
      if (!message.gone && now - message.sentAt >= retentionMs) {
        message.gone = true;
      }
    }
    queue.stored = queue.stored.filter((m) => !m.gone);
    return queue.stored;
  }

  /**
   * Validates one message (SendMessage, or a batch entry) and stores it.
   *
   * @returns the SendMessage result members
   */
  #accept(queue: Queue, input: Json): Json {
    const body = optionalString(input, 'MessageBody');
    if (body === undefined || body === '') {
      throw missingParameter('MessageBody');
    }
    const invalid = INVALID_BODY_CHARACTER.exec(body);
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
    const groupId = optionalString(input, 'MessageGroupId');
    const deduplicationId = optionalString(input, 'MessageDeduplicationId');
    const { attributes, size } = parseMessageAttributes(
      input.MessageAttributes
    );
    const maximum = this.#numberAttribute(queue, 'MaximumMessageSize');
    if (Buffer.byteLength(body) + size > maximum) {
      throw invalidParameterValue(
        `One or more parameters are invalid. Reason: Message must be shorter than ${maximum} bytes.`
      );
    }
    if (queue.fifo) {
      if (groupId === undefined || groupId === '') {
        throw missingParameter('MessageGroupId');
      }
      if (
        deduplicationId === undefined &&
        queue.attributes.get('ContentBasedDeduplication') !== 'true'
      ) {
        throw invalidParameterValue(
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
        );
      }
      // FIFO queues take delays per queue only.
      if (delay !== undefined && delay !== 0) {
        throw invalidParameterValue(
          `Value ${delay} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`
        );
      }
    } else if (deduplicationId !== undefined) {
      throw invalidParameterValue(
        'The request include parameter that is not valid for this queue type'
      );
    }

    const now = this.clock.now();
    const delaySeconds = delay ?? this.#numberAttribute(queue, 'DelaySeconds');
    let sequenceNumber: string | undefined;
    if (queue.fifo) {
      this.#sequence += 1n;
      sequenceNumber = this.#sequence.toString();
    }
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      attributes,
      md5OfBody: md5Hex(body),
      sentAt: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
      firstReceivedAt: undefined,
      groupId,
      deduplicationId,
      sequenceNumber,
      deadLetterSourceArn: undefined,
      gone: false,
    };
    this.#store(queue, message);
    const md5OfMessageAttributes = md5OfAttributes(attributes);
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: message.md5OfBody,
      ...(md5OfMessageAttributes === undefined
        ? {}
        : { MD5OfMessageAttributes: md5OfMessageAttributes }),
      ...(sequenceNumber === undefined
        ? {}
        : { SequenceNumber: sequenceNumber }),
    };
  }

  #store(queue: Queue, message: StoredMessage): void {
    queue.stored.push(message);
    queue.recorded.push({
      messageId: message.messageId,
      body: message.body,
      attributes: message.attributes,
      sentAt: new Date(message.sentAt).toISOString(),
    });
  }

  #sendMessage(input: Json, call: SqsCall): Json {
    const queue = this.#queueFor(input);
    const output = this.#accept(queue, input);
    call.outcome = {
      kind: 'ok',
      status: 200,
      messageIds: [String(output.MessageId)],
      queueUrl: queue.url,
    };
    return output;
  }

  #sendMessageBatch(input: Json, call: SqsCall): Json {
    const queue = this.#queueFor(input);
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
    const successful: Json[] = [];
    const failed: Json[] = [];
    for (const entry of entries) {
      const id = String(entry.Id);
      try {
        successful.push({ Id: id, ...this.#accept(queue, entry) });
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
    call.outcome = {
      kind: 'ok',
      status: 200,
      messageIds: successful.map((s) => String(s.MessageId)),
      queueUrl: queue.url,
    };
    return { Successful: successful, Failed: failed };
  }

  /** The next deliverable messages, oldest first, at most `max`. */
  #deliverable(queue: Queue, now: number, max: number): StoredMessage[] {
    const live = this.#live(queue, now);
    // FIFO: a group with a message in flight is held back, so order holds.
    const blockedGroups = new Set(
      queue.fifo
        ? live
            .filter((m) => m.visibleAt > now && m.receiveCount > 0)
            .map((m) => m.groupId)
        : []
    );
    const picked: StoredMessage[] = [];
    for (const message of live) {
      if (picked.length >= max) {
        break;
      }
      if (message.visibleAt > now) {
        if (queue.fifo) {
          blockedGroups.add(message.groupId);
        }
        continue;
      }
      if (queue.fifo && blockedGroups.has(message.groupId)) {
        continue;
      }
      picked.push(message);
    }
    return picked;
  }

  /**
   * Moves messages that have used up `maxReceiveCount` to the dead-letter
   * queue; returns the rest.
   */
  #redrive(queue: Queue, messages: StoredMessage[]): StoredMessage[] {
    const policy = queue.attributes.get('RedrivePolicy');
    if (policy === undefined) {
      return messages;
    }
    const { deadLetterTargetArn, maxReceiveCount } = JSON.parse(policy) as {
      deadLetterTargetArn: string;
      maxReceiveCount: number;
    };
    const target = this.#queueByArn(deadLetterTargetArn);
    if (target === undefined) {
      return messages;
    }
    const kept: StoredMessage[] = [];
    for (const message of messages) {
      if (message.receiveCount < maxReceiveCount) {
        kept.push(message);
        continue;
      }
      message.gone = true;
      this.#store(target, {
        ...message,
        visibleAt: this.clock.now(),
        receiveCount: 0,
        firstReceivedAt: undefined,
        deadLetterSourceArn: queue.arn,
        gone: false,
      });
    }
    queue.stored = queue.stored.filter((m) => !m.gone);
    return kept;
  }

  async #receiveMessage(input: Json, call: SqsCall): Promise<Json> {
    const queue = this.#queueFor(input);
    const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
    const visibility =
      optionalInteger(input, 'VisibilityTimeout', 0, 43_200) ??
      this.#numberAttribute(queue, 'VisibilityTimeout');
    const wait =
      optionalInteger(input, 'WaitTimeSeconds', 0, 20) ??
      this.#numberAttribute(queue, 'ReceiveMessageWaitTimeSeconds');
    const systemNames = [
      ...optionalStringList(input, 'AttributeNames'),
      ...optionalStringList(input, 'MessageSystemAttributeNames'),
    ];
    const attributeNames = optionalStringList(input, 'MessageAttributeNames');

    // Long polling: wait (real time) until a message is deliverable.
    const deadline = performance.now() + wait * 1000;
    let picked = this.#redrive(
      queue,
      this.#deliverable(queue, this.clock.now(), max)
    );
    while (picked.length === 0 && performance.now() < deadline) {
      await this.sleeper.sleep(
        Math.min(LONG_POLL_STEP_MS, deadline - performance.now())
      );
      picked = this.#redrive(
        queue,
        this.#deliverable(queue, this.clock.now(), max)
      );
    }

    const now = this.clock.now();
    const messages = picked.map((message) => {
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibility * 1000;
      const handle = randomBytes(48).toString('base64');
      queue.handles.set(handle, message);
      return this.#view(message, handle, systemNames, attributeNames);
    });
    call.outcome = {
      kind: 'ok',
      status: 200,
      messageIds: picked.map((m) => m.messageId),
      queueUrl: queue.url,
    };
    return messages.length === 0 ? {} : { Messages: messages };
  }

  /** A received message as ReceiveMessage returns it. */
  #view(
    message: StoredMessage,
    receiptHandle: string,
    systemNames: string[],
    attributeNames: string[]
  ): Json {
    const system: Record<string, string | undefined> = {
      SenderId: this.accountId,
      SentTimestamp: String(message.sentAt),
      ApproximateReceiveCount: String(message.receiveCount),
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
      SequenceNumber: message.sequenceNumber,
      MessageDeduplicationId: message.deduplicationId,
      MessageGroupId: message.groupId,
      DeadLetterQueueSourceArn: message.deadLetterSourceArn,
    };
    const attributes: Record<string, string> = {};
    for (const name of SYSTEM_ATTRIBUTES) {
      const value = system[name];
      if (
        value !== undefined &&
        (systemNames.includes('All') || systemNames.includes(name))
      ) {
        attributes[name] = value;
      }
    }
    const messageAttributes = Object.fromEntries(
      Object.entries(message.attributes).filter(([name]) =>
        attributeSelected(name, attributeNames)
      )
    );
    const md5 = md5OfAttributes(messageAttributes);
    return {
      MessageId: message.messageId,
      ReceiptHandle: receiptHandle,
      MD5OfBody: message.md5OfBody,
      Body: message.body,
      ...(Object.keys(attributes).length === 0
        ? {}
        : { Attributes: attributes }),
      ...(md5 === undefined
        ? {}
        : {
            MD5OfMessageAttributes: md5,
            MessageAttributes: messageAttributes,
          }),
    };
  }

  #deleteMessage(input: Json, call: SqsCall): Json {
    const queue = this.#queueFor(input);
    const handle = requiredString(input, 'ReceiptHandle');
    const message = queue.handles.get(handle);
    if (message === undefined) {
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${handle}" is not a valid receipt handle.`
      );
    }
    // Deleting with an older handle, or twice, succeeds (API_DeleteMessage).
    message.gone = true;
    queue.stored = queue.stored.filter((m) => !m.gone);
    call.outcome = {
      kind: 'ok',
      status: 200,
      messageIds: [message.messageId],
      queueUrl: queue.url,
    };
    return {};
  }

  /** @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html */
  #purgeQueue(input: Json, call: SqsCall): Json {
    const queue = this.#queueFor(input);
    const now = this.clock.now();
    if (
      queue.lastPurgeAt !== undefined &&
      now - queue.lastPurgeAt < PURGE_INTERVAL_MS
    ) {
      throw new SqsError(
        'PurgeQueueInProgress',
        `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`
      );
    }
    queue.lastPurgeAt = now;
    for (const message of queue.stored) {
      message.gone = true;
    }
    queue.stored = [];
    call.outcome = { kind: 'ok', status: 200, queueUrl: queue.url };
    return {};
  }

  protected override controlRoutes(): ControlRoutes {
    return {
      'GET /_emulator/messages': (exchange) => {
        const queue = exchange.url.searchParams.get('queue');
        if (queue === null) {
          sendControlJson(exchange.res, 400, {
            error: 'queue (name or URL) required',
          });
          return;
        }
        return jsonRoute(() => this.messages(queue), 404)(exchange);
      },
      'GET /_emulator/queues': jsonRoute(() =>
        [...this.#queues.values()].map((q) => ({
          name: q.name,
          url: q.url,
          arn: q.arn,
        }))
      ),
      'POST /_emulator/queues': bodyRoute(
        z.strictObject({
          name: z.string().min(1),
          attributes: z.record(z.string(), z.string()).optional(),
        }),
        (body) => ({ queueUrl: this.createQueue(body.name, body.attributes) }),
        400
      ),
    };
  }
}

/**
 * Starts an SQS emulator on `127.0.0.1` (a free port by default).
 *
 * @example
 * ```ts
 * const sqs = await startSqsEmulator({ region: 'eu-west-1', accountId: '111122223333' });
 * const queueUrl = sqs.createQueue('restore-relay-dlq');
 * const client = new SQSClient({
 *   endpoint: sqs.url,
 *   region: 'eu-west-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
 * });
 * await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hi' }));
 * sqs.messages(queueUrl); // [{ body: 'hi', … }]
 * await sqs.close();
 * ```
 */
export const startSqsEmulator = async (
  options: SqsEmulatorOptions = {}
): Promise<SqsEmulator> => new SqsEmulatorImpl(options).start(options);
