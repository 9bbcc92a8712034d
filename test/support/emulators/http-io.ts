/**
 * Reading request bodies and writing responses, the HTTP plumbing every
 * wire-level emulator (and the fault proxy) shares. Nothing here knows an
 * AWS protocol; each emulator writes its own response and error shapes.
 *
 * @see docs/development.md#emulator-discipline
 */
import { randomUUID } from 'node:crypto';
import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';

/** Largest request body the emulators accept (1 MiB). */
const MAX_BODY_BYTES = 1_048_576;

/**
 * Reads a whole request body.
 *
 * @throws Error when the body exceeds 1 MiB
 * @example
 * ```ts
 * const text = (await readBody(req)).toString('utf8');
 * ```
 */
export const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const body = await readCappedBody(req, MAX_BODY_BYTES);
  if (body === undefined) {
    throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
  }
  return body;
};

/**
 * Reads a request body up to `maxBytes`. A larger body is still read to its
 * end (so the connection can answer) but not kept in memory.
 *
 * @returns the body, or `undefined` when it is larger than `maxBytes`
 * @example
 * ```ts
 * const raw = await readCappedBody(req, 1_048_576);
 * if (raw === undefined) throw tooLarge();
 * ```
 */
export const readCappedBody = async (
  req: IncomingMessage,
  maxBytes: number
): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= maxBytes) {
      chunks.push(buffer);
    }
  }
  return size > maxBytes ? undefined : Buffer.concat(chunks);
};

/**
 * Writes a complete response unless the socket is already gone (a client
 * that timed out, or a server that is closing).
 *
 * @example
 * ```ts
 * send(res, 200, { 'content-type': 'application/json' }, '{}');
 * ```
 */
export const send = (
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string
): void => {
  if (res.destroyed || res.writableEnded) {
    return;
  }
  res.writeHead(status, {
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
};

/** A request id in the form AWS uses for `x-amzn-RequestId`. */
export const newRequestId = (): string => randomUUID();
