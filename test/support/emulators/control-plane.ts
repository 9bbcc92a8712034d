/**
 * The emulators' control plane under `/_emulator/`: routes keyed by
 * `"<METHOD> /_emulator/<path>"`, and the JSON they read and answer (not an
 * AWS shape).
 *
 * @see docs/development.md#emulator-discipline
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody, send } from './http-io.js';
import { messageOf } from './service-error.js';

/**
 * Writes a JSON response for the emulators' own `/_emulator/*` control
 * endpoints (not an AWS shape).
 *
 * @example
 * ```ts
 * sendControlJson(res, 200, { ok: true });
 * ```
 */
export const sendControlJson = (
  res: ServerResponse,
  status: number,
  body: unknown
): void => {
  send(
    res,
    status,
    { 'content-type': 'application/json' },
    `${JSON.stringify(body, null, 2)}\n`
  );
};

/**
 * Parses a control-endpoint JSON body, answering 400 with the problem when it
 * is not valid JSON or does not match the schema.
 *
 * @returns the parsed value, or `undefined` after a 400 has been sent
 * @example
 * ```ts
 * const body = await readControlBody(req, res, z.object({ ms: z.number() }));
 * if (body === undefined) return;
 * ```
 */
export const readControlBody = async <T extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: T
): Promise<z.output<T> | undefined> => {
  const text = (await readBody(req)).toString('utf8');
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    sendControlJson(res, 400, { error: 'body is not valid JSON' });
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    sendControlJson(res, 400, {
      error: 'invalid body',
      issues: z.prettifyError(parsed.error),
    });
    return undefined;
  }
  return parsed.data;
};

/** One control request. */
export interface ControlExchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

/** Answers one control request. */
export type ControlRoute = (exchange: ControlExchange) => Promise<void> | void;

/** Control routes by `"<METHOD> /_emulator/<path>"`. */
export type ControlRoutes = Readonly<Record<string, ControlRoute>>;

const answer = (
  res: ServerResponse,
  produce: () => unknown,
  failStatus: number | undefined
): void => {
  if (failStatus === undefined) {
    sendControlJson(res, 200, produce());
    return;
  }
  let body: unknown;
  try {
    body = produce();
  } catch (error) {
    sendControlJson(res, failStatus, { error: messageOf(error) });
    return;
  }
  sendControlJson(res, 200, body);
};

/**
 * A control route that answers 200 with what `produce` returns. With
 * `failStatus`, an error thrown by `produce` is answered with that status
 * and `{ error }`; without it, it is an emulator failure.
 *
 * @example
 * ```ts
 * const jobs = jsonRoute(() => emulator.jobs());
 * ```
 */
export const jsonRoute =
  (produce: (url: URL) => unknown, failStatus?: number): ControlRoute =>
  ({ res, url }) => {
    answer(res, () => produce(url), failStatus);
  };

/**
 * A control route that parses a JSON body with `schema` (400 when it does
 * not match), then answers like {@link jsonRoute}.
 *
 * @example
 * ```ts
 * const create = bodyRoute(z.object({ name: z.string() }), ({ name }) => ({
 *   arn: emulator.createTopic(name),
 * }), 400);
 * ```
 */
export const bodyRoute =
  <T extends z.ZodType>(
    schema: T,
    produce: (body: z.output<T>) => unknown,
    failStatus?: number
  ): ControlRoute =>
  async ({ req, res }) => {
    const body = await readControlBody(req, res, schema);
    if (body !== undefined) {
      answer(res, () => produce(body), failStatus);
    }
  };
