/**
 * A wire-level emulator of Amazon EventBridge `PutEvents`, for integration
 * tests that run the real `@aws-sdk/client-eventbridge` against a local
 * `node:http` server.
 *
 * ## Protocol
 * Checked by sending `PutEventsCommand` from
 * `@aws-sdk/client-eventbridge@3.1169.0` to a throwaway server: the client
 * speaks **AWS JSON 1.1**.
 * - `POST /` with `content-type: application/x-amz-json-1.1`,
 *   `x-amz-target: AWSEvents.PutEvents` and a body such as
 *   `{"Entries":[{"Time":1795856400.123,"Source":"…","Resources":["…"],
 *   "DetailType":"…","Detail":"{…}","EventBusName":"…"}]}` (`Time` in epoch
 *   seconds, fractions allowed). The SDK validates nothing client-side: an
 *   entry without `Source` or `Detail` reaches the server.
 * - Success: HTTP 200, `{"FailedEntryCount":…,"Entries":[…]}`;
 *   `x-amzn-RequestId` becomes `$metadata.requestId`.
 * - Errors: the status and `{"__type":"<Name>","message":"…"}` (the plain
 *   name as `__type` is UNVERIFIED; the SDK strips any `namespace#` prefix
 *   either way). Modelled names (`InternalException`, `ThrottlingException`)
 *   become their exception class; others, such as `ValidationException`,
 *   which the EventBridge model does not declare, an
 *   `EventBridgeServiceException` whose `name` is the error name.
 *
 * ## Behaviour
 * - Whole-call errors, as AWS answers them (texts recorded from real
 *   EventBridge in localstack's AWS-validated snapshots,
 *   `tests/aws/services/events/test_events.snapshot.json`, 2024-12-06):
 *   no entries or more than 10 → 400 `ValidationException` ("1 validation
 *   error detected: … at 'entries' failed to satisfy constraint: Member must
 *   have length less than or equal to 10"; the real message also quotes
 *   every entry, left out here); a total entry size over the limit → 400
 *   `ValidationException` "Total size of the entries in the request is over
 *   the limit.".
 * - The size is counted the documented way (eb-putevent-size): `Time` 14
 *   bytes if present, plus the UTF-8 bytes of `Source`, `DetailType`,
 *   `Detail` and each of `Resources`, summed over the entries. The limit is
 *   1 MB (`maxRequestBytes`, default 1,048,576): AWS raised it from 256 KB
 *   on 2026-01-29, and the API reference and the SDK model now say "the
 *   total entry size must be less than 1MB". Whether "1MB" is 1,000,000 or
 *   1,048,576 bytes, and whether exactly the limit passes, is UNVERIFIED;
 *   pass `maxRequestBytes: 262_144` for the old limit.
 * - Bad entries fail **per entry** (HTTP 200, `FailedEntryCount` > 0, the
 *   other entries go through), in request order, with the codes and texts
 *   real EventBridge returns (same snapshots): no `Source`, `DetailType` or
 *   `Detail` → `InvalidArgument` "Parameter Source is not valid. Reason:
 *   Source is a required argument." (likewise for the others, checked in
 *   that order); a `Detail` that is not a JSON object (a string, an array,
 *   malformed JSON) → `MalformedDetail` "Detail is malformed.".
 * - **Unknown bus.** `EventBusName` is a name or an ARN, default `default`.
 *   An entry for a bus that does not exist is *not* failed: real EventBridge
 *   answers it with an `EventId` and `FailedEntryCount: 0` and drops the
 *   event (test_put_events_nonexistent_event_bus in the same snapshots). The
 *   emulator does the same and records the entry as `dropped` in the call
 *   outcome; no bus receives it. An ARN of another Region or account counts
 *   as unknown (UNVERIFIED: AWS may answer cross-account puts otherwise). To
 *   make such an entry fail in a test, use `failEntries` with `when`.
 * - Accepted entries become the event a rule target receives:
 *   `{ version: '0', id, 'detail-type', source, account, time, region,
 *   resources, detail }`, `time` from `Time` or the emulator clock, to the
 *   second (`2022-01-01T00:00:00Z`), `resources` the entry's or `[]`,
 *   `detail` the parsed object. `TraceHeader` and `EndpointId` are ignored.
 * - **Partial failure knob.** `configure({ failEntries: { errorCode,
 *   errorMessage?, count?, when? } })` fails matching valid entries with
 *   that code (e.g. `ThrottlingException` or `InternalFailure`, the
 *   retryable codes of PutEventsResultEntry) and HTTP 200, the way AWS
 *   reports partial failures; `count` limits it to the next N matching
 *   entries. Over HTTP: `POST /_emulator/config {"failEntries":{…}}`
 *   (without `when`), `null` to disarm.
 * - Any other target, method or content type is answered with 400
 *   `UnknownOperationException` (ASSUMPTION: the generic answer of AWS JSON
 *   services to an unknown `X-Amz-Target`). A body that is not a JSON object
 *   is a 400 `SerializationException`.
 * - Whole-call faults as in the other emulators: errors (e.g. 500
 *   `InternalException`, 400 `ThrottlingException`, both retried by the
 *   SDK), connection resets (optionally after the events were recorded, so
 *   an SDK retry duplicates them, as EventBridge can), hangs and latency.
 * - Not modelled: signatures, rules and targets, archives, endpoints,
 *   `NotAuthorizedFor…` and KMS errors, the 1,000-level JSON nesting limit.
 *
 * ## Control plane
 * In-process: {@link EventBridgeEmulator}. Over HTTP under `/_emulator/`:
 * `GET events[?bus=<name or ARN>]`, `GET buses`, `POST buses {"name":…}`,
 * `GET calls[?operation=]`, `GET|POST|DELETE faults`,
 * `GET|POST config {"latencyMs":…,"failEntries":…}`, `POST reset`,
 * `POST clock/advance {"ms":…}`.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html
 * @see https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb
 * @see docs/development.md#emulator-discipline
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  type AwsJsonCall,
  AwsJsonEmulator,
  isJsonObject,
} from './aws-json-emulator.js';
import {
  type CallOutcome,
  type ErrorCodeOutcome,
  errorCodeOutcome,
} from './call-record.js';
import {
  bodyRoute,
  type ControlRoutes,
  jsonRoute,
  sendControlJson,
} from './control-plane.js';
import { createClock, type EmulatorClock } from './emulator-clock.js';
import { type LatencyConfig, latencySchema } from './latency.js';
import { ServiceError } from './service-error.js';
import type {
  EmulatorHandle,
  LatencyPatch,
  WireEmulatorOptions,
} from './wire-emulator.js';

/** The EventBridge operations the emulator implements. */
export const EVENTBRIDGE_OPERATIONS = ['PutEvents'] as const;

