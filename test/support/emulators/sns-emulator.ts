/**
 * A wire-level emulator of Amazon SNS `Publish` (and `CreateTopic`), for
 * integration tests that run the real `@aws-sdk/client-sns` against a local
 * `node:http` server.
 *
 * ## Protocol
 * Checked by sending `PublishCommand` from `@aws-sdk/client-sns@3.1169.0` to
 * a throwaway server: the client speaks the **AWS Query protocol**.
 * - `POST /` with `content-type: application/x-www-form-urlencoded` and a body
 *   such as `Action=Publish&Version=2010-03-31&Message=…&TopicArn=…&Subject=…
 *   &MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.DataType=String
 *   &MessageAttributes.entry.1.Value.StringValue=…&MessageDeduplicationId=…
 *   &MessageGroupId=…` (binary attributes as `Value.BinaryValue`, base64;
 *   spaces encoded as `%20`).
 * - Success: XML `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
 *   <PublishResult><MessageId>…</MessageId></PublishResult>
 *   <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></PublishResponse>`.
 *   The SDK takes `$metadata.requestId` from the `x-amzn-RequestId` header,
 *   so both carry it.
 * - Errors: XML `<ErrorResponse><Error><Type>Sender|Receiver</Type>
 *   <Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId>
 *   </ErrorResponse>`. The SDK maps the Code to its exception class
 *   (`NotFound` → `NotFoundException` 404, `InvalidParameter` →
 *   `InvalidParameterException` 400, `InternalError` →
 *   `InternalErrorException` 500, `Throttled` → `ThrottledException` 429;
 *   codes and statuses from the client's own schema).
 * - JSON 1.0 (`x-amz-target`) is not implemented: the SNS service model
 *   declares only `awsQuery`, and the client never sends it.
 *
 * ## Behaviour
 * - Topics exist only once created (`createTopic()`, the `topics` option,
 *   `CreateTopic` over the wire, or `POST /_emulator/topics`). A TopicArn that
 *   is not `arn:aws:sns:<region>:<12 digits>:<name>` is an
 *   `InvalidParameter`; an unknown well-formed one is `NotFound`
 *   ("Topic does not exist").
 * - Validation modelled on the SNS API reference: a Message is required and
 *   at most 256 KiB together with attributes; Subject is ASCII, at most 100
 *   characters, no line breaks; `MessageStructure=json` needs a `default`
 *   entry; attribute types are `String`, `Number`, `Binary` or
 *   `String.Array`, optionally with a `.custom` suffix; at most 10
 *   attributes, names and characters as the message attributes page says;
 *   FIFO topics need
 *   `MessageGroupId` and, without content-based deduplication,
 *   `MessageDeduplicationId`. Message texts are approximations
 *   (UNVERIFIED).
 * - Not modelled: signatures, FIFO deduplication (every accepted publish is
 *   recorded), `TargetArn`/`PhoneNumber`, subscriptions and delivery.
 * - Faults as in the Backup emulator: errors (e.g. 500 `InternalError`, 429
 *   `Throttled`), connection resets (optionally after the message was
 *   recorded, so an SDK retry produces a duplicate, as SNS can), hangs and
 *   latency.
 *
 * ## Control plane
 * In-process: {@link SnsEmulator}. Over HTTP under `/_emulator/`:
 * `GET messages[?topicArn=]`, `GET calls`, `GET topics`, `POST topics
 * {"name":…}`, `GET|POST|DELETE faults`, `POST config {"latencyMs":…}`,
 * `POST reset`.
 *
 * @see https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 * @see docs/development.md#emulator-discipline
 */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  type CallOutcome,
  type ErrorCodeOutcome,
  errorCodeOutcome,
  type RecordedCall,
} from './call-record.js';
import { bodyRoute, type ControlRoutes, jsonRoute } from './control-plane.js';
import { newRequestId, readBody, send } from './http-io.js';
import { isMessageAttributeName } from './message-attribute-name.js';
import { messageOf, ServiceError } from './service-error.js';
import {
  type EmulatorHandle,
  type LatencyPatch,
  WireEmulator,
  type WireEmulatorOptions,
} from './wire-emulator.js';

/** The SNS actions the emulator implements. */
export const SNS_OPERATIONS = ['Publish', 'CreateTopic'] as const;

/** One of {@link SNS_OPERATIONS}. */
export type SnsOperation = (typeof SNS_OPERATIONS)[number];

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const TOPIC_ARN =
  /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
const MAX_MESSAGE_BYTES = 262_144;
const ATTRIBUTE_TYPE = /^(String|Number|Binary|String\.Array)(\..+)?$/;
// https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html:
// names of up to 256 letters, digits, `_`, `-` and `.`, no leading,
// trailing or doubled period, not starting with AWS. or Amazon.; values
// and messages in the XML character set (no control characters, no
// U+FFFE/U+FFFF, no lone surrogates).
const INVALID_CHARACTER =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const MAX_MESSAGE_ATTRIBUTES = 10;

