/**
 * A wire-level emulator of Amazon SNS `Publish`, for integration tests that
 * run the real `@aws-sdk/client-sns` against a local `node:http` server.
 *
 * Protocol: the client speaks the **AWS Query protocol** (checked with
 * `@aws-sdk/client-sns@3.1169.0`; the service model declares only
 * `awsQuery`): a form-encoded `POST /` (`Action=Publish&TopicArn=…&Message=…
 * &MessageAttributes.entry.N.Name=…&…Value.DataType=…&…Value.StringValue=…`,
 * binary values base64), answered with `<PublishResponse>` XML, or
 * `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code>…</Code>
 * <Message>…</Message></Error></ErrorResponse>`, whose Code the SDK maps to
 * its exception class (`NotFound` → `NotFoundException` 404,
 * `InvalidParameter` → `InvalidParameterException` 400, `InternalError`
 * 500, `Throttled` 429). `x-amzn-RequestId` is `$metadata.requestId`.
 *
 * Behaviour, after the SNS API reference and the message attributes page:
 * - Topics exist once created (`createTopic()` or the `topics` option). A
 *   TopicArn that is not `arn:aws:sns:<region>:<12 digits>:<name>` is an
 *   `InvalidParameter`; an unknown well-formed one `NotFound` ("Topic does
 *   not exist").
 * - A Message is required and at most 256 KiB together with its
 *   attributes; messages and string values only in the XML character set;
 *   at most 10 attributes of type `String`, `Number`, `Binary` or
 *   `String.Array` (optionally `.custom`), names by
 *   {@link isMessageAttributeName}. Message texts are approximations
 *   (UNVERIFIED).
 * - Not modelled (restore-relay sends none of them): `Subject`,
 *   `MessageStructure`, FIFO topics, `TargetArn`/`PhoneNumber`,
 *   subscriptions and delivery, signatures.
 * - Faults as in the other emulators; a reset after the message was
 *   recorded makes the SDK retry publish a duplicate, as SNS can.
 *
 * Control plane (under `/_emulator/`): `GET messages[?topicArn=]` and the
 * shared ones (wire-emulator.ts).
 *
 * @see https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
 * @see docs/development.md#emulator-discipline
 */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ErrorCodeOutcome,
  errorCodeOutcome,
  type RecordedCall,
} from './call-record.js';
import { type ControlRoutes, jsonRoute } from './control-plane.js';
import { newRequestId, readBody, send } from './http-io.js';
import {
  attributeSize,
  INVALID_XML_CHARACTER,
  isMessageAttributeName,
} from './message-attribute-rules.js';
import { ServiceError } from './service-error.js';
import {
  type EmulatorHandle,
  type LatencyPatch,
  WireEmulator,
  type WireEmulatorOptions,
} from './wire-emulator.js';

/** The SNS actions the emulator implements. */
export const SNS_OPERATIONS = ['Publish'] as const;

/** One of {@link SNS_OPERATIONS}. */
export type SnsOperation = (typeof SNS_OPERATIONS)[number];

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const TOPIC_ARN = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256})$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const MAX_MESSAGE_BYTES = 262_144;
const ATTRIBUTE_TYPE = /^(String|Number|Binary|String\.Array)(\..+)?$/;
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
  MessageAttributes: Record<string, SnsMessageAttribute>;
  /** ISO 8601, wall clock. */
  receivedAt: string;
}

type SnsResult =
  | { kind: 'ok'; status: number; messageId: string; topicArn: string }
  | ErrorCodeOutcome;

/** One request the emulator received (control-plane calls excluded). */
export interface SnsCall extends RecordedCall<SnsResult> {
  action: string;
  /** The decoded form parameters, as sent. */
  params: Record<string, string>;
}

/** Options for {@link startSnsEmulator}. */
export interface SnsEmulatorOptions extends WireEmulatorOptions<SnsOperation> {
  /** Topics to create at start (names). */
  topics?: readonly string[] | undefined;
}

/** A running SNS emulator. */
export interface SnsEmulator extends EmulatorHandle<SnsOperation, SnsCall> {
  /** Creates a topic (idempotent) and returns its ARN. */
  createTopic(name: string): string;
  /** Accepted messages, oldest first, optionally for one topic. */
  messages(topicArn?: string): SnsMessage[];
  /** Sets the latency knob. */
  configure(patch: LatencyPatch<SnsOperation>): void;
  /** Clears messages, calls, faults and latency; topics stay. */
  reset(): void;
}

const invalidParameter = (message: string): ServiceError =>
  new ServiceError('InvalidParameter', 400, `Invalid parameter: ${message}`);

const parameterValueInvalid = (message: string): ServiceError =>
  new ServiceError('ParameterValueInvalid', 400, message);

const xmlEscape = (value: string): string =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

/** Collects `MessageAttributes.entry.N.<suffix>` parameters, ordered by N. */
const attributeEntries = (
  params: Record<string, string>
): Map<string, string>[] => {
  const byIndex = new Map<number, Map<string, string>>();
  for (const [key, value] of Object.entries(params)) {
    const match = /^MessageAttributes\.entry\.(\d+)\.(.+)$/.exec(key);
    if (match?.[1] === undefined || match[2] === undefined) {
      continue;
    }
    const entry = byIndex.get(Number(match[1])) ?? new Map<string, string>();
    entry.set(match[2], value);
    byIndex.set(Number(match[1]), entry);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, entry]) => entry);
};

