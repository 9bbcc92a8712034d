/**
 * The AWS Backup EventBridge events "Restore Job State Change" (docs/events.md#envelope, #restore-job-state-change)
 * that the emulator's jobs emit as the clock passes their
 * transitions, and their delivery to subscribed targets.
 *
 * `CREATED` and `PENDING` come at creation, `RUNNING` at `runningAfterMs`,
 * then the terminal one. `CREATED` carries only `restoreJobId`,
 * `creationDate` and `state`; the others carry `status` and the job fields
 * of the guide's newer COMPLETED sample (`backupSizeInBytes` a string,
 * `percentDone` a number). Delivery works like a rule → target, but
 * explicitly: `subscribe({ pattern, target })` registers a rule (see
 * `event-pattern.ts` for the pattern subset) and `deliver()` emits what
 * became due and awaits the targets one at a time, so tests decide when
 * events arrive. AWS Backup events are best effort (docs/events.md#backup-delivery):
 * `dropEvents` loses chosen events at the source, and `redeliver(id)` hands
 * an event over again (EventBridge delivers at least once) or late.
 * Choices: `percentDone` is always `0` in events, as in the guide's samples,
 * COMPLETED included (ASSUMPTION); an `ABORTED` event is emitted like a
 * FAILED one, although no sample shows one (ASSUMPTION, docs/events.md#restore-job-states);
 * `time` is the transition on the emulator clock, with no delivery delay.
 *
 * @see docs/events.md#envelope, #restore-job-state-change
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../emulator-clock.js';
import {
  assertEventPattern,
  type EventPattern,
  matchesEventPattern,
} from '../event-pattern.js';
import type { Job, RestoreJobStatus } from './restore-jobs.js';

/** `source` of AWS Backup events (docs/events.md#backup-delivery). */
const BACKUP_EVENT_SOURCE = 'aws.backup';

/** `detail-type` of restore job events (docs/events.md#backup-delivery). */
const RESTORE_JOB_STATE_CHANGE = 'Restore Job State Change';

/** The envelope EventBridge wraps every event in (docs/events.md#envelope). */
interface EventBridgeEnvelope<DetailType extends string, Detail> {
  version: '0';
  /** A version 4 UUID; a redelivered event keeps it. */
  id: string;
  'detail-type': DetailType;
  source: typeof BACKUP_EVENT_SOURCE;
  account: string;
  /** ISO 8601 in seconds with `Z`, on the emulator clock. */
  time: string;
  region: string;
  /** The recovery point being restored. */
  resources: string[];
  detail: Detail;
}

/**
 * `detail` of the `CREATED` event: the job state is in `state`, and nothing
 * else is there (docs/events.md#status-vs-state).
 */
export interface BackupRestoreJobCreatedDetail {
  restoreJobId: string;
  /** ISO 8601 with milliseconds and `Z`. */
  creationDate: string;
  state: 'CREATED';
}

/** `detail` of the other restore job events (docs/events.md#restore-job-detail, #restore-job-sample). */
export interface BackupRestoreJobStatusDetail {
  restoreJobId: string;
  backupVaultArn: string;
  recoveryPointArn: string;
  sourceResourceArn: string;
  /** A string in events, unlike the API's Long (docs/events.md#restore-job-detail). */
  backupSizeInBytes: string;
  /** ISO 8601 with milliseconds and `Z`. */
  creationDate: string;
  /** The StartRestoreJob `IamRoleArn`, absent when the caller gave none. */
  iamRoleArn?: string;
  /** A number in events (the API's PercentDone is a string); always 0 here. */
  percentDone: number;
  resourceType: string;
  status: RestoreJobStatus;
  /** COMPLETED only. */
  createdResourceArn?: string;
  /** FAILED and ABORTED. */
  statusMessage?: string;
  /** COMPLETED, FAILED and ABORTED. */
  completionDate?: string;
}

/** An AWS Backup "Restore Job State Change" event, as a target receives it. */
export type BackupRestoreJobEvent = EventBridgeEnvelope<
  typeof RESTORE_JOB_STATE_CHANGE,
  BackupRestoreJobCreatedDetail | BackupRestoreJobStatusDetail
>;

/**
 * Which events are lost before any rule sees them: all (`true`), none
 * (`false`), or those of the listed jobs.
 */
export type BackupEventDropSwitch = boolean | { restoreJobIds: string[] };

