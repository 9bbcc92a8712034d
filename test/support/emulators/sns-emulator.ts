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
 *   `String.Array`, optionally with a `.custom` suffix; FIFO topics need
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
 * @see ../../../../shared/reference/house-style.md Part 2 §18
 */
import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { z } from 'zod';
import {
  closeServer,
  EmulatorClosedError,
  type FaultAction,
  FaultQueue,
  type FaultRule,
  faultRulesSchema,
  type LatencyConfig,
  latencyFor,
  latencySchema,
  listen,
  newRequestId,
  readBody,
  readControlBody,
  Sleeper,
  send,
  sendControlJson,
} from './http-util.js';

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

/** How a recorded call ended. */
export type SnsCallOutcome =
  | { kind: 'pending' }
  | { kind: 'ok'; status: number; messageId?: string; topicArn?: string }
  | {
      kind: 'error';
      status: number;
      errorCode: string;
      message: string;
      source: 'service' | 'fault';
    }
  | { kind: 'reset'; afterEffect: boolean };

/** One request the emulator received (control-plane calls excluded). */
export interface SnsCall {
  seq: number;
  at: string;
  action: string;
  /** The decoded form parameters, as sent. */
  params: Record<string, string>;
  outcome: SnsCallOutcome;
}

/** Options for {@link startSnsEmulator}. */
export interface SnsEmulatorOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string | undefined;
  /** Port. Default 0 (a free port). */
  port?: number | undefined;
  /** Default `eu-west-1`. */
  region?: string | undefined;
  /** Default `111122223333`. */
  accountId?: string | undefined;
  /** Topics to create at start (names, or ARNs in this account and Region). */
  topics?: readonly string[] | undefined;
  /** Artificial latency per call, wall-clock ms. Default 0. */
  latencyMs?: LatencyConfig<SnsOperation> | undefined;
}

/** Topic settings that change Publish validation. */
export interface SnsTopicOptions {
  /** FIFO topic; the name must end in `.fifo`. Default: from the name. */
  fifo?: boolean | undefined;
  contentBasedDeduplication?: boolean | undefined;
}

/** A running SNS emulator. */
export interface SnsEmulator {
  /** Base URL: the SDK `endpoint`. */
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  /** Every request so far, oldest first. */
  readonly calls: readonly SnsCall[];
  /** Creates a topic (idempotent) and returns its ARN. */
  createTopic(name: string, options?: SnsTopicOptions): string;
  /** ARNs of all topics. */
  topics(): string[];
  /** Accepted messages, oldest first, optionally for one topic. */
  messages(topicArn?: string): SnsMessage[];
  /** Sets the latency knob. */
  configure(patch: {
    latencyMs?: LatencyConfig<SnsOperation> | undefined;
  }): void;
  /** Arms a fault for the next `count` calls of an action. */
  addFault(rule: FaultRule<SnsOperation>): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /**
   * Clears messages, calls, faults and latency. Topics stay: they are
   * infrastructure created by setup code.
   */
  reset(): void;
  /** Stops the server and drops every connection. */
  close(): Promise<void>;
}

interface Topic {
  arn: string;
  fifo: boolean;
  contentBasedDeduplication: boolean;
}

class SnsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'SnsError';
  }
}

const invalidParameter = (message: string): SnsError =>
  new SnsError('InvalidParameter', 400, `Invalid parameter: ${message}`);

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

class SnsEmulatorImpl implements SnsEmulator {
  url = '';
  readonly region: string;
  readonly accountId: string;

