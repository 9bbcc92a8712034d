import type { AppError } from '../errors/app-error.js';
import { RestoreRequestInvalidError } from '../errors/errors.js';
import { parseRestoreRequest } from './parse-restore-request.js';
import { type ReceivedRequest, receiveRequest } from './received-request.js';
import { MAX_REQUEST_BYTES, type RestoreRequest } from './restore-request.js';

/**
 * An inbound request after reading: either valid, with its key, or the
 * validation error to reject it with. Reading never throws, so every source
 * can reject an unreadable request instead of retrying it in vain.
 */
export type RequestReading =
  | ({ readonly ok: true } & ReceivedRequest)
  | {
      readonly ok: false;
      /** Why the request cannot be read or accepted (a permanent error). */
      readonly error: AppError;
      /**
       * The Step Functions task token, when the unreadable request still
       * carried one: the waiting task is failed instead of left hanging.
       */
      readonly taskToken?: string;
    };

const tooLarge = (bytes: number): RestoreRequestInvalidError =>
  new RestoreRequestInvalidError([
    {
      path: '',
      message: `the request is ${bytes} bytes; at most ${MAX_REQUEST_BYTES}`,
    },
  ]);

/** A `taskToken` string found in an untrusted value, valid or not. */
const taskTokenIn = (value: unknown): { taskToken?: string } => {
  const token =
    typeof value === 'object' && value !== null && 'taskToken' in value
      ? (value as { taskToken: unknown }).taskToken
      : undefined;
  return typeof token === 'string' && token.length > 0 && token.length <= 2048
    ? { taskToken: token }
    : {};
};

/** Options of {@link readRestoreRequest}. */
export interface ReadOptions {
  /**
   * Bytes of the request as received (the invoke payload's JSON): larger
   * than {@link MAX_REQUEST_BYTES} is refused before it is validated.
   */
  readonly sizeBytes?: number;
  /**
   * A key restore-relay derived itself (an alarm transition's `alarm-…`),
   * set after validation: callers may not use the reserved prefixes.
   */
  readonly derivedRequestId?: string;
}

/**
 * Reads an untrusted value (an EventBridge `detail`, a direct-invocation
 * payload) as a restore request.
 *
 * @example
 * ```ts
 * const reading = readRestoreRequest(event.detail);
 * if (!reading.ok) await reject(reading.error);
 * ```
 */
export const readRestoreRequest = (
  value: unknown,
  options: ReadOptions = {}
): RequestReading => {
  if (
    options.sizeBytes !== undefined &&
    options.sizeBytes > MAX_REQUEST_BYTES
  ) {
    return {
      ok: false,
      error: tooLarge(options.sizeBytes),
      ...taskTokenIn(value),
    };
  }
  let request: RestoreRequest;
  try {
    const parsed = parseRestoreRequest(value);
    request =
      options.derivedRequestId === undefined
        ? parsed
        : { ...parsed, requestId: options.derivedRequestId };
  } catch (error) {
    if (error instanceof RestoreRequestInvalidError) {
      return { ok: false, error, ...taskTokenIn(value) };
    }
    throw error;
  }
  return { ok: true, ...receiveRequest(request) };
};

/**
 * Reads a message body (SQS) as a restore request: JSON first, then the
 * request schema.
 *
 * @example
 * ```ts
 * readRestoreRequestBody('{"resourceArn":"arn:aws:…"}');
 * ```
 */
export const readRestoreRequestBody = (body: string): RequestReading => {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_REQUEST_BYTES) {
    return { ok: false, error: tooLarge(bytes) };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return {
      ok: false,
      error: new RestoreRequestInvalidError([
        {
          path: '',
          message:
            'the message body is not JSON; send a restore request object (see restore-request.v1.schema.json)',
        },
      ]),
    };
  }
  return readRestoreRequest(value);
};