/** One of {@link EVENTBRIDGE_OPERATIONS}. */
export type EventBridgeOperation = (typeof EVENTBRIDGE_OPERATIONS)[number];

/** Most entries in one PutEvents call. */
export const EVENTBRIDGE_MAX_ENTRIES = 10;

/** Default limit on the total entry size of one call (1 MB). */
export const EVENTBRIDGE_MAX_REQUEST_BYTES = 1_048_576;

/** The bus every account has. */
export const DEFAULT_EVENT_BUS = 'default';

const TARGET_PREFIX = 'AWSEvents.';
// `Time` counts as 14 bytes, whatever its value (eb-putevent-size).
const TIME_ENTRY_BYTES = 14;
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;
const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;

/** The event a rule target receives for an accepted entry. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 to the second, `Z`. */
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/** An accepted entry and the bus it went to. */
export interface EventBridgeDelivery {
  eventBusName: string;
  eventBusArn: string;
  event: EventBridgeEvent;
}

/** A PutEvents request entry as sent (the SDK validates nothing). */
export interface PutEventsEntryInput {
  Time?: unknown;
  Source?: unknown;
  Resources?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  TraceHeader?: unknown;
}

/**
 * Makes valid entries fail per entry, as AWS reports a partial failure.
 * Without `count` it stays armed until disarmed (`null`) or `reset()`.
 */