/** A message attribute as recorded (binary values stay base64). */
export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** One accepted Publish. */
export interface SnsMessage {
  MessageId: string;
  TopicArn: string;
  Message: string;
  Subject: string | undefined;
  MessageStructure: string | undefined;
  MessageAttributes: Record<string, SnsMessageAttribute>;
  MessageGroupId: string | undefined;
  MessageDeduplicationId: string | undefined;
  /** FIFO topics only. */
  SequenceNumber: string | undefined;
  /** ISO 8601, wall clock. */
  receivedAt: string;
}

type SnsResult =
  | { kind: 'ok'; status: number; messageId?: string; topicArn?: string }
  | ErrorCodeOutcome;

/** How a recorded call ended. */
export type SnsCallOutcome = CallOutcome<SnsResult>;

/** One request the emulator received (control-plane calls excluded). */
export interface SnsCall extends RecordedCall<SnsResult> {
  action: string;
  /** The decoded form parameters, as sent. */
  params: Record<string, string>;
}

/** Options for {@link startSnsEmulator}. */
export interface SnsEmulatorOptions extends WireEmulatorOptions<SnsOperation> {
  /** Topics to create at start (names, or ARNs in this account and Region). */
  topics?: readonly string[] | undefined;
}

/** Topic settings that change Publish validation. */
export interface SnsTopicOptions {
  /** FIFO topic; the name must end in `.fifo`. Default: from the name. */
  fifo?: boolean | undefined;
  contentBasedDeduplication?: boolean | undefined;
}

/** A running SNS emulator. */
export interface SnsEmulator extends EmulatorHandle<SnsOperation, SnsCall> {
  /** Creates a topic (idempotent) and returns its ARN. */
  createTopic(name: string, options?: SnsTopicOptions): string;
  /** ARNs of all topics. */
  topics(): string[];
  /** Accepted messages, oldest first, optionally for one topic. */
  messages(topicArn?: string): SnsMessage[];
  /** Sets the latency knob. */
  configure(patch: LatencyPatch<SnsOperation>): void;
  /**
   * Clears messages, calls, faults and latency. Topics stay: they are
   * infrastructure created by setup code.
   */
  reset(): void;
}

interface Topic {
  arn: string;
  fifo: boolean;
  contentBasedDeduplication: boolean;
}

const invalidParameter = (message: string): ServiceError =>
  new ServiceError('InvalidParameter', 400, `Invalid parameter: ${message}`);

const xmlEscape = (value: string): string =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

/**
 * Collects `Prefix.entry.N.<suffix>` parameters into entries, ordered by N.
 */
const entries = (
  params: Record<string, string>,
  prefix: string
): Map<string, string>[] => {
  const byIndex = new Map<number, Map<string, string>>();
  const pattern = new RegExp(
    `^${prefix.replace('.', '\\.')}\\.entry\\.(\\d+)\\.(.+)$`
  );
  for (const [key, value] of Object.entries(params)) {
    const match = pattern.exec(key);
    if (match?.[1] === undefined || match[2] === undefined) {
      continue;
    }
    const index = Number(match[1]);
    const entry = byIndex.get(index) ?? new Map<string, string>();
    entry.set(match[2], value);
    byIndex.set(index, entry);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, entry]) => entry);
};