/** A rule target: a Lambda handler, a recorder, … */
export type BackupEventTarget = (
  event: BackupRestoreJobEvent
) => Promise<unknown> | unknown;

/** An EventBridge rule and its one target. */
export interface BackupEventSubscription {
  /** An EventBridge event pattern, in the subset of `event-pattern.ts`. */
  pattern: EventPattern;
  target: BackupEventTarget;
}

/** What became of one event for one subscription. */
export interface BackupEventDelivery {
  event: BackupRestoreJobEvent;
  /**
   * - `delivered`: the target returned (or resolved);
   * - `failed`: the target threw (or rejected); `error` holds it. Not
   *   retried: the test decides, e.g. with `redeliver()`;
   * - `dropped`: lost at the source (`dropEvents`); one record per event,
   *   whatever the subscriptions;
   * - `unmatched`: no subscription's pattern matched; one record per event.
   */
  outcome: 'delivered' | 'dropped' | 'failed' | 'unmatched';
  error?: unknown;
}

/** A job's events in the order it emits them. */
const JOB_EVENTS = ['CREATED', 'PENDING', 'RUNNING', 'TERMINAL'] as const;
type JobEventKind = (typeof JOB_EVENTS)[number];

/** An emitted event and whether the drop switch lost it. */
interface EmittedEvent {
  event: BackupRestoreJobEvent;
  dropped: boolean;
}

/** ISO 8601 in whole seconds, as EventBridge's `time` (docs/events.md#envelope, #restore-job-sample). */
const isoSeconds = (ms: number): string =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** What {@link RestoreJobEvents} works with. */
export interface RestoreJobEventsDeps {
  clock: EmulatorClock;
  accountId: string;
  region: string;
  /** The jobs, oldest first. */
  jobs: () => Job[];
  vaultArn: (name: string) => string;
  /** The drop switch at the moment of emission. */
  dropEvents: () => BackupEventDropSwitch;
}

/**
 * Emits the jobs' events and hands them to subscriptions.
 *
 * @example
 * ```ts
 * const events = new RestoreJobEvents(deps);
 * events.subscribe({ pattern: { source: ['aws.backup'] }, target });
 * await events.deliver();
 * ```
 */
export class RestoreJobEvents {
  readonly #deps: RestoreJobEventsDeps;
  #subscriptions: BackupEventSubscription[] = [];
  #events: EmittedEvent[] = [];

  constructor(deps: RestoreJobEventsDeps) {
    this.#deps = deps;
  }

  /**
   * Registers a rule with one target.
   *
   * @throws Error when the pattern is outside the supported subset
   * @returns a function that removes the subscription (idempotent)
   */
  subscribe(subscription: BackupEventSubscription): () => void {
    assertEventPattern(subscription.pattern);
    // A copy, so that the same object subscribed twice is two rules.
    const entry = { ...subscription };
    this.#subscriptions.push(entry);
    return () => {
      this.#subscriptions = this.#subscriptions.filter((s) => s !== entry);
    };
  }