/** Validates the attributes of a Publish; returns them and their size. */
const parseAttributes = (
  params: Record<string, string>
): { attributes: Record<string, SnsMessageAttribute>; size: number } => {
  const entries = attributeEntries(params);
  if (entries.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameter(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`
    );
  }
  const attributes: Record<string, SnsMessageAttribute> = {};
  let size = 0;
  for (const entry of entries) {
    const name = entry.get('Name') ?? '';
    if (!isMessageAttributeName(name)) {
      throw parameterValueInvalid(
        `The message attribute name '${name}' is invalid.`
      );
    }
    const dataType = entry.get('Value.DataType') ?? '';
    if (!ATTRIBUTE_TYPE.test(dataType)) {
      throw parameterValueInvalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`
      );
    }
    const binary = dataType.startsWith('Binary');
    const value = entry.get(binary ? 'Value.BinaryValue' : 'Value.StringValue');
    if (value === undefined || value === '') {
      throw parameterValueInvalid(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`
      );
    }
    if (!binary && INVALID_XML_CHARACTER.test(value)) {
      throw parameterValueInvalid(
        `The message attribute '${name}' value contains invalid characters.`
      );
    }
    if (dataType.startsWith('Number') && !Number.isFinite(Number(value))) {
      throw parameterValueInvalid(
        `Could not cast message attribute '${name}' value to number.`
      );
    }
    attributes[name] = binary
      ? { DataType: dataType, BinaryValue: value }
      : { DataType: dataType, StringValue: value };
    size += attributeSize(name, dataType, value, binary);
  }
  return { attributes, size };
};

class SnsEmulatorImpl
  extends WireEmulator<SnsOperation, SnsResult, SnsCall>
  implements SnsEmulator
{
  readonly #topics = new Set<string>();
  #messages: SnsMessage[] = [];

  constructor(options: SnsEmulatorOptions) {
    super({
      ...options,
      operations: SNS_OPERATIONS,
      internalErrorName: 'InternalError',
      describeError: errorCodeOutcome,
    });
    for (const name of options.topics ?? []) {
      this.createTopic(name);
    }
  }

  createTopic(name: string): string {
    if (!TOPIC_NAME.test(name)) {
      throw new Error(`invalid topic name ${name}`);
    }
    const arn = `arn:aws:sns:${this.region}:${this.accountId}:${name}`;
    this.#topics.add(arn);
    return arn;
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
    res: ServerResponse
  ): Promise<void> {
    const body = (await readBody(req)).toString('utf8');
    const params = Object.fromEntries(new URLSearchParams(body).entries());
    const action = params.Action ?? '';
    const call = this.recordCall((stamp) => ({
      ...stamp,
      action,
      params,
      outcome: { kind: 'pending' },
    }));

    if (action !== 'Publish') {
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
    const result = await this.runOperation(req, res, call, action, () =>
      this.#publish(params, call)
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

  #topicFor(topicArn: string | undefined): string {
    if (topicArn === undefined || topicArn === '') {
      throw invalidParameter(
        'TopicArn or TargetArn Reason: no value for required parameter'
      );
    }
    if (!TOPIC_ARN.test(topicArn)) {
      throw invalidParameter('TopicArn');
    }
    if (!this.#topics.has(topicArn)) {
      throw new ServiceError('NotFound', 404, 'Topic does not exist');
    }
    return topicArn;
  }

  #publish(params: Record<string, string>, call: SnsCall): string {
    if (params.TargetArn !== undefined || params.PhoneNumber !== undefined) {
      throw invalidParameter(
        'TargetArn and PhoneNumber are not supported by the emulator'
      );
    }
    const topicArn = this.#topicFor(params.TopicArn);
    const message = params.Message;
    if (message === undefined || message === '') {
      throw invalidParameter('Empty message');
    }
    if (INVALID_XML_CHARACTER.test(message)) {
      throw invalidParameter('Message contains invalid characters');
    }
    const { attributes, size } = parseAttributes(params);
    if (Buffer.byteLength(message) + size > MAX_MESSAGE_BYTES) {
      throw invalidParameter('Message too long');
    }

    const messageId = randomUUID();
    this.#messages.push({
      MessageId: messageId,
      TopicArn: topicArn,
      Message: message,
      MessageAttributes: attributes,
      receivedAt: new Date().toISOString(),
    });
    call.outcome = { kind: 'ok', status: 200, messageId, topicArn };
    return `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${newRequestId()}</RequestId></ResponseMetadata></PublishResponse>`;
  }

  protected override controlRoutes(): ControlRoutes {
    return {
      'GET /_emulator/messages': jsonRoute((url) =>
        this.messages(url.searchParams.get('topicArn') ?? undefined)
      ),
    };
  }
}

/**
 * Starts an SNS emulator on `127.0.0.1` (a free port by default).
 *
 * @example
 * ```ts
 * const sns = await startSnsEmulator();
 * const topicArn = sns.createTopic('restore-relay-notifications');
 * // … SNSClient({ endpoint: sns.url }) publishes 'hi' to topicArn …
 * sns.messages(); // [{ Message: 'hi', … }]
 * ```
 */
export const startSnsEmulator = async (
  options: SnsEmulatorOptions = {}
): Promise<SnsEmulator> => new SnsEmulatorImpl(options).start(options);