export interface EntryFailureRule {
  /** `ErrorCode` of the failed entries, e.g. `ThrottlingException`. */
  errorCode: string;
  /** `ErrorMessage`; default `Injected <errorCode>`. */
  errorMessage?: string | undefined;
  /** Fail only the next N matching entries. */
  count?: number | undefined;
  /** Which entries fail; default all. Not settable over HTTP. */
  when?: ((entry: PutEventsEntryInput) => boolean) | undefined;
}

/** The knobs of {@link EventBridgeEmulator.configure}. */
export interface EventBridgeConfigPatch
  extends LatencyPatch<EventBridgeOperation> {
  /** Arms (or with `null` disarms) per-entry failures. */
  failEntries?: EntryFailureRule | null | undefined;
}

/** What happened to one entry of a PutEvents call. */
export type PutEventsEntryOutcome =
  | { result: 'accepted'; eventId: string; eventBusName: string }
  /** Given an `EventId` but dropped: the bus does not exist. */
  | { result: 'dropped'; eventId: string; eventBusName: string }
  | {
      result: 'failed';
      errorCode: string;
      errorMessage: string;
      /** `fault` when the `failEntries` knob failed it. */
      source: 'service' | 'fault';
    };

type EventBridgeResult =
  | {
      kind: 'ok';
      status: number;
      failedEntryCount: number;
      entries: PutEventsEntryOutcome[];
    }
  | ErrorCodeOutcome;

/** How a recorded call ended. */
export type EventBridgeCallOutcome = CallOutcome<EventBridgeResult>;

/** One request the emulator received (control-plane calls excluded). */
export type EventBridgeCall = AwsJsonCall<EventBridgeResult>;

/** Options for {@link startEventBridgeEmulator}. */
export interface EventBridgeEmulatorOptions
  extends WireEmulatorOptions<EventBridgeOperation> {
  /** Buses (names) to create at start, besides `default`. */
  eventBuses?: readonly string[] | undefined;
  /** Clock for event times without `Time`. Default: real time. */
  clock?: EmulatorClock | undefined;
  /** Total entry size limit per call; default {@link EVENTBRIDGE_MAX_REQUEST_BYTES}. */
  maxRequestBytes?: number | undefined;
}

/** A running EventBridge emulator. */
export interface EventBridgeEmulator
  extends EmulatorHandle<EventBridgeOperation, EventBridgeCall> {
  readonly clock: EmulatorClock;
  /** Calls of one operation. */
  callsTo(operation: EventBridgeOperation): EventBridgeCall[];
  /**
   * Creates a bus (idempotent) and returns its ARN,
   * `arn:aws:events:<region>:<account>:event-bus/<name>`.
   *
   * @throws Error for an invalid name
   */
  createEventBus(name: string): string;
  /** The buses, `default` first. */
  eventBuses(): { name: string; arn: string }[];
  /**
   * The events a bus (name or ARN; default `default`) accepted, oldest
   * first.
   *
   * @throws Error when the bus does not exist
   */
  events(busNameOrArn?: string): EventBridgeEvent[];
  /** Every accepted event with its bus, oldest first. */
  deliveries(): EventBridgeDelivery[];
  /** Sets the latency and per-entry failure knobs. */
  configure(patch: EventBridgeConfigPatch): void;
  /**
   * Clears events, calls, faults, latency and `failEntries`. Buses stay:
   * they are infrastructure created by setup code.
   */
  reset(): void;
}

type Json = Record<string, unknown>;

interface ArmedFailure {
  rule: EntryFailureRule;
  remaining: number | undefined;
}

/** Thrown for a bad entry: becomes that entry's `ErrorCode`. */
class EntryError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'EntryError';
  }
}

const validationException = (message: string): ServiceError =>
  new ServiceError('ValidationException', 400, message);

const serializationException = (message: string): ServiceError =>
  new ServiceError('SerializationException', 400, message);

const utf8Bytes = (value: unknown): number =>
  typeof value === 'string' ? Buffer.byteLength(value) : 0;

