/**
 * The base class of the wire-level emulators: what each does the same way,
 * whatever AWS protocol it speaks (the server's life cycle, call recording,
 * latency, injected faults, and the shared `/_emulator/*` control routes:
 * `GET calls[?operation=]`, `GET|POST|DELETE faults`, `POST config
 * {"latencyMs":…}`, `POST reset`, `POST clock/advance {"ms":…}`).
 *
 * @see docs/development.md#emulator-discipline
 */
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { z } from 'zod';
import type { CallStamp, ErrorSource, RecordedCall } from './call-record.js';
import {
  bodyRoute,
  type ControlExchange,
  type ControlRoute,
  type ControlRoutes,
  jsonRoute,
  sendControlJson,
} from './control-plane.js';
import type { EmulatorClock } from './emulator-clock.js';
import {
  type FaultAction,
  FaultQueue,
  type FaultRule,
  faultRulesSchema,
} from './fault-rules.js';
import { readBody } from './http-io.js';
import { type LatencyConfig, latencyFor, latencySchema } from './latency.js';
import { closeServer, listen } from './server-lifecycle.js';
import { messageOf, ServiceError } from './service-error.js';
import { EmulatorClosedError, Sleeper } from './sleeper.js';

/** Where an emulator listens on `127.0.0.1`. */
export interface EmulatorListenOptions {
  /** Port. Default 0 (a free port). */
  port?: number | undefined;
}

/** Options most emulators take. */
export interface WireEmulatorOptions<Op extends string>
  extends EmulatorListenOptions {
  /** Default `eu-west-1`. */
  region?: string | undefined;
  /** Default `111122223333`. */
  accountId?: string | undefined;
  /** Artificial latency per call, wall-clock ms. Default 0. */
  latencyMs?: LatencyConfig<Op> | undefined;
}

/** The latency knob, as `configure()` and `POST /_emulator/config` take it. */
export interface LatencyPatch<Op extends string> {
  latencyMs?: LatencyConfig<Op> | undefined;
}

/** What {@link WireEmulator} needs to know about the emulator. */
export interface WireEmulatorSettings<
  Op extends string,
  O,
  C extends RecordedCall<O>,
> extends WireEmulatorOptions<Op> {
  /** The operations it implements (fault and latency targets). */
  operations: readonly [Op, ...Op[]];
  /** Its clock; adds `POST /_emulator/clock/advance`. */
  clock?: EmulatorClock | undefined;
  /** The operation a call record names (for `?operation=`). */
  operationOf?: ((call: C) => string) | undefined;
  /** The error name of an unexpected failure (HTTP 500). */
  internalErrorName: string;
  /** How an error answer is recorded. */
  describeError: (error: ServiceError, source: ErrorSource) => O;
}

/** The public face every emulator shares. */
export interface EmulatorHandle<Op extends string, C> {
  /** Base URL: the SDK `endpoint`. */
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  /** Every data-plane request so far, oldest first. */
  readonly calls: readonly C[];
  /** Arms a fault for the next `count` calls of an operation. */
  addFault(rule: FaultRule<Op>): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /** Clears calls, faults and latency (and what the emulator adds). */
  reset(): void;
  /** Stops the server and drops every connection. */
  close(): Promise<void>;
}

const DEFAULT_REGION = 'eu-west-1';
const DEFAULT_ACCOUNT_ID = '111122223333';

/**
 * The base of a wire-level emulator: a `node:http` server whose
 * `/_emulator/*` paths are the control plane and every other path is the
 * emulated service. A subclass implements {@link WireEmulator.dataPlane}
 * (record the call, decode the request, run the operation through
 * {@link WireEmulator.runOperation}) and {@link WireEmulator.sendError}.
 *
 * @typeParam Op - the operation names
 * @typeParam O - the emulator's own call outcomes
 * @typeParam C - its call record
 * @example
 * ```ts
 * class EchoEmulator extends WireEmulator<'Echo', EchoOutcome, EchoCall> {
 *   protected async dataPlane(req, res) {
 *     const call = this.recordCall((stamp) => ({ ...stamp, outcome: { kind: 'pending' } }));
 *     const result = await this.runOperation(req, res, call, 'Echo', () => 'hi');
 *     if (result !== undefined) send(res, 200, {}, result.output);
 *   }
 *   protected sendError(res, error) { send(res, error.status, {}, error.code); }
 * }
 * ```
 */
