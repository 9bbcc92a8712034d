/**
 * The AWS JSON protocol (1.0 and 1.1) as the wire-level emulators that speak
 * it (`sqs-emulator.ts`, `eventbridge-emulator.ts`,
 * `stepfunctions-emulator.ts`) read and answer it: `POST /` with
 * `content-type: application/x-amz-json-<version>`,
 * `x-amz-target: <Prefix>.<Operation>` and a JSON object as the body;
 * answers carry the same content type and an `x-amzn-RequestId`.
 *
 * {@link AwsJsonEmulator} is the data plane they share on top of
 * {@link WireEmulator}; each emulator keeps its operations, its error
 * classes and messages, and its error body shape (`sendError`).
 *
 * @see https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 * @see docs/development.md#emulator-discipline
 */
import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';
import type { RecordedCall } from './call-record.js';
import { newRequestId, readCappedBody, send } from './http-io.js';
import { ServiceError } from './service-error.js';
import { WireEmulator, type WireEmulatorSettings } from './wire-emulator.js';

/** A decoded JSON object (a request body, an operation's output). */
export type JsonObject = Record<string, unknown>;

/**
 * Whether a value is a JSON object (not `null`, not an array).
 *
 * @example
 * ```ts
 * isJsonObject({ a: 1 }); // true
 * isJsonObject([1]); // false
 * ```
 */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One request an AWS JSON emulator received (control-plane calls excluded). */
export interface AwsJsonCall<O> extends RecordedCall<O> {
  /** The `X-Amz-Target` operation, as sent (may be unsupported). */
  operation: string;
  /** The decoded JSON body, as sent. */
  input: Record<string, unknown>;
}

/** Why a request body could not be used as the operation's input. */
export type AwsJsonBodyProblem = 'too-large' | 'not-an-object';

/** A data-plane request, decoded as far as the protocol goes. */
export interface AwsJsonRequest {
  /** The HTTP method, as sent. */
  method: string | undefined;
  /** Whether it is a `POST` with the protocol's content type. */
  jsonPost: boolean;
  /** The `X-Amz-Target` header, as sent (`''` when missing). */
  target: string;
  /** The target without the service prefix (all of it when it lacks the prefix). */
  operation: string;
  /** The body when it is a JSON object (an empty body counts as `{}`); else `{}`. */
  input: JsonObject;
  /** Why `input` is not the body, if it is not. */
  bodyProblem: AwsJsonBodyProblem | undefined;
}

/** How an emulator speaks the protocol. */
export interface AwsJsonProtocol {
  /** The protocol version: `application/x-amz-json-<version>`. */
  version: '1.0' | '1.1';
  /** The `X-Amz-Target` service prefix, dot included (`AmazonSQS.`). */
  targetPrefix: string;
  /** Largest body read; a larger one is drained and refused. */
  maxRequestBytes: number;
  /** The error for a body larger than {@link AwsJsonProtocol.maxRequestBytes}. */
  tooLarge: () => ServiceError;
  /**
   * The `SerializationException` of the emulator's error class, for a body
   * that is not a JSON object.
   */
  serializationException: (message: string) => ServiceError;
  /**
   * The error for a request the emulator does not serve (method, content
   * type or target), or `undefined` to serve it. Checked before the body's
   * problems. Default: {@link unknownOperationException}.
   */
  unsupported?:
    | ((request: AwsJsonRequest) => ServiceError | undefined)
    | undefined;
}

/** The message of the `SerializationException` for a body that is not an object. */
const NOT_AN_OBJECT = 'The request body is not a JSON object.';

/**
 * The content type of a protocol version.
 *
 * @example
 * ```ts
 * awsJsonContentType('1.1'); // 'application/x-amz-json-1.1'
 * ```
 */
export const awsJsonContentType = (version: AwsJsonProtocol['version']) =>
  `application/x-amz-json-${version}`;

/**
 * Reads and decodes one data-plane request: the body (capped at
 * `maxRequestBytes`), the operation from `X-Amz-Target`, and the body as a
 * JSON object. Never throws for a bad request: what is wrong is reported in
 * the result, for the emulator to record and answer.
 *
 * @example
 * ```ts
 * const request = await readAwsJsonRequest(req, {
 *   version: '1.0',
 *   targetPrefix: 'AmazonSQS.',
 *   maxRequestBytes: 8_388_608,
 * });
 * request.operation; // 'SendMessage'
 * ```
 */
export const readAwsJsonRequest = async (
  req: IncomingMessage,
  protocol: Pick<
    AwsJsonProtocol,
    'version' | 'targetPrefix' | 'maxRequestBytes'
  >
): Promise<AwsJsonRequest> => {
  const raw = await readCappedBody(req, protocol.maxRequestBytes);
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(protocol.targetPrefix)
    ? target.slice(protocol.targetPrefix.length)
    : target;
  const contentType = String(req.headers['content-type'] ?? '');
  const request = {
    method: req.method,
    jsonPost:
      req.method === 'POST' &&
      contentType.startsWith(awsJsonContentType(protocol.version)),
    target,
    operation,
  };
  if (raw === undefined) {
    return { ...request, input: {}, bodyProblem: 'too-large' };
  }
  try {
    const text = raw.toString('utf8');
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    if (isJsonObject(parsed)) {
      return { ...request, input: parsed, bodyProblem: undefined };
    }
  } catch {
    // Malformed JSON: not an object either.
  }
  return { ...request, input: {}, bodyProblem: 'not-an-object' };
};

