/**
 * A wire-level emulator of Amazon EventBridge `PutEvents`, for integration
 * tests that run the real `@aws-sdk/client-eventbridge` against a local
 * `node:http` server.
 *
 * Protocol: **AWS JSON 1.1** (checked with
 * `@aws-sdk/client-eventbridge@3.1169.0`): `x-amz-target:
 * AWSEvents.PutEvents`, `Time` in epoch seconds; the SDK validates nothing
 * client-side. Errors are `{"__type":"<Name>","message":…}` (the plain name
 * is UNVERIFIED; the SDK strips any `namespace#` prefix either way).
 *
 * Behaviour, with the texts real EventBridge returns (localstack's
 * AWS-validated snapshots, `tests/aws/services/events/test_events.snapshot.json`,
 * 2024-12-06):
 * - Whole-call errors: no entries or more than 10 → 400
 *   `ValidationException` (the real message also quotes every entry, left
 *   out here); a total entry size over 1 MB → 400 `ValidationException`
 *   "Total size of the entries in the request is over the limit.". The size
 *   is counted as documented (eb-putevent-size): 14 bytes for `Time`, plus
 *   the UTF-8 bytes of `Source`, `DetailType`, `Detail` and each of
 *   `Resources`. AWS raised the limit from 256 KB on 2026-01-29; whether
 *   "1MB" is 1,000,000 or 1,048,576 bytes is UNVERIFIED.
 * - Bad entries fail **per entry** (HTTP 200, `FailedEntryCount` > 0), in
 *   request order: no `Source`, `DetailType` or `Detail` → `InvalidArgument`
 *   "Parameter Source is not valid. Reason: Source is a required argument.";
 *   a `Detail` that is not a JSON object → `MalformedDetail` "Detail is
 *   malformed.".
 * - An entry for a bus that does not exist is *not* failed: AWS answers it
 *   with an `EventId` and drops the event
 *   (test_put_events_nonexistent_event_bus); the call record says
 *   `dropped`. `EventBusName` is taken as a name: restore-relay's
 *   configuration refuses ARNs.
 * - Accepted entries become the event a rule target receives (`time` from
 *   `Time` or the emulator clock, to the second).
 * - `configure({ failEntries: { errorCode, errorMessage?, count? } })` fails
 *   valid entries with that code and HTTP 200, the way AWS reports partial
 *   failures (`ThrottlingException` and `InternalFailure` are the retryable
 *   codes of PutEventsResultEntry).
 * - An unknown target, method or content type → 400
 *   `UnknownOperationException` (ASSUMPTION); a body that is not a JSON
 *   object → 400 `SerializationException`.
 * - Faults as in the other emulators; a reset after the events were
 *   recorded makes the SDK retry duplicate them, as EventBridge can.
 * - Not modelled: rules and targets, archives, endpoints, KMS and
 *   authorization errors, the JSON nesting limit, signatures.
 *
 * Control plane (under `/_emulator/`): `GET events[?bus=<name>]` and the
 * shared ones (wire-emulator.ts).
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html
 * @see https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb
 * @see docs/development.md#emulator-discipline
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  type AwsJsonCall,
  AwsJsonEmulator,
  isJsonObject,
} from './aws-json-emulator.js';
import { type ErrorCodeOutcome, errorCodeOutcome } from './call-record.js';
import { type ControlRoutes, jsonRoute } from './control-plane.js';
import { createClock, type EmulatorClock } from './emulator-clock.js';
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

/** The limit on the total entry size of one call (1 MB). */
export const EVENTBRIDGE_MAX_REQUEST_BYTES = 1_048_576;

/** The bus every account has. */
export const DEFAULT_EVENT_BUS = 'default';

// `Time` counts as 14 bytes, whatever its value (eb-putevent-size).
const TIME_ENTRY_BYTES = 14;
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;

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

/** A PutEvents request entry as sent (the SDK validates nothing). */
export interface PutEventsEntryInput {
  Time?: unknown;
  Source?: unknown;
  Resources?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
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
  /** Fail only the next N valid entries. */
  count?: number | undefined;
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

/** One request the emulator received (control-plane calls excluded). */
export type EventBridgeCall = AwsJsonCall<EventBridgeResult>;

/** Options for {@link startEventBridgeEmulator}. */
export interface EventBridgeEmulatorOptions
  extends WireEmulatorOptions<EventBridgeOperation> {
  /** Clock for event times without `Time`. Default: real time. */
  clock?: EmulatorClock | undefined;
}

/** A running EventBridge emulator. */
export interface EventBridgeEmulator
  extends EmulatorHandle<EventBridgeOperation, EventBridgeCall> {
  readonly clock: EmulatorClock;
  /** Calls of one operation. */
  callsTo(operation: EventBridgeOperation): EventBridgeCall[];
  /**
   * Creates a bus (idempotent) and returns its ARN.
   *
   * @throws Error for an invalid name
   */
  createEventBus(name: string): string;
  /**
   * The events a bus (default `default`) accepted, oldest first.
   *
   * @throws Error when the bus does not exist
   */
  events(busName?: string): EventBridgeEvent[];
  /** Sets the latency and per-entry failure knobs. */
  configure(patch: EventBridgeConfigPatch): void;
  /** Clears events, calls, faults, latency and `failEntries`; buses stay. */
  reset(): void;
}

type Json = Record<string, unknown>;

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

const tooLarge = (): ServiceError =>
  validationException(
    'Total size of the entries in the request is over the limit.'
  );

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

/** The whole-call checks of PutEvents; returns the entries. */
const checkedEntries = (input: Json): PutEventsEntryInput[] => {
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
  for (const { Time, Resources } of typed) {
    if (
      Time !== undefined &&
      Time !== null &&
      (typeof Time !== 'number' || !Number.isFinite(Time))
    ) {
      throw serializationException('Time must be a timestamp.');
    }
    if (
      Resources !== undefined &&
      Resources !== null &&
      (!Array.isArray(Resources) ||
        !Resources.every((r) => typeof r === 'string'))
    ) {
      throw serializationException('Resources must be a list of strings.');
    }
  }
  const total = typed.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > EVENTBRIDGE_MAX_REQUEST_BYTES) {
    throw tooLarge();
  }
  return typed;
};