/** The documented PutEventsRequestEntry size. */
const entrySize = (entry: PutEventsEntryInput): number =>
  (entry.Time === undefined || entry.Time === null ? 0 : TIME_ENTRY_BYTES) +
  utf8Bytes(entry.Source) +
  utf8Bytes(entry.DetailType) +
  utf8Bytes(entry.Detail) +
  (Array.isArray(entry.Resources)
    ? entry.Resources.reduce<number>((sum, r) => sum + utf8Bytes(r), 0)
    : 0);

/** A required string member; missing or empty fails the entry. */
const requiredArgument = (entry: PutEventsEntryInput, name: string): string => {
  const value = entry[name as keyof PutEventsEntryInput];
  if (typeof value !== 'string' || value === '') {
    throw new EntryError(
      'InvalidArgument',
      `Parameter ${name} is not valid. Reason: ${name} is a required argument.`
    );
  }
  return value;
};

/** Event times are to the second: `2022-01-01T00:00:00Z`. */
const eventTime = (ms: number): string =>
  `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;

const failEntriesSchema = z
  .strictObject({
    errorCode: z.string().min(1),
    errorMessage: z.string().optional(),
    count: z.number().int().positive().optional(),
  })
  .nullable();

class EventBridgeEmulatorImpl
  extends AwsJsonEmulator<EventBridgeOperation, EventBridgeResult>
  implements EventBridgeEmulator
{
  readonly clock: EmulatorClock;

  readonly #maxRequestBytes: number;
  /** Bus name → delivered events. */
  readonly #buses = new Map<string, EventBridgeEvent[]>();
  #deliveries: EventBridgeDelivery[] = [];
  #failure: ArmedFailure | undefined;

  constructor(options: EventBridgeEmulatorOptions) {
    const clock = options.clock ?? createClock();
    const maxRequestBytes =
      options.maxRequestBytes ?? EVENTBRIDGE_MAX_REQUEST_BYTES;
    super({
      ...options,
      clock,
      operations: EVENTBRIDGE_OPERATIONS,
      internalErrorName: 'InternalException',
      describeError: errorCodeOutcome,
      protocol: {
        version: '1.1',
        targetPrefix: TARGET_PREFIX,
        // A JSON-escaped body can be six times its entry size (`\uXXXX`);
        // anything beyond that is refused without keeping it in memory.
        maxRequestBytes: 8 * maxRequestBytes,
        tooLarge: () =>
          validationException(
            'Total size of the entries in the request is over the limit.'
          ),
        serializationException,
      },
    });
    this.clock = clock;
    this.#maxRequestBytes = maxRequestBytes;
    this.createEventBus(DEFAULT_EVENT_BUS);
    for (const name of options.eventBuses ?? []) {
      this.createEventBus(name);
    }
  }

  callsTo(operation: EventBridgeOperation): EventBridgeCall[] {
    return this.callsOf(operation);
  }

  createEventBus(name: string): string {
    if (!BUS_NAME.test(name)) {
      throw new Error(`invalid event bus name ${name}`);
    }
    if (!this.#buses.has(name)) {
      this.#buses.set(name, []);
    }
    return this.#busArn(name);
  }

  eventBuses(): { name: string; arn: string }[] {
    return [...this.#buses.keys()].map((name) => ({
      name,
      arn: this.#busArn(name),
    }));
  }

  events(busNameOrArn: string = DEFAULT_EVENT_BUS): EventBridgeEvent[] {
    const name = this.#busName(busNameOrArn);
    const events = name === undefined ? undefined : this.#buses.get(name);
    if (events === undefined) {
      throw new Error(
        `no EventBridge event bus ${busNameOrArn} in the emulator`
      );
    }
    return events.map((event) => structuredClone(event));
  }

  deliveries(): EventBridgeDelivery[] {
    return this.#deliveries.map((delivery) => structuredClone(delivery));
  }

  override configure(patch: EventBridgeConfigPatch): void {
    super.configure(patch);
    if (patch.failEntries !== undefined) {
      this.#failure =
        patch.failEntries === null
          ? undefined
          : { rule: patch.failEntries, remaining: patch.failEntries.count };
    }
  }

  protected override resetState(): void {
    for (const name of this.#buses.keys()) {
      this.#buses.set(name, []);
    }
    this.#deliveries = [];
    this.#failure = undefined;
  }

  #busArn(name: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:event-bus/${name}`;
  }

  /** The bus name an `EventBusName` names here, if it names one here. */
  #busName(nameOrArn: string): string | undefined {
    const arn = BUS_ARN.exec(nameOrArn);
    if (arn === null) {
      return nameOrArn;
    }
    return arn[1] === this.region && arn[2] === this.accountId
      ? arn[3]
      : undefined;
  }

  /** The armed per-entry failure for this entry, counted down. */
  #injectedFailure(entry: PutEventsEntryInput): EntryFailureRule | undefined {
    const armed = this.#failure;
    if (armed === undefined || (armed.rule.when?.(entry) ?? true) === false) {
      return undefined;
    }
    if (armed.remaining !== undefined) {
      armed.remaining -= 1;
      if (armed.remaining <= 0) {
        this.#failure = undefined;
      }
    }
    return armed.rule;
  }

  protected perform(
    _operation: EventBridgeOperation,
    input: Json,
    call: EventBridgeCall
  ): Json {
    return this.#putEvents(input, call);
  }

  protected sendError(res: ServerResponse, error: ServiceError): void {
    this.sendJson(res, error.status, {
      __type: error.code,
      message: error.message,
    });
  }

  /** @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html */
  #putEvents(input: Json, call: EventBridgeCall): Json {
    const entries = input.Entries;
    if (entries === undefined || entries === null) {
      throw validationException(
        "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null"
      );
    }
    if (!Array.isArray(entries) || !entries.every(isJsonObject)) {
      throw serializationException('Entries must be a list of structures.');
    }
    if (entries.length < 1) {
      throw validationException(
        "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1"
      );
    }
    if (entries.length > EVENTBRIDGE_MAX_ENTRIES) {
      throw validationException(
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${EVENTBRIDGE_MAX_ENTRIES}`
      );
    }
    const typed: PutEventsEntryInput[] = entries;
    for (const entry of typed) {
      if (
        entry.Time !== undefined &&
        entry.Time !== null &&
        (typeof entry.Time !== 'number' || !Number.isFinite(entry.Time))
      ) {
        throw serializationException('Time must be a timestamp.');
      }
      if (
        entry.Resources !== undefined &&
        entry.Resources !== null &&
        (!Array.isArray(entry.Resources) ||
          !entry.Resources.every((r) => typeof r === 'string'))
      ) {
        throw serializationException('Resources must be a list of strings.');
      }
    }
    const total = typed.reduce((sum, entry) => sum + entrySize(entry), 0);
    if (total > this.#maxRequestBytes) {
      throw validationException(
        'Total size of the entries in the request is over the limit.'
      );
    }

    const outcomes = typed.map((entry) => this.#putEntry(entry));
    const failed = outcomes.filter((o) => o.result === 'failed').length;
    call.outcome = {
      kind: 'ok',
      status: 200,
      failedEntryCount: failed,
      entries: outcomes,
    };
    return {
      FailedEntryCount: failed,
      Entries: outcomes.map((o) =>
        o.result === 'failed'
          ? { ErrorCode: o.errorCode, ErrorMessage: o.errorMessage }
          : { EventId: o.eventId }
      ),
    };
  }

  /** Validates one entry and, unless it fails, routes it to its bus. */
  #putEntry(entry: PutEventsEntryInput): PutEventsEntryOutcome {
    let source: string;
    let detailType: string;
    let detail: unknown;
    try {
      source = requiredArgument(entry, 'Source');
      detailType = requiredArgument(entry, 'DetailType');
      const text = requiredArgument(entry, 'Detail');
      try {
        detail = JSON.parse(text);
      } catch {
        detail = undefined;
      }
      if (!isJsonObject(detail)) {
        throw new EntryError('MalformedDetail', 'Detail is malformed.');
      }
    } catch (error) {
      if (error instanceof EntryError) {
        return {
          result: 'failed',
          errorCode: error.code,
          errorMessage: error.message,
          source: 'service',
        };
      }
      throw error;
    }

    const injected = this.#injectedFailure(entry);
    if (injected !== undefined) {
      return {
        result: 'failed',
        errorCode: injected.errorCode,
        errorMessage: injected.errorMessage ?? `Injected ${injected.errorCode}`,
        source: 'fault',
      };
    }

    const requested =
      typeof entry.EventBusName === 'string' && entry.EventBusName !== ''
        ? entry.EventBusName
        : DEFAULT_EVENT_BUS;
    const eventId = randomUUID();
    const busName = this.#busName(requested);
    const bus = busName === undefined ? undefined : this.#buses.get(busName);
    if (busName === undefined || bus === undefined) {
      return { result: 'dropped', eventId, eventBusName: requested };
    }
    const event: EventBridgeEvent = {
      version: '0',
      id: eventId,
      'detail-type': detailType,
      source,
      account: this.accountId,
      time: eventTime(
        typeof entry.Time === 'number' ? entry.Time * 1000 : this.clock.now()
      ),
      region: this.region,
      resources: Array.isArray(entry.Resources) ? [...entry.Resources] : [],
      detail,
    };
    bus.push(event);
    this.#deliveries.push({
      eventBusName: busName,
      eventBusArn: this.#busArn(busName),
      event,
    });
    return { result: 'accepted', eventId, eventBusName: busName };
  }

  protected override controlRoutes(): ControlRoutes {
    return {
      'GET /_emulator/events': jsonRoute(
        (url) => this.events(url.searchParams.get('bus') ?? DEFAULT_EVENT_BUS),
        404
      ),
      'GET /_emulator/buses': jsonRoute(() => this.eventBuses()),
      'POST /_emulator/buses': bodyRoute(
        z.strictObject({ name: z.string().min(1) }),
        (body) => ({ eventBusArn: this.createEventBus(body.name) }),
        400
      ),
      'POST /_emulator/config': bodyRoute(
        z.strictObject({
          latencyMs: latencySchema(EVENTBRIDGE_OPERATIONS).optional(),
          failEntries: failEntriesSchema.optional(),
        }),
        (patch) => {
          const latencyMs: LatencyConfig<EventBridgeOperation> | undefined =
            patch.latencyMs;
          this.configure({
            ...(latencyMs === undefined ? {} : { latencyMs }),
            ...(patch.failEntries === undefined
              ? {}
              : {
                  failEntries:
                    patch.failEntries === null
                      ? null
                      : {
                          errorCode: patch.failEntries.errorCode,
                          errorMessage: patch.failEntries.errorMessage,
                          count: patch.failEntries.count,
                        },
                }),
          });
          return this.#config();
        }
      ),
      'GET /_emulator/config': ({ res }) => {
        sendControlJson(res, 200, this.#config());
      },
    };
  }

  /** The knobs as the control plane shows them. */
  #config(): Json {
    const armed = this.#failure;
    return {
      latencyMs: this.latency(),
      failEntries:
        armed === undefined
          ? null
          : {
              errorCode: armed.rule.errorCode,
              ...(armed.rule.errorMessage === undefined
                ? {}
                : { errorMessage: armed.rule.errorMessage }),
              ...(armed.remaining === undefined
                ? {}
                : { remaining: armed.remaining }),
              ...(armed.rule.when === undefined ? {} : { when: 'function' }),
            },
    };
  }
}

/**
 * Starts an EventBridge emulator on `127.0.0.1` (a free port by default),
 * with the `default` bus.
 *
 * @example
 * ```ts
 * const events = await startEventBridgeEmulator({ region: 'eu-west-1', accountId: '111122223333' });
 * const client = new EventBridgeClient({
 *   endpoint: events.url,
 *   region: 'eu-west-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
 * });
 * await client.send(new PutEventsCommand({
 *   Entries: [{ Source: 'restore-relay', DetailType: 'Restore Started', Detail: '{"id":1}' }],
 * }));
 * events.events(); // [{ version: '0', source: 'restore-relay', detail: { id: 1 }, … }]
 * await events.close();
 * ```
 */
export const startEventBridgeEmulator = async (
  options: EventBridgeEmulatorOptions = {}
): Promise<EventBridgeEmulator> =>
  new EventBridgeEmulatorImpl(options).start(options);
