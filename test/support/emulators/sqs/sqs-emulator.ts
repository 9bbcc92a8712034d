/**
 * A wire-level emulator of Amazon SQS (the operations in
 * `sqs-operations.ts`), for integration tests that run the real
 * `@aws-sdk/client-sqs` against a local `node:http` server.
 *
 * Protocol (checked with `@aws-sdk/client-sqs@3.1169.0`): **AWS JSON 1.0**
 * in query-compatible mode, `x-amz-target: AmazonSQS.<Operation>` and
 * `x-amzn-query-mode: true`, blobs as base64; requests go to the client's
 * `endpoint`, not the QueueUrl's origin.
 * - Errors: a body `{"__type":"com.amazonaws.sqs#<Shape>","message":…}`
 *   (what real SQS sends, per softwaremill/elasticmq#903) and the header
 *   `x-amzn-query-error: <QueryCode>;Sender|Receiver`, from which the SDK
 *   picks the exception class whose `awsQueryError` trait names the code
 *   (`AWS.SimpleQueueService.NonExistentQueue` → `QueueDoesNotExist`).
 *   Codes not in the model (`InvalidParameterValue`, `MissingParameter`,
 *   `InternalError`) become an `SQSServiceException` named by the code, as
 *   with real SQS (aws/aws-sdk#267).
 * - The SDK checks `MD5OfMessageBody` and `MD5OfBody`
 *   (`@aws-sdk/middleware-sdk-sqs`), not `MD5OfMessageAttributes`, which
 *   the emulator still computes as documented.
 *
 * Behaviour: queues (standard only, created in process) in `queues.ts` and
 * `queue-attributes.ts`; sending in `send-messages.ts`; receiving,
 * visibility and deleting in `receive-messages.ts`; dead-letter queues in
 * `redrive-policy.ts`. Any other target is answered `UnsupportedOperation`
 * (ASSUMPTION: real SQS answers a generic unknown-operation error; the
 * modelled class is more useful in tests). Faults as in the other
 * emulators; modelled error names get their query code, so
 * `RequestThrottled` becomes the SDK's class. Not modelled: signatures,
 * other accounts, FIFO queues, `MessageSystemAttributes` (ignored), KMS,
 * policies.
 *
 * Control plane (under `/_emulator/`): `GET messages?queue=<name or URL>`
 * and the shared ones (wire-emulator.ts).
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html
 * @see docs/development.md#emulator-discipline
 */
import type { ServerResponse } from 'node:http';
import {
  type AwsJsonCall,
  AwsJsonEmulator,
  type AwsJsonRequest,
  type JsonObject,
} from '../aws-json-emulator.js';
import { type ErrorCodeOutcome, errorCodeOutcome } from '../call-record.js';
import {
  type ControlRoutes,
  jsonRoute,
  sendControlJson,
} from '../control-plane.js';
import { createClock, type EmulatorClock } from '../emulator-clock.js';
import type { ServiceError } from '../service-error.js';
import type {
  EmulatorHandle,
  LatencyPatch,
  WireEmulatorOptions,
} from '../wire-emulator.js';
import { readQueueAttributes } from './queue-attributes.js';
import { QueueRegistry, type SqsMessage } from './queues.js';
import {
  deleteMessage,
  queueCounts,
  receiveMessage,
} from './receive-messages.js';
import { sendMessage, sendMessageBatch } from './send-messages.js';
import { invalidParameterValue, queryCodeOf, SqsError } from './sqs-errors.js';
import { optionalStringList, requiredString } from './sqs-input.js';
import {
  SQS_MAX_MESSAGE_BYTES,
  SQS_OPERATIONS,
  type SqsOperation,
} from './sqs-operations.js';

const TARGET_PREFIX = 'AmazonSQS.';
// A JSON-escaped 1 MiB body can be six times its size (`\uXXXX`); anything
// beyond this is refused without keeping it in memory.
const MAX_REQUEST_BYTES = 8 * SQS_MAX_MESSAGE_BYTES;

type SqsResult =
  | {
      kind: 'ok';
      status: number;
      /** Messages sent or received by the call. */
      messageIds?: string[];
      queueUrl?: string;
    }
  | ErrorCodeOutcome;

/** One request the emulator received (control-plane calls excluded). */
export type SqsCall = AwsJsonCall<SqsResult>;

/** Options for {@link startSqsEmulator}. */
export interface SqsEmulatorOptions extends WireEmulatorOptions<SqsOperation> {
  /** Clock for visibility, delays and retention. Default: real time. */
  clock?: EmulatorClock | undefined;
}

