/**
 * A wire-level emulator of the AWS Backup restore APIs restore-relay calls,
 * for integration tests that run the real `@aws-sdk/client-backup` against
 * a local `node:http` server.
 *
 * Protocol: REST-JSON (service model `backup/2018-11-15`; requests are read
 * in `backup-routes.ts`). Timestamps are epoch seconds. Errors carry the
 * header `x-amzn-errortype: <Name>` and a body `{ Code, Message, Type,
 * Context }`; the SDK reads the name from the header, then `Code`, so
 * modelled names become their exception class and others a
 * `BackupServiceException` named by the error.
 *
 * Behaviour: recovery points from a seed (`recovery-points.ts`,
 * `backup-seed.ts`), restore jobs and tokens (`restore-jobs.ts`,
 * `restore-failures.ts`), their events (`restore-job-events.ts`),
 * throttling on the emulator clock (`token-bucket.ts`; 400
 * `ThrottlingException`, which the SDK retries as throttling), and the
 * knobs (`backup-config.ts`).
 * - The model's `ResourceType` pattern `^[a-zA-Z0-9\-\_\.]{1,50}$` breaks
 *   AWS's own documented values (`Storage Gateway`, `SAP HANA on Amazon
 *   EC2`); whether the service enforces it is UNVERIFIED, so
 *   `enforceResourceTypePattern` (off by default) answers 400
 *   `InvalidParameterValueException` for a type that breaks it.
 * - Not modelled: signatures, other accounts and Regions, metadata
 *   validation (AWS rejects little synchronously; use failure rules).
 *
 * Control plane (under `/_emulator/`): `GET jobs`, `GET events`, `GET|POST
 * config`, and the shared ones (wire-emulator.ts).
 *
 * @see docs/reliability.md#idempotency-token, docs/resource-types.md#copy-tags, #backup-errors, #job-statuses, #api-shapes
 * @see docs/events.md#envelope, #restore-job-state-change
 * @see docs/reliability.md#backup-api-rates, #sdk-timeouts, #invariants
 * @see docs/development.md#emulator-discipline
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorSource, RecordedCall } from '../call-record.js';
import { bodyRoute, type ControlRoutes, jsonRoute } from '../control-plane.js';
import { createClock, type EmulatorClock } from '../emulator-clock.js';
import { newRequestId, readBody, send } from '../http-io.js';
import type { LatencyConfig } from '../latency.js';
import { ServiceError } from '../service-error.js';
import {
  type EmulatorHandle,
  type EmulatorListenOptions,
  WireEmulator,
} from '../wire-emulator.js';
import {
  type BackupEmulatorConfig,
  type BackupEmulatorConfigPatch,
  configPatchSchema,
  DEFAULT_CONFIG,
  mergeConfig,
} from './backup-config.js';
import {
  BACKUP_OPERATIONS,
  type BackupOperation,
} from './backup-operations.js';
import { type BackupRoute, backupInput, backupRoute } from './backup-routes.js';
import {
  type BackupSeed,
  DEFAULT_SEED_FILE,
  loadBackupSeed,
} from './backup-seed.js';
import { invalid, ThrottlingError } from './backup-validation.js';
import { RecoveryPointStore } from './recovery-points.js';
import {
  type BackupEventDelivery,
  type BackupEventSubscription,
  type BackupRestoreJobEvent,
  RestoreJobEvents,
} from './restore-job-events.js';
import {
  RestoreJobStore,
  type RestoreJobView,
  type RestoreTokenReplay,
} from './restore-jobs.js';
import { TokenBucket } from './token-bucket.js';

const DEFAULT_ACCOUNT_ID = '111122223333';
const DEFAULT_REGION = 'eu-west-1';

/** Options for {@link startBackupEmulator}. */
export interface BackupEmulatorOptions
  extends BackupEmulatorConfigPatch,
    EmulatorListenOptions {
  /** Default: the seed's, else `111122223333`. */
  accountId?: string | undefined;
  /** Default: the seed's, else `eu-west-1`. */
  region?: string | undefined;
  /** Seed file. Default {@link DEFAULT_SEED_FILE}. */
  seedFile?: string | undefined;
  /** Clock. Default: real time (`createClock()`). */
  clock?: EmulatorClock | undefined;
}

type BackupResult =
  | {
      kind: 'ok';
      status: number;
      output: unknown;
      /** StartRestoreJob answered from a remembered idempotency token. */
      tokenReplay?: RestoreTokenReplay;
    }
  | {
      kind: 'error';
      status: number;
      errorName: string;
      message: string;
      /** Service validation, the throttle bucket, or an injected fault. */
      source: ErrorSource | 'throttle';
    };

/** One call the emulator received (control-plane calls are not recorded). */
export interface BackupCall extends RecordedCall<BackupResult> {
  operation: BackupOperation | 'Unknown';
  method: string;
  path: string;
  /** The input under the model's member names (body, path and query). */
  input: Record<string, unknown>;
}

