/**
 * The AWS JSON protocol (1.0 and 1.1) as the SQS, EventBridge and Step
 * Functions emulators speak it: `POST /` with `content-type:
 * application/x-amz-json-<version>`, `x-amz-target: <Prefix>.<Operation>`
 * and a JSON object as the body; answers carry the same content type and an
 * `x-amzn-RequestId`.
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

type AwsJsonBodyProblem = 'too-large' | 'not-an-object';

/** A data-plane request, decoded as far as the protocol goes. */
export interface AwsJsonRequest {
  method: string | undefined;
  /** Whether it is a `POST` with the protocol's content type. */
  jsonPost: boolean;
  /** The `X-Amz-Target` header, as sent (`''` when missing). */
  target: string;
  /** The target without the service prefix. */
  operation: string;
  /** The body when it is a JSON object (an empty body counts as `{}`); else `{}`. */
  input: JsonObject;
  bodyProblem: AwsJsonBodyProblem | undefined;
}

/** How an emulator speaks the protocol. */
interface AwsJsonProtocol {
  version: '1.0' | '1.1';
  /** The `X-Amz-Target` service prefix, dot included (`AmazonSQS.`). */
  targetPrefix: string;
  /** Largest body read; a larger one is drained and refused. */
  maxRequestBytes: number;
  tooLarge: () => ServiceError;
  /** For a body that is not a JSON object. */
  serializationException: (message: string) => ServiceError;
  /**
   * The error for a request the emulator does not serve (method, content
   * type or target), or `undefined` to serve it; checked before the body.
   * Default: 400 `UnknownOperationException`.
   */
  unsupported?:
    | ((request: AwsJsonRequest) => ServiceError | undefined)
    | undefined;
}

const NOT_AN_OBJECT = 'The request body is not a JSON object.';

const contentTypeOf = (version: AwsJsonProtocol['version']) =>
  `application/x-amz-json-${version}`;

/**
 * Decodes one data-plane request. Never throws for a bad request: what is
 * wrong is reported in the result, for the emulator to record and answer.
 */
const readAwsJsonRequest = async (
  req: IncomingMessage,
  protocol: AwsJsonProtocol
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
      contentType.startsWith(contentTypeOf(protocol.version)),
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
 * EventBridge's and Step Functions' check: a `POST` with the protocol's
 * content type naming one of `operations`, else 400
 * `UnknownOperationException` (ASSUMPTION: the generic answer of AWS JSON
 * services to an unknown `X-Amz-Target`).
 */
const unknownOperationException =
  (operations: readonly string[], protocol: AwsJsonProtocol) =>
  (request: AwsJsonRequest): ServiceError | undefined =>
    request.jsonPost && operations.includes(request.operation)
      ? undefined
      : new ServiceError(
          'UnknownOperationException',
          400,
          `The emulator implements only ${operations.join(', ')} in the AWS JSON ${protocol.version} protocol (POST, X-Amz-Target: ${protocol.targetPrefix}<Operation>); got ${request.method ?? ''} ${request.operation || '(no target)'}.`
        );

/** {@link WireEmulatorSettings} and how the emulator speaks the protocol. */
interface AwsJsonEmulatorSettings<Op extends string, O>
  extends Omit<WireEmulatorSettings<Op, O, AwsJsonCall<O>>, 'operationOf'> {
  protocol: AwsJsonProtocol;
}

/**
 * The base of an AWS JSON protocol emulator: it records every request as an
 * {@link AwsJsonCall}, refuses what the protocol does not allow, runs the
 * operation through {@link WireEmulator.runOperation} and answers 200 with
 * its output as JSON. A subclass implements {@link AwsJsonEmulator.perform}
 * and `sendError` (usually with {@link AwsJsonEmulator.sendJson}).
 *
 * @typeParam Op - the operation names
 * @typeParam O - the emulator's own call outcomes
 * @example
 * ```ts
 * class EchoEmulator extends AwsJsonEmulator<'Echo', EchoOutcome> {
 *   protected perform(_operation: 'Echo', input: JsonObject) { return input; }
 *   protected sendError(res, error) { this.sendJson(res, error.status, { __type: error.code }); }
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

  /** Performs one operation; a thrown {@link ServiceError} is the answer. */
  protected abstract perform(
    operation: Op,
    input: JsonObject,
    call: AwsJsonCall<O>
  ): JsonObject | Promise<JsonObject>;

  /** Writes a JSON answer with the protocol's headers, then `headers`. */
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
        'content-type': contentTypeOf(this.#protocol.version),
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
