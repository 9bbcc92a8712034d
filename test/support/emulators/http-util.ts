/**
 * Small HTTP and fault-injection helpers shared by the project's wire-level
 * emulators (`backup-emulator.ts`, `sns-emulator.ts`, `sqs-emulator.ts`,
 * `eventbridge-emulator.ts`, `stepfunctions-emulator.ts`, and their common
 * bases in `emulator-control.ts` and `aws-json-emulator.ts`). Nothing here
 * knows an AWS protocol; each emulator writes its own response and error
 * shapes.
 *
 * @see ../../../../shared/reference/house-style.md Part 2 §18 (emulator discipline)
 */
import { randomUUID } from 'node:crypto';
import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
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

/**
 * Starts listening and resolves the base URL (`http://host:port`).
 *
 * @example
 * ```ts
 * const url = await listen(server, '127.0.0.1', 0);
 * ```
 */
export const listen = (
  server: Server,
  host: string,
  port: number
): Promise<string> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${host}:${address.port}`);
    });
  });

/**
 * Closes a server and every open connection, including SDK keep-alive
 * sockets and requests held by a hang fault.
 *
 * @example
 * ```ts
 * await closeServer(server);
 * ```
 */
export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** Thrown by {@link Sleeper.sleep} when the emulator closes mid-wait. */
export class EmulatorClosedError extends Error {
  constructor() {
    super('emulator closed');
    this.name = 'EmulatorClosedError';
  }
}

/**
 * Real-time waits (latency and hang faults) that an emulator can cancel all
 * at once on `close()`, so no timer keeps a test process alive.
 *
 * @example
 * ```ts
 * const sleeper = new Sleeper();
 * await sleeper.sleep(50);
 * sleeper.cancelAll();
 * ```
 */
export class Sleeper {
  readonly #pending = new Set<{
    timer: NodeJS.Timeout;
    reject: (error: Error) => void;
  }>();

  /** Waits `ms` wall-clock milliseconds; rejects if cancelled. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          this.#pending.delete(entry);
          resolve();
        }, ms),
        reject,
      };
      this.#pending.add(entry);
    });
  }

  /** Rejects every pending wait with {@link EmulatorClosedError}. */
  cancelAll(): void {
    for (const entry of this.#pending) {
      clearTimeout(entry.timer);
      entry.reject(new EmulatorClosedError());
    }
    this.#pending.clear();
  }
}

/**
 * What an injected fault does to one call.
 *
 * - `error`: answer with this error name and HTTP status, in the emulator's
 *   protocol error shape.
 * - `reset`: destroy the socket without answering (the SDK sees
 *   `ECONNRESET`, which it retries as a transient error).
 * - `hang`: hold the request for `ms` wall-clock milliseconds, then carry on
 *   normally. A client whose `requestTimeout` is shorter gives up, while the
 *   emulator still performs the call afterwards.
 *
 * With `afterEffect: true` the call is performed first (a job is created, a
 * message is recorded) and the fault replaces or delays only the answer: the
 * "the side effect happened but the caller never heard" case.
 */
export type FaultAction =
  | {
      kind: 'error';
      errorName: string;
      status: number;
      message?: string | undefined;
      afterEffect?: boolean | undefined;
    }
  | { kind: 'reset'; afterEffect?: boolean | undefined }
  | { kind: 'hang'; ms: number; afterEffect?: boolean | undefined };

/**
 * The schema of an operation name or `*` (any). Typed as `Op | '*'` so that
 * schemas built on it parse to the emulators' own types even where `Op` is
 * still generic.
 */
const operationOrAny = <Op extends string>(
  operations: readonly [Op, ...Op[]]
): z.ZodType<Op | '*'> =>
  z.enum([...operations, '*'] as [Op | '*', ...(Op | '*')[]]);

/** A fault for the next `count` calls (default 1) of `operation` (`*` = any). */
export type FaultRule<Op extends string> = FaultAction & {
  operation: Op | '*';
  count?: number | undefined;
};

/**
 * Builds the zod schema that validates a fault rule posted to
 * `POST /_emulator/faults` (one rule or an array of rules).
 *
 * @example
 * ```ts
 * const schema = faultRulesSchema(['Publish'] as const);
 * ```
 */
export const faultRulesSchema = <const Op extends string>(
  operations: readonly [Op, ...Op[]]
) => {
  const common = {
    operation: operationOrAny(operations),
    count: z.number().int().positive().optional(),
    afterEffect: z.boolean().optional(),
  };
  const rule = z.discriminatedUnion('kind', [
    z.strictObject({
      ...common,
      kind: z.literal('error'),
      errorName: z.string().min(1),
      status: z.number().int().min(400).max(599),
      message: z.string().optional(),
    }),
    z.strictObject({ ...common, kind: z.literal('reset') }),
    z.strictObject({
      ...common,
      kind: z.literal('hang'),
      ms: z.number().int().nonnegative(),
    }),
  ]);
  return z.union([rule, z.array(rule)]);
};

/**
 * Queue of armed faults. Each call of an operation takes the first matching
 * rule and decrements its count.
 *
 * @example
 * ```ts
 * const faults = new FaultQueue<'Publish'>();
 * faults.add({ operation: 'Publish', kind: 'reset' });
 * faults.take('Publish'); // { kind: 'reset' }
 * faults.take('Publish'); // undefined
 * ```
 */
export class FaultQueue<Op extends string> {
  #rules: { rule: FaultRule<Op>; remaining: number }[] = [];

  /** Arms a fault for the next `rule.count` (default 1) matching calls. */
  add(rule: FaultRule<Op>): void {
    this.#rules.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Takes the fault for this call, if one is armed. */
  take(operation: Op): FaultAction | undefined {
    const entry = this.#rules.find(
      (r) => r.rule.operation === operation || r.rule.operation === '*'
    );
    if (entry === undefined) {
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.#rules = this.#rules.filter((r) => r !== entry);
    }
    return entry.rule;
  }

  /** The armed rules with their remaining counts. */
  list(): { rule: FaultRule<Op>; remaining: number }[] {
    return this.#rules.map((r) => ({ rule: r.rule, remaining: r.remaining }));
  }

  /** Disarms every fault. */
  clear(): void {
    this.#rules = [];
  }
}

/**
 * Artificial latency: one figure for every call, or per operation with `*`
 * as the fallback.
 */
export type LatencyConfig<Op extends string> =
  | number
  | Partial<Record<Op | '*', number>>;

/**
 * The latency that applies to one call.
 *
 * @example
 * ```ts
 * latencyFor({ '*': 5, Publish: 50 }, 'Publish'); // 50
 * ```
 */
export const latencyFor = <Op extends string>(
  config: LatencyConfig<Op>,
  operation: Op
): number => {
  if (typeof config === 'number') {
    return config;
  }
  const perOperation: Partial<Record<string, number>> = config;
  return perOperation[operation] ?? perOperation['*'] ?? 0;
};

/**
 * The zod schema for a latency setting posted to a control endpoint.
 *
 * @example
 * ```ts
 * latencySchema(['Publish'] as const).parse({ Publish: 20 });
 * ```
 */
export const latencySchema = <const Op extends string>(
  operations: readonly [Op, ...Op[]]
): z.ZodType<LatencyConfig<Op>> =>
  z.union([
    z.number().nonnegative(),
    z.partialRecord(operationOrAny(operations), z.number().nonnegative()),
  ]);

/** A request id in the form AWS uses for `x-amzn-RequestId`. */
export const newRequestId = (): string => randomUUID();