/** A running emulator. */
export interface BackupEmulator
  extends EmulatorHandle<BackupOperation, BackupCall> {
  readonly clock: EmulatorClock;
  /** Calls of one operation. */
  callsTo(operation: BackupOperation): BackupCall[];
  /** Every restore job, oldest first, with its state at the clock's now. */
  jobs(): RestoreJobView[];
  /** Adds vaults and points (replacing points with the same ARN). */
  seed(data: BackupSeed): void;
  /** Current knobs. */
  config(): BackupEmulatorConfig;
  /** Changes knobs; a new throttle setting starts with a full bucket. */
  configure(patch: BackupEmulatorConfigPatch): void;
  /**
   * Registers a rule with one target for the restore job events; nothing
   * is delivered until {@link BackupEmulator.deliverEvents}.
   *
   * @throws Error when the pattern is outside the supported subset
   * @returns a function that removes the subscription
   */
  subscribe(subscription: BackupEventSubscription): () => void;
  /**
   * Emits, once each and oldest first, the events that became due by the
   * clock's now, and hands each to every matching subscription, one target
   * at a time.
   *
   * @returns one record per event and subscription (or one `unmatched` or
   * `dropped` record)
   */
  deliverEvents(): Promise<BackupEventDelivery[]>;
  /**
   * Hands an emitted event, same `id`, to its subscriptions again
   * (EventBridge delivers at least once); `dropEvents` does not apply, so
   * this is also how a dropped event arrives late.
   *
   * @throws Error when no event with that id was emitted
   */
  redeliver(eventId: string): Promise<BackupEventDelivery[]>;
  /** Every event emitted so far (dropped ones included), oldest first. */
  emittedEvents(): BackupRestoreJobEvent[];
  /**
   * Back to the start seed and knobs, with no calls, jobs, events, tokens
   * or faults. The clock and the subscriptions stay, so that a test file
   * can subscribe once and reset before each test.
   */
  reset(): void;
}