class SnsEmulatorImpl
  extends WireEmulator<SnsOperation, SnsResult, SnsCall>
  implements SnsEmulator
{
  readonly #topics = new Map<string, Topic>();
  #messages: SnsMessage[] = [];
  #sequence = 10_000_000_000_000_000_000n;

  constructor(options: SnsEmulatorOptions) {
    super({
      ...options,
      operations: SNS_OPERATIONS,
      internalErrorName: 'InternalError',
      describeError: errorCodeOutcome,
    });
    for (const topic of options.topics ?? []) {
      const match = TOPIC_ARN.exec(topic);
      this.createTopic(match?.[3] ?? topic);
    }
  }

  createTopic(name: string, options: SnsTopicOptions = {}): string {
    if (!TOPIC_NAME.test(name)) {
      throw new Error(`invalid topic name ${name}`);
    }
    const arn = `arn:aws:sns:${this.region}:${this.accountId}:${name}`;
    const fifo = options.fifo ?? name.endsWith('.fifo');
    if (fifo !== name.endsWith('.fifo')) {
      throw new Error('a FIFO topic name must end in .fifo');
    }
    if (!this.#topics.has(arn)) {
      this.#topics.set(arn, {
        arn,
        fifo,
        contentBasedDeduplication: options.contentBasedDeduplication ?? false,
      });
    }
    return arn;
  }

  topics(): string[] {
    return [...this.#topics.keys()];
  }

  messages(topicArn?: string): SnsMessage[] {
    return this.#messages.filter(
      (m) => topicArn === undefined || m.TopicArn === topicArn
    );
  }

  protected override resetState(): void {
    this.#messages = [];
  }

  protected async dataPlane(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL
  ): Promise<void> {
    const body = (await readBody(req)).toString('utf8');
    // The Query protocol accepts GET with a query string as well as a POSTed
    // form; the SDK always POSTs.
    const form = new URLSearchParams(req.method === 'GET' ? url.search : body);
    const params = Object.fromEntries(form.entries());
    const action = params.Action ?? '';
    const call = this.recordCall((stamp) => ({
      ...stamp,
      action,
      params,
      outcome: { kind: 'pending' },
    }));

    if (!(SNS_OPERATIONS as readonly string[]).includes(action)) {
      this.fail(
        res,
        call,
        new ServiceError(
          'InvalidAction',
          400,
          `The action ${action} is not valid for this endpoint.`
        )
      );
      return;
    }
    const operation = action as SnsOperation;

    const result = await this.runOperation(req, res, call, operation, () =>
      operation === 'Publish'
        ? this.#publish(params, call)
        : this.#createTopicAction(params, call)
    );
    if (result !== undefined) {
      send(
        res,
        200,
        { 'content-type': 'text/xml', 'x-amzn-requestid': newRequestId() },
        result.output
      );
    }
  }

  protected sendError(res: ServerResponse, error: ServiceError): void {
    const requestId = newRequestId();
    send(
      res,
      error.status,
      { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${
        error.status >= 500 ? 'Receiver' : 'Sender'
      }</Type><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(
        error.message
      )}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
    );
  }

  #topicFor(topicArn: string | undefined): Topic {
    if (topicArn === undefined || topicArn === '') {
      throw invalidParameter(
        'TopicArn or TargetArn Reason: no value for required parameter'
      );
    }
    if (!TOPIC_ARN.test(topicArn)) {
      throw invalidParameter('TopicArn');
    }
    const topic = this.#topics.get(topicArn);
    if (topic === undefined) {
      throw new ServiceError('NotFound', 404, 'Topic does not exist');
    }
    return topic;
  }

  #publish(params: Record<string, string>, call: SnsCall): string {
    if (params.TargetArn !== undefined || params.PhoneNumber !== undefined) {
      throw invalidParameter(
        'TargetArn and PhoneNumber are not supported by the emulator'
      );
    }
    const topic = this.#topicFor(params.TopicArn);
    const message = params.Message;
    if (message === undefined || message === '') {
      throw invalidParameter('Empty message');
    }
    const subject = params.Subject;
    if (
      subject !== undefined &&
      // SNS allows printable ASCII only, without line breaks.
      (subject.length > 100 || !/^[\x20-\x7e]*$/.test(subject))
    ) {
      throw invalidParameter('Subject');
    }
    const structure = params.MessageStructure;
    if (structure !== undefined) {
      if (structure !== 'json') {
        throw invalidParameter('MessageStructure');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        throw invalidParameter(
          'Message Structure - JSON message body failed to parse'
        );
      }
      if (
        parsed === null ||
        typeof parsed !== 'object' ||
        !('default' in parsed)
      ) {
        throw invalidParameter(
          'Message Structure - No default entry in JSON message body'
        );
      }
    }

    if (INVALID_CHARACTER.test(message)) {
      throw invalidParameter('Message contains invalid characters');
    }
    const attributes: Record<string, SnsMessageAttribute> = {};
    let size = Buffer.byteLength(message);
    const attributeEntries = [...entries(params, 'MessageAttributes')];
    if (attributeEntries.length > MAX_MESSAGE_ATTRIBUTES) {
      throw invalidParameter(
        `Number of message attributes [${attributeEntries.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`
      );
    }
    for (const entry of attributeEntries) {
      const name = entry.get('Name') ?? '';
      if (!isMessageAttributeName(name)) {
        throw new ServiceError(
          'ParameterValueInvalid',
          400,
          `The message attribute name '${name}' is invalid.`
        );
      }
      const dataType = entry.get('Value.DataType') ?? '';
      const stringValue = entry.get('Value.StringValue');
      const binaryValue = entry.get('Value.BinaryValue');
      if (!ATTRIBUTE_TYPE.test(dataType)) {
        throw new ServiceError(
          'ParameterValueInvalid',
          400,
          `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`
        );
      }
      const isBinary = dataType.startsWith('Binary');
      const value = isBinary ? binaryValue : stringValue;
      if (value === undefined || value === '') {
        throw new ServiceError(
          'ParameterValueInvalid',
          400,
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`
        );
      }
      if (!isBinary && INVALID_CHARACTER.test(value)) {
        throw new ServiceError(
          'ParameterValueInvalid',
          400,
          `The message attribute '${name}' value contains invalid characters.`
        );
      }
      if (dataType.startsWith('Number') && !Number.isFinite(Number(value))) {
        throw new ServiceError(
          'ParameterValueInvalid',
          400,
          `Could not cast message attribute '${name}' value to number.`
        );
      }
      attributes[name] = isBinary
        ? { DataType: dataType, BinaryValue: value }
        : { DataType: dataType, StringValue: value };
      size +=
        Buffer.byteLength(name) +
        Buffer.byteLength(dataType) +
        (isBinary
          ? Buffer.from(value, 'base64').length
          : Buffer.byteLength(value));
    }
    if (size > MAX_MESSAGE_BYTES) {
      throw invalidParameter('Message too long');
    }

    if (topic.fifo) {
      if (params.MessageGroupId === undefined) {
        throw invalidParameter(
          'The MessageGroupId parameter is required for FIFO topics'
        );
      }
      if (
        params.MessageDeduplicationId === undefined &&
        !topic.contentBasedDeduplication
      ) {
        throw invalidParameter(
          'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
        );
      }
    }

    const messageId = randomUUID();
    let sequenceNumber: string | undefined;
    if (topic.fifo) {
      this.#sequence += 1n;
      sequenceNumber = this.#sequence.toString();
    }
    this.#messages.push({
      MessageId: messageId,
      TopicArn: topic.arn,
      Message: message,
      Subject: subject,
      MessageStructure: structure,
      MessageAttributes: attributes,
      MessageGroupId: params.MessageGroupId,
      MessageDeduplicationId: params.MessageDeduplicationId,
      SequenceNumber: sequenceNumber,
      receivedAt: new Date().toISOString(),
    });
    call.outcome = { kind: 'ok', status: 200, messageId, topicArn: topic.arn };
    const sequence =
      sequenceNumber === undefined
        ? ''
        : `<SequenceNumber>${sequenceNumber}</SequenceNumber>`;
    return `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId>${sequence}</PublishResult><ResponseMetadata><RequestId>${newRequestId()}</RequestId></ResponseMetadata></PublishResponse>`;
  }

  #createTopicAction(params: Record<string, string>, call: SnsCall): string {
    const name = params.Name ?? '';
    const attributes = new Map(
      entries(params, 'Attributes').map((e) => [
        e.get('key') ?? '',
        e.get('value') ?? '',
      ])
    );
    let arn: string;
    try {
      arn = this.createTopic(name, {
        fifo: attributes.get('FifoTopic') === 'true' || name.endsWith('.fifo'),
        contentBasedDeduplication:
          attributes.get('ContentBasedDeduplication') === 'true',
      });
    } catch (error) {
      throw invalidParameter(`Topic Name: ${messageOf(error)}`);
    }
    call.outcome = { kind: 'ok', status: 200, topicArn: arn };
    return `<CreateTopicResponse xmlns="${XMLNS}"><CreateTopicResult><TopicArn>${xmlEscape(arn)}</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>${newRequestId()}</RequestId></ResponseMetadata></CreateTopicResponse>`;
  }

  protected override controlRoutes(): ControlRoutes {
    return {
      'GET /_emulator/messages': jsonRoute((url) =>
        this.messages(url.searchParams.get('topicArn') ?? undefined)
      ),
      'GET /_emulator/topics': jsonRoute(() => this.topics()),
      'POST /_emulator/topics': bodyRoute(
        z.strictObject({
          name: z.string().min(1),
          contentBasedDeduplication: z.boolean().optional(),
        }),
        (body) => ({
          topicArn: this.createTopic(body.name, {
            contentBasedDeduplication: body.contentBasedDeduplication,
          }),
        }),
        400
      ),
    };
  }
}

/**
 * Starts an SNS emulator on `127.0.0.1` (a free port by default).
 *
 * @example
 * ```ts
 * const sns = await startSnsEmulator({ topics: ['restore-relay-notifications'] });
 * const client = new SNSClient({
 *   endpoint: sns.url,
 *   region: 'eu-west-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
 * });
 * await client.send(new PublishCommand({ TopicArn: sns.topics()[0], Message: 'hi' }));
 * sns.messages(); // [{ Message: 'hi', … }]
 * await sns.close();
 * ```
 */
export const startSnsEmulator = async (
  options: SnsEmulatorOptions = {}
): Promise<SnsEmulator> => new SnsEmulatorImpl(options).start(options);