class EventBridgeEmulatorImpl
  extends AwsJsonEmulator<EventBridgeOperation, EventBridgeResult>
  implements EventBridgeEmulator
{
  readonly clock: EmulatorClock;

  /** Bus name → delivered events. */
  readonly #buses = new Map<string, EventBridgeEvent[]>();
  #failure:
    | { rule: EntryFailureRule; remaining: number | undefined }
    | undefined;

  constructor(options: EventBridgeEmulatorOptions) {
    const clock = options.clock ?? createClock();
    super({
      ...options,
      clock,
      operations: EVENTBRIDGE_OPERATIONS,
      internalErrorName: 'InternalException',
      describeError: errorCodeOutcome,
      protocol: {
        version: '1.1',
        targetPrefix: 'AWSEvents.',
        // A JSON-escaped body can be six times its entry size (`\uXXXX`);
        // anything beyond that is refused without keeping it in memory.
        maxRequestBytes: 8 * EVENTBRIDGE_MAX_REQUEST_BYTES,
        tooLarge,
        serializationException,
      },
    });
    this.clock = clock;
    this.createEventBus(DEFAULT_EVENT_BUS);
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
    return `arn:aws:events:${this.region}:${this.accountId}:event-bus/${name}`;
  }

  events(busName: string = DEFAULT_EVENT_BUS): EventBridgeEvent[] {
    const events = this.#buses.get(busName);
    if (events === undefined) {
      throw new Error(`no EventBridge event bus ${busName} in the emulator`);
    }
    return events.map((event) => structuredClone(event));
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
    this.#failure = undefined;
  }

  /** The armed per-entry failure, counted down. */
  #injectedFailure(): EntryFailureRule | undefined {
    const armed = this.#failure;
    if (armed?.remaining !== undefined) {
      armed.remaining -= 1;
      if (armed.remaining <= 0) {
        this.#failure = undefined;
      }
    }
    return armed?.rule;
  }

  protected sendError(res: ServerResponse, error: ServiceError): void {
    this.sendJson(res, error.status, {
      __type: error.code,
      message: error.message,
    });
  }

  /** @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html */
  protected perform(
    _operation: EventBridgeOperation,
    input: Json,
    call: EventBridgeCall
  ): Json {
    const outcomes = checkedEntries(input).map((entry) =>
      this.#putEntry(entry)
    );
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

    const injected = this.#injectedFailure();
    if (injected !== undefined) {
      return {
        result: 'failed',
        errorCode: injected.errorCode,
        errorMessage: injected.errorMessage ?? `Injected ${injected.errorCode}`,
        source: 'fault',
      };
    }

    const eventBusName =
      typeof entry.EventBusName === 'string' && entry.EventBusName !== ''
        ? entry.EventBusName
        : DEFAULT_EVENT_BUS;
    const eventId = randomUUID();
    const bus = this.#buses.get(eventBusName);
    if (bus === undefined) {
      return { result: 'dropped', eventId, eventBusName };
    }
    bus.push({
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
    });
    return { result: 'accepted', eventId, eventBusName };
  }

  protected override controlRoutes(): ControlRoutes {
    return {
      'GET /_emulator/events': jsonRoute(
        (url) => this.events(url.searchParams.get('bus') ?? DEFAULT_EVENT_BUS),
        404
      ),
    };
  }
}

/**
 * Starts an EventBridge emulator on `127.0.0.1` (a free port by default),
 * with the `default` bus.
 *
 * @example
 * ```ts
 * const events = await startEventBridgeEmulator();
 * // … EventBridgeClient({ endpoint: events.url }) puts Detail '{"id":1}' …
 * events.events(); // [{ version: '0', detail: { id: 1 }, … }]
 * ```
 */
export const startEventBridgeEmulator = async (
  options: EventBridgeEmulatorOptions = {}
): Promise<EventBridgeEmulator> =>
  new EventBridgeEmulatorImpl(options).start(options);