class BackupEmulatorImpl
  extends WireEmulator<BackupOperation, BackupResult, BackupCall>
  implements BackupEmulator
{
  readonly clock: EmulatorClock;

  readonly #initialConfig: BackupEmulatorConfig;
  readonly #initialSeed: BackupSeed;
  #config: BackupEmulatorConfig;
  #buckets = new Map<BackupOperation, TokenBucket>();
  readonly #points: RecoveryPointStore;
  readonly #jobs: RestoreJobStore;
  readonly #events: RestoreJobEvents;

  constructor(options: BackupEmulatorOptions) {
    const seed = loadBackupSeed(options.seedFile ?? DEFAULT_SEED_FILE);
    const clock = options.clock ?? createClock();
    super({
      operations: BACKUP_OPERATIONS,
      accountId: options.accountId ?? seed.accountId ?? DEFAULT_ACCOUNT_ID,
      region: options.region ?? seed.region ?? DEFAULT_REGION,
      clock,
      operationOf: (call) => call.operation,
      internalErrorName: 'ServiceUnavailableException',
      describeError: (error, source) => ({
        kind: 'error',
        status: error.status,
        errorName: error.code,
        message: error.message,
        source: error instanceof ThrottlingError ? 'throttle' : source,
      }),
    });
    this.clock = clock;
    this.#initialSeed = seed;
    this.#initialConfig = mergeConfig(DEFAULT_CONFIG, {
      latencyMs: options.latencyMs,
      throttle: options.throttle,
      runningAfterMs: options.runningAfterMs,
      completeAfterMs: options.completeAfterMs,
      tokenWindowMs: options.tokenWindowMs,
      replayWithoutRestoreJobId: options.replayWithoutRestoreJobId,
      enforceResourceTypePattern: options.enforceResourceTypePattern,
      failureRules: options.failureRules,
      dropEvents: options.dropEvents,
    });
    this.#config = this.#initialConfig;
    const where = { accountId: this.accountId, region: this.region };
    this.#points = new RecoveryPointStore(where);
    this.#jobs = new RestoreJobStore({
      ...where,
      clock,
      points: this.#points,
      config: () => this.#config,
    });
    this.#events = new RestoreJobEvents({
      ...where,
      clock,
      jobs: () => this.#jobs.all(),
      vaultArn: (name) => this.#points.vaultArn(name),
      dropEvents: () => this.#config.dropEvents,
    });
    this.#rebuildBuckets();
    this.seed(seed);
  }

  callsTo(operation: BackupOperation): BackupCall[] {
    return this.callsOf(operation);
  }

  jobs(): RestoreJobView[] {
    return this.#jobs.all().map((job) => this.#jobs.view(job));
  }

  seed(data: BackupSeed): void {
    this.#points.seed(data);
  }

  subscribe(subscription: BackupEventSubscription): () => void {
    return this.#events.subscribe(subscription);
  }

  deliverEvents(): Promise<BackupEventDelivery[]> {
    return this.#events.deliver();
  }

  redeliver(eventId: string): Promise<BackupEventDelivery[]> {
    return this.#events.redeliver(eventId);
  }

  emittedEvents(): BackupRestoreJobEvent[] {
    return this.#events.emitted();
  }

  config(): BackupEmulatorConfig {
    return { ...this.#config };
  }

  override configure(patch: BackupEmulatorConfigPatch): void {
    this.#config = mergeConfig(this.#config, patch);
    if (patch.throttle !== undefined) {
      this.#rebuildBuckets(Object.keys(patch.throttle) as BackupOperation[]);
    }
  }

  protected override resetState(): void {
    this.#config = this.#initialConfig;
    this.#buckets.clear();
    this.#rebuildBuckets();
    this.#jobs.clear();
    this.#events.clear();
    this.#points.clear();
    this.seed(this.#initialSeed);
  }

  protected override latency(): LatencyConfig<BackupOperation> {
    return this.#config.latencyMs;
  }

  #rebuildBuckets(operations?: BackupOperation[]): void {
    const targets =
      operations ?? (Object.keys(this.#config.throttle) as BackupOperation[]);
    for (const operation of targets) {
      const setting = this.#config.throttle[operation];
      if (setting) {
        this.#buckets.set(operation, new TokenBucket(setting, this.clock));
      } else {
        this.#buckets.delete(operation);
      }
    }
  }

  protected async dataPlane(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const call = this.recordCall((stamp) => ({
      ...stamp,
      operation: 'Unknown',
      method,
      path: `${url.pathname}${url.search}`,
      input: {},
      outcome: { kind: 'pending' },
    }));

    let matched: BackupRoute | undefined;
    try {
      matched = backupRoute(method, url.pathname);
    } catch {
      this.fail(res, call, invalid('Malformed URL encoding in path.'));
      return;
    }
    if (matched === undefined) {
      this.fail(
        res,
        call,
        new ServiceError(
          'UnknownOperationException',
          404,
          `No operation matches ${method} ${url.pathname}.`
        )
      );
      return;
    }
    const operation = matched.operation;
    call.operation = operation;

    let input: Record<string, unknown>;
    try {
      input = backupInput(matched, url, body);
    } catch (error) {
      if (!(error instanceof ServiceError)) {
        throw error;
      }
      this.fail(res, call, error);
      return;
    }
    call.input = input;

    const run = await this.runOperation(req, res, call, operation, () => {
      // Throttling belongs to the effect: a fault armed to answer first
      // wins over it, and a throttled call takes no action.
      const bucket = this.#buckets.get(operation);
      if (bucket !== undefined && !bucket.tryTake()) {
        throw new ThrottlingError('Rate exceeded');
      }
      return this.#execute(operation, input);
    });
    if (run === undefined) {
      return;
    }
    const result = run.output;

    call.outcome = {
      kind: 'ok',
      status: 200,
      output: result.output,
      ...(result.tokenReplay ? { tokenReplay: result.tokenReplay } : {}),
    };
    send(
      res,
      200,
      {
        'content-type': 'application/json',
        'x-amzn-requestid': newRequestId(),
      },
      JSON.stringify(result.output)
    );
  }

  protected sendError(res: ServerResponse, error: ServiceError): void {
    // Body members of every Backup exception (docs/resource-types.md#backup-errors).
    // `Code` repeats the name so the SDK finds it even without the header;
    // the values AWS puts in Code/Type/Context are UNVERIFIED.
    send(
      res,
      error.status,
      {
        'content-type': 'application/json',
        'x-amzn-errortype': error.code,
        'x-amzn-requestid': newRequestId(),
      },
      JSON.stringify({
        Code: error.code,
        Message: error.message,
        Type: error.status >= 500 ? 'Service' : 'User',
        Context: '',
      })
    );
  }

  #execute(
    operation: BackupOperation,
    input: Record<string, unknown>
  ): { output: unknown; tokenReplay?: RestoreTokenReplay } {
    switch (operation) {
      case 'StartRestoreJob':
        return this.#jobs.start(input);
      case 'DescribeRecoveryPoint':
        return { output: this.#points.describe(input) };
      case 'GetRecoveryPointRestoreMetadata':
        return { output: this.#points.restoreMetadata(input) };
      case 'ListRecoveryPointsByResource':
        return { output: this.#points.listByResource(input) };
      case 'DescribeRestoreJob':
        return { output: this.#jobs.describe(input) };
      case 'ListRestoreJobs':
        return { output: this.#jobs.list(input) };
    }
  }

  protected override controlRoutes(): ControlRoutes {
    return {
      'GET /_emulator/jobs': jsonRoute(() => this.jobs()),
      'GET /_emulator/events': jsonRoute(() => this.emittedEvents()),
      'GET /_emulator/config': jsonRoute(() => this.config()),
      'POST /_emulator/config': bodyRoute(configPatchSchema, (patch) => {
        this.configure(patch);
        return this.config();
      }),
    };
  }
}

/**
 * Starts an AWS Backup emulator on `127.0.0.1` (a free port by default).
 *
 * @example
 * ```ts
 * const emulator = await startBackupEmulator({ clock: createClock({ frozen: true }) });
 * // … BackupClient({ endpoint: emulator.url }) sends StartRestoreJob …
 * emulator.clock.advance(1_000); // the job is now COMPLETED
 * ```
 */
export const startBackupEmulator = async (
  options: BackupEmulatorOptions = {}
): Promise<BackupEmulator> => new BackupEmulatorImpl(options).start(options);