/**
 * The check EventBridge and Step Functions make: a `POST` with the
 * protocol's content type naming one of `operations` (with or without the
 * target prefix), else 400 `UnknownOperationException` (ASSUMPTION: the
 * generic answer of AWS JSON services to an unknown `X-Amz-Target`).
 *
 * @example
 * ```ts
 * const unsupported = unknownOperationException(['PutEvents'], {
 *   version: '1.1',
 *   targetPrefix: 'AWSEvents.',
 * });
 * ```
 */
export const unknownOperationException =
  (
    operations: readonly string[],
    protocol: Pick<AwsJsonProtocol, 'version' | 'targetPrefix'>
  ) =>
  (request: AwsJsonRequest): ServiceError | undefined =>
    request.jsonPost && operations.includes(request.operation)
      ? undefined
      : new ServiceError(
          'UnknownOperationException',
          400,
          `The emulator implements only ${operations.join(', ')} in the AWS JSON ${protocol.version} protocol (POST, X-Amz-Target: ${protocol.targetPrefix}<Operation>); got ${request.method ?? ''} ${request.operation || '(no target)'}.`
        );

/**
 * What {@link AwsJsonEmulator} needs to know about the emulator:
 * {@link WireEmulatorSettings} (a call record names its operation: `GET
 * /_emulator/calls?operation=` filters on {@link AwsJsonCall.operation}) and
 * how it speaks the protocol.
 */
export interface AwsJsonEmulatorSettings<Op extends string, O>
  extends Omit<WireEmulatorSettings<Op, O, AwsJsonCall<O>>, 'operationOf'> {
  protocol: AwsJsonProtocol;
}

/**
 * The base of a wire-level emulator of an AWS JSON protocol service. Its
 * data plane records every request as an {@link AwsJsonCall}, refuses what
 * the protocol does not allow (`unsupported`, then a body too large or not
 * a JSON object), runs the operation through
 * {@link WireEmulator.runOperation} and answers 200 with its output as
 * JSON.
 *
 * A subclass implements {@link AwsJsonEmulator.perform} (the operations)
 * and {@link WireEmulator.sendError}, usually with
 * {@link AwsJsonEmulator.sendJson}.
 *
 * @typeParam Op - the operation names
 * @typeParam O - the emulator's own call outcomes (success, error)
 * @example
 * ```ts
 * class EchoEmulator extends AwsJsonEmulator<'Echo', EchoOutcome> {
 *   protected perform(_operation: 'Echo', input: JsonObject) {
 *     return input;
 *   }
 *   protected sendError(res, error) {
 *     this.sendJson(res, error.status, { __type: error.code, message: error.message });
 *   }
 * }
 * ```
 */
export abstract class AwsJsonEmulator<
  Op extends string,
  O,
> extends WireEmulator<Op, O, AwsJsonCall<O>> {
  readonly #protocol: AwsJsonProtocol;
  readonly #unsupported: (request: AwsJsonRequest) => ServiceError | undefined;

  constructor(settings: AwsJsonEmulatorSettings<Op, O>) {
    super({ ...settings, operationOf: (call) => call.operation });
    this.#protocol = settings.protocol;
    this.#unsupported =
      settings.protocol.unsupported ??
      unknownOperationException(settings.operations, settings.protocol);
  }

  /**
   * Performs one supported operation on its decoded input.
   *
   * @returns the output to answer with
   * @throws ServiceError to answer with that error
   */
  protected abstract perform(
    operation: Op,
    input: JsonObject,
    call: AwsJsonCall<O>
  ): JsonObject | Promise<JsonObject>;

  /**
   * Writes a JSON answer with the protocol's content type and a new
   * `x-amzn-RequestId`, then any `headers`.
   */
  protected sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: OutgoingHttpHeaders = {}
  ): void {
    send(
      res,
      status,
      {
        'content-type': awsJsonContentType(this.#protocol.version),
        'x-amzn-requestid': newRequestId(),
        ...headers,
      },
      JSON.stringify(body)
    );
  }

  protected async dataPlane(
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> {
    const request = await readAwsJsonRequest(req, this.#protocol);
    const { input } = request;
    const call = this.recordCall((stamp) => ({
      ...stamp,
      operation: request.operation,
      input,
      outcome: { kind: 'pending' },
    }));

    const refusal =
      this.#unsupported(request) ?? this.#bodyError(request.bodyProblem);
    if (refusal !== undefined) {
      this.fail(res, call, refusal);
      return;
    }
    // `unsupported` let only the emulator's own operations through.
    const operation = request.operation as Op;

    const result = await this.runOperation(req, res, call, operation, () =>
      this.perform(operation, input, call)
    );
    if (result !== undefined) {
      this.sendJson(res, 200, result.output);
    }
  }

  #bodyError(
    problem: AwsJsonBodyProblem | undefined
  ): ServiceError | undefined {
    switch (problem) {
      case undefined:
        return undefined;
      case 'too-large':
        return this.#protocol.tooLarge();
      case 'not-an-object':
        return this.#protocol.serializationException(NOT_AN_OBJECT);
    }
  }
}