  /** Emits what became due and hands it to the matching subscriptions. */
  async deliver(): Promise<BackupEventDelivery[]> {
    // Emission is synchronous, before any target runs: a concurrent call,
    // or a target that starts a job, cannot emit an event twice.
    const due = this.#emitDue();
    const deliveries: BackupEventDelivery[] = [];
    for (const { event, dropped } of due) {
      if (dropped) {
        deliveries.push({ event: structuredClone(event), outcome: 'dropped' });
        continue;
      }
      deliveries.push(...(await this.#handOver(event)));
    }
    return deliveries;
  }

  /**
   * Hands an emitted event over again, drop switch ignored.
   *
   * @throws Error when no event with that id was emitted
   */
  async redeliver(eventId: string): Promise<BackupEventDelivery[]> {
    const emitted = this.#events.find((e) => e.event.id === eventId);
    if (emitted === undefined) {
      throw new Error(`no emitted Backup event has id ${eventId}`);
    }
    return this.#handOver(emitted.event);
  }

  /** Every event emitted so far (dropped ones included), oldest first. */
  emitted(): BackupRestoreJobEvent[] {
    return this.#events.map(({ event }) => structuredClone(event));
  }

  /** Forgets emitted events; subscriptions stay. */
  clear(): void {
    this.#events = [];
  }

  /** Emits, in time order, every job event due at the clock's now. */
  #emitDue(): EmittedEvent[] {
    const now = this.#deps.clock.now();
    const due: { at: number; order: number; job: Job; kind: JobEventKind }[] =
      [];
    let order = 0;
    for (const job of this.#deps.jobs()) {
      const times = [job.createdAt, job.createdAt, job.runningAt, job.doneAt];
      for (let index = job.emitted; index < JOB_EVENTS.length; index++) {
        const at = times[index] as number;
        const kind = JOB_EVENTS[index] as JobEventKind;
        // The times never decrease along JOB_EVENTS, so the due events of
        // a job are a prefix of what is left.
        if (at > now) {
          break;
        }
        due.push({ at, order: order++, job, kind });
        job.emitted = index + 1;
      }
    }
    // Stable order: time first, then jobs by creation and events per job.
    due.sort((a, b) => a.at - b.at || a.order - b.order);
    const emitted = due.map(({ at, job, kind }) => {
      const event = this.#event(job, kind, at);
      return { event, dropped: this.#isDropped(event) };
    });
    this.#events.push(...emitted);
    return emitted;
  }

  /** Hands one event to every matching subscription, one at a time. */
  async #handOver(
    event: BackupRestoreJobEvent
  ): Promise<BackupEventDelivery[]> {
    const matching = this.#subscriptions.filter((s) =>
      matchesEventPattern(s.pattern, event)
    );
    if (matching.length === 0) {
      return [{ event: structuredClone(event), outcome: 'unmatched' }];
    }
    const deliveries: BackupEventDelivery[] = [];
    for (const { target } of matching) {
      // Each target gets its own copy, as each EventBridge invocation
      // carries its own JSON document.
      const copy = structuredClone(event);
      try {
        await target(copy);
        deliveries.push({
          event: structuredClone(event),
          outcome: 'delivered',
        });
      } catch (error) {
        deliveries.push({
          event: structuredClone(event),
          outcome: 'failed',
          error,
        });
      }
    }
    return deliveries;
  }

  #isDropped(event: BackupRestoreJobEvent): boolean {
    const drop = this.#deps.dropEvents();
    return typeof drop === 'boolean'
      ? drop
      : drop.restoreJobIds.includes(event.detail.restoreJobId);
  }

  /**
   * The event for one transition of a job, as it was at that transition
   * (a RUNNING event emitted late still says RUNNING).
   */
  #event(job: Job, kind: JobEventKind, at: number): BackupRestoreJobEvent {
    const iso = (ms: number): string => new Date(ms).toISOString();
    const envelope: Omit<BackupRestoreJobEvent, 'detail'> = {
      version: '0',
      id: randomUUID(),
      'detail-type': RESTORE_JOB_STATE_CHANGE,
      source: BACKUP_EVENT_SOURCE,
      account: this.#deps.accountId,
      time: isoSeconds(at),
      region: this.#deps.region,
      resources: [job.point.arn],
    };
    if (kind === 'CREATED') {
      // Only these three members, and `state` rather than `status`
      // (docs/events.md#status-vs-state).
      return {
        ...envelope,
        detail: {
          restoreJobId: job.restoreJobId,
          creationDate: iso(job.createdAt),
          state: 'CREATED',
        },
      };
    }
    const status: RestoreJobStatus =
      kind === 'TERMINAL' ? job.result.status : kind;
    const iamRoleArn = job.input.IamRoleArn;
    const detail: BackupRestoreJobStatusDetail = {
      restoreJobId: job.restoreJobId,
      backupVaultArn: this.#deps.vaultArn(job.point.vaultName),
      recoveryPointArn: job.point.arn,
      sourceResourceArn: job.point.resourceArn,
      backupSizeInBytes: String(job.point.backupSizeInBytes),
      creationDate: iso(job.createdAt),
      ...(typeof iamRoleArn === 'string' ? { iamRoleArn } : {}),
      // ASSUMPTION: 0 at every state, as in the guide's samples (its
      // COMPLETED sample included, docs/events.md#restore-job-detail).
      percentDone: 0,
      resourceType: job.point.resourceType,
      status,
    };
    if (kind === 'TERMINAL') {
      if (job.result.status === 'COMPLETED') {
        detail.createdResourceArn = job.result.createdResourceArn;
      } else {
        detail.statusMessage = job.result.statusMessage;
      }
      detail.completionDate = iso(job.doneAt);
    }
    return { ...envelope, detail };
  }
}