  readonly #server = createServer((req, res) => {
    void this.#handle(req, res);
  });
  readonly #sleeper = new Sleeper();
  readonly #faults = new FaultQueue<SnsOperation>();
  readonly #topics = new Map<string, Topic>();
  #latency: LatencyConfig<SnsOperation>;
  #messages: SnsMessage[] = [];
  #calls: SnsCall[] = [];
  #sequence = 10_000_000_000_000_000_000n;

  constructor(readonly options: SnsEmulatorOptions) {
    this.region = options.region ?? 'eu-west-1';
    this.accountId = options.accountId ?? '111122223333';
    this.#latency = options.latencyMs ?? 0;
    for (const topic of options.topics ?? []) {
      const match = TOPIC_ARN.exec(topic);
      this.createTopic(match?.[3] ?? topic);
    }
  }

  async start(host: string, port: number): Promise<void> {
    this.url = await listen(this.#server, host, port);
  }

  get calls(): readonly SnsCall[] {
    return [...this.#calls];
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

  configure(patch: {
    latencyMs?: LatencyConfig<SnsOperation> | undefined;
  }): void {
    if (patch.latencyMs !== undefined) {
      this.#latency = patch.latencyMs;
    }
  }

  addFault(rule: FaultRule<SnsOperation>): void {
    this.#faults.add(rule);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  reset(): void {
    this.#messages = [];
    this.#calls = [];
    this.#faults.clear();
    this.#latency = this.options.latencyMs ?? 0;
  }

  async close(): Promise<void> {
    this.#sleeper.cancelAll();
    await closeServer(this.#server);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://emulator');
      if (url.pathname.startsWith('/_emulator/')) {
        await this.#control(req, res, url);
        return;
      }
      await this.#dataPlane(req, res, url);
    } catch (error) {
      if (error instanceof EmulatorClosedError) {
        req.socket.destroy();
        return;
      }
      this.#sendError(
        res,
        new SnsError(
          'InternalError',
          500,
          `emulator failure: ${error instanceof Error ? error.message : String(error)}`
        )
      );
    }
  }

  async #dataPlane(
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
    const call: SnsCall = {
      seq: this.#calls.length + 1,
      at: new Date().toISOString(),
      action,
      params,
      outcome: { kind: 'pending' },
    };
    this.#calls.push(call);

    if (!(SNS_OPERATIONS as readonly string[]).includes(action)) {
      this.#fail(
        res,
        call,
        new SnsError(
          'InvalidAction',
          400,
          `The action ${action} is not valid for this endpoint.`
        )
      );
      return;
    }
    const operation = action as SnsOperation;

    await this.#sleeper.sleep(latencyFor(this.#latency, operation));

    const fault = this.#faults.take(operation);
    if (fault !== undefined && fault.afterEffect !== true) {
      if (await this.#applyFault(req, res, call, fault, false)) {
        return;
      }
    }

    let xml: string;
    try {
      xml =
        operation === 'Publish'
          ? this.#publish(params, call)
          : this.#createTopicAction(params, call);
    } catch (error) {
      if (error instanceof SnsError) {
        this.#fail(res, call, error);
        return;
      }
      throw error;
    }

    if (fault !== undefined && fault.afterEffect === true) {
      if (await this.#applyFault(req, res, call, fault, true)) {
        return;
      }
    }
    send(
      res,
      200,
      { 'content-type': 'text/xml', 'x-amzn-requestid': newRequestId() },
      xml
    );
  }

  async #applyFault(
    req: IncomingMessage,
    res: ServerResponse,
    call: SnsCall,
    fault: FaultAction,
    afterEffect: boolean
  ): Promise<boolean> {
    switch (fault.kind) {
      case 'hang':
        await this.#sleeper.sleep(fault.ms);
        return false;
      case 'reset':
        call.outcome = { kind: 'reset', afterEffect };
        req.socket.destroy();
        return true;
      case 'error':
        this.#fail(
          res,
          call,
          new SnsError(
            fault.errorName,
            fault.status,
            fault.message ?? `Injected ${fault.errorName}`
          ),
          'fault'
        );
        return true;
    }
  }

  #fail(
    res: ServerResponse,
    call: SnsCall,
    error: SnsError,
    source: 'service' | 'fault' = 'service'
  ): void {
    call.outcome = {
      kind: 'error',
      status: error.status,
      errorCode: error.code,
      message: error.message,
      source,
    };
    this.#sendError(res, error);
  }

  #sendError(res: ServerResponse, error: SnsError): void {
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
      throw new SnsError('NotFound', 404, 'Topic does not exist');
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

    const attributes: Record<string, SnsMessageAttribute> = {};
    let size = Buffer.byteLength(message);
    for (const entry of entries(params, 'MessageAttributes')) {
      const name = entry.get('Name') ?? '';
      const dataType = entry.get('Value.DataType') ?? '';
      const stringValue = entry.get('Value.StringValue');
      const binaryValue = entry.get('Value.BinaryValue');
      if (!ATTRIBUTE_TYPE.test(dataType)) {
        throw new SnsError(
          'ParameterValueInvalid',
          400,
          `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`
        );
      }
      const isBinary = dataType.startsWith('Binary');
      const value = isBinary ? binaryValue : stringValue;
      if (value === undefined || value === '') {
        throw new SnsError(
          'ParameterValueInvalid',
          400,
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`
        );
      }
      if (dataType.startsWith('Number') && !Number.isFinite(Number(value))) {
        throw new SnsError(
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
      throw invalidParameter(
        `Topic Name: ${error instanceof Error ? error.message : String(error)}`
      );
    }
    call.outcome = { kind: 'ok', status: 200, topicArn: arn };
    return `<CreateTopicResponse xmlns="${XMLNS}"><CreateTopicResult><TopicArn>${xmlEscape(arn)}</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>${newRequestId()}</RequestId></ResponseMetadata></CreateTopicResponse>`;
  }

  async #control(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL
  ): Promise<void> {
    const key = `${req.method ?? 'GET'} ${url.pathname.replace(/\/$/, '')}`;
    switch (key) {
      case 'GET /_emulator/messages':
        sendControlJson(
          res,
          200,
          this.messages(url.searchParams.get('topicArn') ?? undefined)
        );
        return;
      case 'GET /_emulator/calls':
        sendControlJson(res, 200, this.#calls);
        return;
      case 'GET /_emulator/topics':
        sendControlJson(res, 200, this.topics());
        return;
      case 'POST /_emulator/topics': {
        const body = await readControlBody(
          req,
          res,
          z.strictObject({
            name: z.string().min(1),
            contentBasedDeduplication: z.boolean().optional(),
          })
        );
        if (body !== undefined) {
          try {
            const arn = this.createTopic(body.name, {
              contentBasedDeduplication: body.contentBasedDeduplication,
            });
            sendControlJson(res, 200, { topicArn: arn });
          } catch (error) {
            sendControlJson(res, 400, {
              error: error instanceof Error ? error.message : String(error),
            });
          }
        }
        return;
      }
      case 'GET /_emulator/faults':
        sendControlJson(res, 200, this.#faults.list());
        return;
      case 'POST /_emulator/faults': {
        const rules = await readControlBody(
          req,
          res,
          faultRulesSchema(SNS_OPERATIONS)
        );
        if (rules !== undefined) {
          for (const rule of Array.isArray(rules) ? rules : [rules]) {
            this.addFault(rule);
          }
          sendControlJson(res, 200, this.#faults.list());
        }
        return;
      }
      case 'DELETE /_emulator/faults':
        this.clearFaults();
        sendControlJson(res, 200, []);
        return;
      case 'POST /_emulator/config': {
        const body = await readControlBody(
          req,
          res,
          z.strictObject({
            latencyMs: latencySchema(SNS_OPERATIONS).optional(),
          })
        );
        if (body !== undefined) {
          this.configure(body);
          sendControlJson(res, 200, { latencyMs: this.#latency });
        }
        return;
      }
      case 'POST /_emulator/reset':
        await readBody(req);
        this.reset();
        sendControlJson(res, 200, { reset: true });
        return;
      default:
        sendControlJson(res, 404, { error: `no control endpoint ${key}` });
    }
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
): Promise<SnsEmulator> => {
  const emulator = new SnsEmulatorImpl(options);
  await emulator.start(options.host ?? '127.0.0.1', options.port ?? 0);
  return emulator;
};