export abstract class WireEmulator<
  Op extends string,
  O,
  C extends RecordedCall<O>,
> {
  /** Base URL: the SDK `endpoint` (set by {@link WireEmulator.start}). */
  url = '';
  readonly region: string;
  readonly accountId: string;

  /** Real-time waits, all cancelled by `close()`. */
  protected readonly sleeper = new Sleeper();
  protected readonly faults = new FaultQueue<Op>();

  readonly #settings: WireEmulatorSettings<Op, O, C>;
  readonly #server = createServer((req, res) => {
    void this.#handle(req, res);
  });
  #latency: LatencyConfig<Op>;
  #calls: C[] = [];
  #routes: ReadonlyMap<string, ControlRoute> | undefined;

  constructor(settings: WireEmulatorSettings<Op, O, C>) {
    this.#settings = settings;
    this.region = settings.region ?? DEFAULT_REGION;
    this.accountId = settings.accountId ?? DEFAULT_ACCOUNT_ID;
    this.#latency = settings.latencyMs ?? 0;
  }

  /** Starts listening; resolves once {@link WireEmulator.url} is set. */
  async start(options: EmulatorListenOptions = {}): Promise<this> {
    this.url = await listen(this.#server, '127.0.0.1', options.port ?? 0);
    return this;
  }

  get calls(): readonly C[] {
    return [...this.#calls];
  }

  /** Sets the latency knob. */
  configure(patch: LatencyPatch<Op>): void {
    if (patch.latencyMs !== undefined) {
      this.#latency = patch.latencyMs;
    }
  }

  addFault(rule: FaultRule<Op>): void {
    this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  reset(): void {
    this.#calls = [];
    this.faults.clear();
    this.#latency = this.#settings.latencyMs ?? 0;
    this.resetState();
  }

  async close(): Promise<void> {
    this.sleeper.cancelAll();
    await closeServer(this.#server);
  }

  /** Answers one data-plane request. */
  protected abstract dataPlane(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL
  ): Promise<void>;

  /** Writes an error answer in the protocol's shape. */
  protected abstract sendError(res: ServerResponse, error: ServiceError): void;

  /** Clears the emulator's own state on `reset()`; nothing by default. */
  protected resetState(): void {}

  /** Control routes of the emulator's own (they win over the shared ones). */
  protected controlRoutes(): ControlRoutes {
    return {};
  }

  /** The latency that applies now; the `configure()` knob by default. */
  protected latency(): LatencyConfig<Op> {
    return this.#latency;
  }

  /** Recorded calls, of one operation when `operation` is not null. */
  protected callsOf(operation: string | null): C[] {
    const operationOf = this.#settings.operationOf;
    return operation === null || operationOf === undefined
      ? [...this.#calls]
      : this.#calls.filter((call) => operationOf(call) === operation);
  }

  /** Appends a call to the record, stamped with its number and time. */
  protected recordCall(build: (stamp: CallStamp) => C): C {
    const now = this.#settings.clock?.now() ?? Date.now();
    const call = build({
      seq: this.#calls.length + 1,
      at: new Date(now).toISOString(),
    });
    this.#calls.push(call);
    return call;
  }

  /** Records an error answer on the call and sends it. */
  protected fail(
    res: ServerResponse,
    call: C,
    error: ServiceError,
    source: ErrorSource = 'service'
  ): void {
    const record: RecordedCall<O> = call;
    record.outcome = this.#settings.describeError(error, source);
    this.sendError(res, error);
  }

  /**
   * Runs one operation the way AWS might: after the configured latency,
   * with the next armed fault applied before the effect or, with
   * `afterEffect`, after it (the "it happened but the caller never heard"
   * case). A {@link ServiceError} thrown by `effect` is answered as such.
   *
   * @returns the effect's output to answer with, or `undefined` when the
   * call has already been answered (or its connection destroyed)
   */
  protected async runOperation<T>(
    req: IncomingMessage,
    res: ServerResponse,
    call: C,
    operation: Op,
    effect: () => T | Promise<T>
  ): Promise<{ output: T } | undefined> {
    await this.sleeper.sleep(latencyFor(this.latency(), operation));

    const fault = this.faults.take(operation);
    if (fault !== undefined && fault.afterEffect !== true) {
      if (await this.#applyFault(req, res, call, fault, false)) {
        return undefined;
      }
    }

    let output: T;
    try {
      output = await effect();
    } catch (error) {
      if (error instanceof ServiceError) {
        this.fail(res, call, error);
        return undefined;
      }
      throw error;
    }

    if (fault !== undefined && fault.afterEffect === true) {
      if (await this.#applyFault(req, res, call, fault, true)) {
        return undefined;
      }
    }
    return { output };
  }

  /** @returns true when the fault answered (or killed) the call. */
  async #applyFault(
    req: IncomingMessage,
    res: ServerResponse,
    call: C,
    fault: FaultAction,
    afterEffect: boolean
  ): Promise<boolean> {
    switch (fault.kind) {
      case 'hang':
        await this.sleeper.sleep(fault.ms);
        return false;
      case 'reset': {
        const record: RecordedCall<O> = call;
        record.outcome = { kind: 'reset', afterEffect };
        req.socket.destroy();
        return true;
      }
      case 'error':
        this.fail(
          res,
          call,
          new ServiceError(
            fault.errorName,
            fault.status,
            fault.message ?? `Injected ${fault.errorName}`
          ),
          'fault'
        );
        return true;
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://emulator');
      if (url.pathname.startsWith('/_emulator/')) {
        await this.#control({ req, res, url });
        return;
      }
      await this.dataPlane(req, res, url);
    } catch (error) {
      // A wait cut short by close(): nobody is listening for an answer.
      if (error instanceof EmulatorClosedError) {
        req.socket.destroy();
        return;
      }
      this.sendError(
        res,
        new ServiceError(
          this.#settings.internalErrorName,
          500,
          `emulator failure: ${messageOf(error)}`
        )
      );
    }
  }

  async #control(exchange: ControlExchange): Promise<void> {
    const { req, res, url } = exchange;
    const key = `${req.method ?? 'GET'} ${url.pathname.replace(/\/$/, '')}`;
    // Built on first use: the subclass's routes close over its own fields,
    // which do not exist yet while this constructor runs.
    this.#routes ??= new Map(Object.entries(this.#sharedRoutes()));
    const route = this.#routes.get(key);
    if (route === undefined) {
      sendControlJson(res, 404, { error: `no control endpoint ${key}` });
      return;
    }
    await route(exchange);
  }

  #sharedRoutes(): ControlRoutes {
    const { operations, clock } = this.#settings;
    return {
      'GET /_emulator/calls': jsonRoute((url) =>
        this.callsOf(url.searchParams.get('operation'))
      ),
      'GET /_emulator/faults': jsonRoute(() => this.faults.list()),
      'POST /_emulator/faults': bodyRoute(
        faultRulesSchema(operations),
        (rules) => {
          for (const rule of Array.isArray(rules) ? rules : [rules]) {
            this.addFault(rule);
          }
          return this.faults.list();
        }
      ),
      'DELETE /_emulator/faults': jsonRoute(() => {
        this.clearFaults();
        return [];
      }),
      'POST /_emulator/config': bodyRoute(
        z.strictObject({ latencyMs: latencySchema(operations).optional() }),
        (patch) => {
          this.configure(patch);
          return { latencyMs: this.#latency };
        }
      ),
      'POST /_emulator/reset': async ({ req, res }) => {
        await readBody(req);
        this.reset();
        sendControlJson(res, 200, { reset: true });
      },
      ...(clock === undefined
        ? {}
        : {
            'POST /_emulator/clock/advance': bodyRoute(
              z.strictObject({ ms: z.number().nonnegative() }),
              ({ ms }) => {
                clock.advance(ms);
                return { now: new Date(clock.now()).toISOString() };
              }
            ),
          }),
      ...this.controlRoutes(),
    };
  }
}