/** A running SQS emulator. */
export interface SqsEmulator extends EmulatorHandle<SqsOperation, SqsCall> {
  readonly clock: EmulatorClock;
  /** Calls of one operation. */
  callsTo(operation: SqsOperation): SqsCall[];
  /**
   * Creates a standard queue (idempotent for the same attributes) and
   * returns its URL. Attributes as in CreateQueue, e.g.
   * `{ RedrivePolicy: '…' }`.
   *
   * @throws Error for an invalid name or attribute, or a name that exists
   * with other attributes
   */
  createQueue(
    name: string,
    attributes?: Readonly<Record<string, string>>
  ): string;
  /** The ARN of a queue, by name or URL. @throws Error when unknown */
  queueArn(queue: string): string;
  /**
   * Every message that entered the queue (by name or URL), oldest first,
   * whether or not it was since received or deleted.
   *
   * @throws Error when the queue does not exist
   */
  messages(queue: string): SqsMessage[];
  /** Sets the latency knob. */
  configure(patch: LatencyPatch<SqsOperation>): void;
  /** Clears calls, faults, latency and messages; queues and clock stay. */
  reset(): void;
}

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
  readonly #queues: QueueRegistry;

  constructor(options: SqsEmulatorOptions) {
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
    this.#queues = new QueueRegistry({
      clock,
      accountId: this.accountId,
      region: this.region,
      baseUrl: () => this.url,
    });
  }

  callsTo(operation: SqsOperation): SqsCall[] {
    return this.callsOf(operation);
  }

  createQueue(
    name: string,
    attributes: Readonly<Record<string, string>> = {}
  ): string {
    return this.#queues.create(name, attributes).url;
  }

  queueArn(queue: string): string {
    return this.#queues.forHelper(queue).arn;
  }

  messages(queue: string): SqsMessage[] {
    return this.#queues.forHelper(queue).recorded.map((m) => ({
      ...m,
      attributes: Object.fromEntries(
        Object.entries(m.attributes).map(([name, a]) => [name, { ...a }])
      ),
    }));
  }

  protected override resetState(): void {
    this.#queues.clearMessages();
  }

  protected async perform(
    operation: SqsOperation,
    input: JsonObject,
    call: SqsCall
  ): Promise<JsonObject> {
    const queue = this.#queues.forRequest(requiredString(input, 'QueueUrl'));
    const ok = (messageIds?: string[]): void => {
      call.outcome = {
        kind: 'ok',
        status: 200,
        ...(messageIds === undefined ? {} : { messageIds }),
        queueUrl: queue.url,
      };
    };
    const context = {
      queues: this.#queues,
      clock: this.clock,
      accountId: this.accountId,
      sleeper: this.sleeper,
    };
    switch (operation) {
      case 'GetQueueAttributes': {
        const output = readQueueAttributes(
          queue,
          optionalStringList(input, 'AttributeNames'),
          queueCounts(this.#queues, queue, this.clock.now())
        );
        ok();
        return output;
      }
      case 'SendMessage': {
        const output = sendMessage(context, queue, input);
        ok([String(output.MessageId)]);
        return output;
      }
      case 'SendMessageBatch': {
        const output = sendMessageBatch(context, queue, input);
        ok(output.Successful.map((s) => String(s.MessageId)));
        return output;
      }
      case 'ReceiveMessage': {
        const { output, messageIds } = await receiveMessage(
          context,
          queue,
          input
        );
        ok(messageIds);
        return output;
      }
      case 'DeleteMessage':
        ok([deleteMessage(queue, input)]);
        return {};
    }
  }

  protected sendError(res: ServerResponse, error: ServiceError): void {
    this.sendJson(
      res,
      error.status,
      {
        __type: `com.amazonaws.sqs#${error.code}`,
        message: error.message,
      },
      {
        'x-amzn-query-error': `${queryCodeOf(error.code)};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
      }
    );
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
    };
  }
}

/**
 * Starts an SQS emulator on `127.0.0.1` (a free port by default).
 *
 * @example
 * ```ts
 * const sqs = await startSqsEmulator();
 * const queueUrl = sqs.createQueue('restore-relay-dlq');
 * // … SQSClient({ endpoint: sqs.url }) sends to queueUrl …
 * sqs.messages(queueUrl); // [{ body: 'hi', … }]
 * ```
 */
export const startSqsEmulator = async (
  options: SqsEmulatorOptions = {}
): Promise<SqsEmulator> => new SqsEmulatorImpl(options).start(options);
