import type { SQSBatchResponse } from 'aws-lambda';
import { readRestoreRequestBody } from '#shared/events/read-restore-request';
import { idempotencyTokenOf } from '#shared/events/restore-request-key';
import {
  HANDLER_MODULES,
  type LambdaEnvironment,
  startEnvironment,
} from '../bench/lambda-environment.js';
import {
  type LocalRig,
  loadRequests,
  startLocalRig,
} from '../bench/local-rig.js';
import type {
  FaultPicker,
  ProxyFault,
} from '../support/emulators/aws-fault-proxy.js';
import { notificationsOfType } from '../support/handler-steps.js';
import {
  fixedHostileBodies,
  generatedHostileBodies,
  type HostileBody,
} from '../support/hostile-bodies.js';
import {
  drainQueue,
  type SqsInvoker,
} from '../support/local/sqs-event-source.js';
import { TEST_DEPLOYMENT } from '../support/relay-env.js';
import { mulberry32, type Random, randomInt, shuffle } from './soak-random.js';

/** Options for {@link runSoak}. */
export interface SoakOptions {
  /** Messages of the main and the invalid phases together. */
  readonly requests: number;
  /** Share of the main messages that repeat an earlier request (0–1). */
  readonly duplicates: number;
  /** Probability of a fault per AWS call the handlers make (0–1). */
  readonly faults: number;
  /** PRNG seed: the same seed builds the same requests and fault decisions. */
  readonly seed: number;
  /**
   * Probability, per StartRestoreJob call in the main phase, that the
   * call's environment is killed just after the call took effect.
   * Default 0.01.
   */
  readonly killRate?: number | undefined;
  /**
   * Generated hostile messages of the hostile phase, besides the fixed
   * ones; drawn from `seed`. Default 2 % of `requests`, at least 1.
   */
  readonly hostile?: number | undefined;
  /** Lambda invocation timeout in the main, invalid and R2 phases. Default 4 s. */
  readonly invokeTimeoutMs?: number | undefined;
  /** Progress lines (phases and their durations). Default: none. */
  readonly log?: ((line: string) => void) | undefined;
}

/**
 * The invariants the soak checks; the `-hostile` ones over the hostile
 * phase alone.
 */
export type SoakInvariant =
  | 'R1'
  | 'R2'
  | 'R3'
  | 'R4'
  | 'R5'
  | 'R6'
  | 'R7'
  | 'R8'
  | 'R3-hostile'
  | 'R4-hostile';

/** What became of the hostile phase's messages, by SQS message id. */
export interface HostileReport {
  /** Messages sent: the fixed bodies and the generated ones. */
  readonly sent: number;
  readonly fixed: number;
  readonly generated: number;
  /** Messages whose request has a restore job (started or replayed). */
  readonly started: number;
  /** Distinct restore jobs those messages started. */
  readonly jobs: number;
  /** Messages rejected: kept by the relay's copy and notified. */
  readonly rejected: number;
  /** Messages the redrive moved to the dead-letter queue (retried 5 times). */
  readonly redriven: number;
  /** Messages neither started nor kept in the dead-letter queue (R3). */
  readonly lost: number;
  /** `restore.rejected` notifications naming a hostile message. */
  readonly notifications: number;
  readonly maxNotificationsPerMessage: number;
  /** The relay's dead-letter copies naming a hostile message. */
  readonly copies: number;
  /** The highest `ApproximateReceiveCount` a hostile message reached. */
  readonly maxReceiveCount: number;
  /** Messages received more than once that started nothing (R4). */
  readonly retriedInVain: number;
  /** Rejection codes, by code. */
  readonly codes: Readonly<Record<string, number>>;
}

/** What a soak run saw (written to `.bench/soak.json` by the CLI, `bench/soak.json` with `--write`). */
export interface SoakReport {
  readonly seed: number;
  /** Messages of the main and invalid phases (R2, R8 and hostile excluded). */
  readonly requests: number;
  /** Distinct valid request keys of the main phase. */
  readonly uniqueKeys: number;
  /** Accepted keys (main + R8) with at least one restore job. */
  readonly jobsStarted: number;
  /** Jobs beyond the first per idempotency token. */
  readonly duplicateJobs: number;
  /**
   * Messages neither started, nor rejected, nor in the dead-letter queue
   * (the hostile phase's are in {@link SoakReport.hostile}).
   */
  readonly lost: number;
  /** Messages in the dead-letter queue, but for the hostile phase's. */
  readonly dlq: number;
  /** Of {@link SoakReport.dlq}: copies the relay made when rejecting. */
  readonly dlqRejected: number;
  /** Of {@link SoakReport.dlq}: moved there by the redrive (maxReceiveCount). */
  readonly dlqRedriven: number;
  /** `restore.rejected` notifications, but for the hostile phase's. */
  readonly rejected: number;
  /** Invalid messages sent on purpose (R5 and R6). */
  readonly invalidSent: { readonly r5: number; readonly r6: number };
  /** `restore.rejected` notifications for messages that were valid. */
  readonly unexpectedRejections: number;
  /** Jobs with at least one `restore.started` notification. */
  readonly notified: number;
  readonly maxNotificationsPerJob: number;
  /** AWS calls of the handlers that got an injected fault. */
  readonly faultsInjected: number;
  /** Environments killed right after their StartRestoreJob took effect. */
  readonly kills: number;
  /** Invocations that failed as a whole (timeout, crash, error). */
  readonly failedInvocations: number;
  /** Of those, failures whose message names a TypeError (R7). */
  readonly typeErrors: number;
  /** R2: re-sent requests, and StartRestoreJob calls they caused. */
  readonly redelivered: { readonly sent: number; readonly newStarts: number };
  /** R8: the burst, its DLQ messages and the keys started. */
  readonly burst: {
    readonly sent: number;
    readonly dlq: number;
    readonly started: number;
  };
  /** Rejection codes of the R6 messages (expected IdempotencyConflict). */
  readonly r6Codes: Readonly<Record<string, number>>;
  /** The hostile phase (R3-hostile, R4-hostile). */
  readonly hostile: HostileReport;
  /** Phase durations, ms. */
  readonly durationsMs: Readonly<Record<string, number>>;
  readonly invariants: Readonly<Record<SoakInvariant, boolean>>;
  /** The first failures, one line each (requestId and what happened). */
  readonly counterexamples: readonly string[];
}

type Body = Record<string, unknown>;

/** One execution environment slot: replaced by a cold start when killed. */
interface Slot {
  readonly tag: string;
  readonly vars: Record<string, string>;
  env: LambdaEnvironment;
}

const SOAK_START_RATE = '15';
const MAIN_THROTTLE = { ratePerSecond: 40, burst: 40 };
const BURST_THROTTLE = { ratePerSecond: 5, burst: 5 };
const BURST_SIZE = 50;
const INVALID_SHARE = 0.03;
const HOSTILE_SHARE = 0.02;
// The hostile phase checks what becomes of each rejection, not speed: a
// batch holding several 1 MiB bodies must not time out on a loaded
// machine, where a timeout would show as a retry in vain (sqs-restore has
// 60 s in production).
const HOSTILE_INVOKE_TIMEOUT_MS = 20_000;
const CONCURRENT_SHARE = 0.02;
const REDELIVERY_SHARE = 0.05;
const DEFAULT_TOKEN_WINDOW_MS = 3_600_000;
const MAX_COUNTEREXAMPLES = 20;

const requestIdOf = (body: Body): string => String(body.requestId);

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Valid main-phase bodies: uniques, duplicates and concurrent duplicates. */
const mainMessages = (
  random: Random,
  count: number,
  duplicates: number,
  prefix: string
): { uniques: Body[]; messages: Body[] } => {
  const uniqueCount = Math.max(1, Math.round(count * (1 - duplicates)));
  const uniques = shuffle(random, loadRequests(uniqueCount, prefix));
  const messages: Body[] = [...uniques];
  const copies = count - uniqueCount;
  const concurrent = Math.min(copies, Math.round(count * CONCURRENT_SHARE));
  for (let i = 0; i < copies; i++) {
    const original = uniques[randomInt(random, uniques.length)] as Body;
    const at = messages.indexOf(original);
    // A concurrent copy goes ten messages later: the next batch, which the
    // other environment most likely receives while the first is running.
    const position =
      i < concurrent
        ? Math.min(messages.length, at + 10)
        : at + 1 + randomInt(random, messages.length - at);
    messages.splice(position, 0, { ...original });
  }
  return { uniques, messages };
};

/** R5 bodies: each names something the policy forbids. */
const policyViolations = (count: number, prefix: string): Body[] => {
  const examples = loadRequests(12, 'example');
  const byPoint = examples.find(
    (e) =>
      typeof e.recoveryPointArn === 'string' &&
      typeof e.backupVaultName === 'string'
  );
  const rds = examples.find((e) => String(e.resourceArn).includes(':rds:'));
  if (byPoint === undefined || rds === undefined) {
    throw new Error('the example requests lack a point-based or RDS request');
  }
  const kinds: ((requestId: string) => Body)[] = [
    (requestId) => ({
      ...byPoint,
      requestId,
      backupVaultName: 'not-allowed-vault',
    }),
    (requestId) => ({
      ...byPoint,
      requestId,
      IamRoleArn: 'arn:aws:iam::111122223333:role/attacker',
    }),
    (requestId) => ({ ...byPoint, requestId, restoreRole: 'no-such-role' }),
    (requestId) => ({
      ...rds,
      requestId,
      metadata: {
        ...(rds.metadata as Record<string, unknown>),
        PubliclyAccessible: true,
      },
    }),
  ];
  return Array.from({ length: count }, (_, i) =>
    (kinds[i % kinds.length] as (id: string) => Body)(`${prefix}-${i}`)
  );
};

/** Pairs each message id with what it carried. */
const zip = <T>(ids: readonly string[], items: readonly T[]): [string, T][] =>
  items.map((item, i) => [ids[i] ?? `(unsent ${i})`, item]);

/** A fault for one call, with probability `rate`, kinds spread evenly. */
const randomFault = (random: Random, rate: number): ProxyFault | undefined => {
  if (random() >= rate) {
    return undefined;
  }
  switch (randomInt(random, 5)) {
    case 0:
      return { kind: 'throttle' };
    case 1:
      return { kind: 'server-error' };
    case 2:
      return { kind: 'latency', ms: 20 + randomInt(random, 181) };
    case 3:
      return { kind: 'reset' };
    default:
      return { kind: 'reset-after-effect' };
  }
};

/**
 * Runs the soak: the real sqs-restore handler, bundled, in two emulated
 * Lambda environments against the local AWS, with faults injected into
 * every AWS call the handler makes, and checks the invariants of
 * docs/reliability.md:
 *
 * - R1 one restore job per accepted request key, every StartRestoreJob
 *   carrying the key's derived idempotency token;
 * - R2 a redelivery after the Backup token window starts nothing;
 * - R3 no message lost (started, rejected and kept, or dead-lettered);
 * - R4 every job notified 1–3 times;
 * - R5 policy violations rejected before any AWS Backup call;
 * - R6 a reused requestId with other content rejected before any Backup call;
 * - R7 no invocation failed with a TypeError (events are deep-frozen);
 * - R8 a burst of ten times the StartRestoreJob quota ends with every
 *   request started and nothing dead-lettered;
 * - R3-hostile every hostile message started a job or is kept in the
 *   dead-letter queue (by the relay's rejection copy, or by the redrive);
 * - R4-hostile every hostile rejection notified and kept exactly once, and
 *   no hostile message received twice in vain.
 *
 * Messages are told apart by their SQS message id: a `restore.rejected`
 * notification and the relay's dead-letter copy name it (`messageId`), and
 * the redrive moves a message with its id.
 *
 * Phases: main (valid requests and duplicates, faults and kills), invalid
 * (R5/R6, faults off), hostile (the fixed hostile bodies and generated
 * ones, sent raw through a queue of their own; faults and kills off),
 * redelivery (R2, faults on, tokens forgotten), burst (R8, faults off, new
 * environments).
 *
 * @example
 * ```ts
 * const report = await runSoak({ requests: 200, duplicates: 0.3, faults: 0.1, seed: 7 });
 * Object.values(report.invariants).every(Boolean); // true
 * ```
 */
export const runSoak = async (options: SoakOptions): Promise<SoakReport> => {
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed);
  const killRate = options.killRate ?? 0.01;
  const invokeTimeoutMs = options.invokeTimeoutMs ?? 4_000;
  // Production keeps the visibility timeout ≥ 6 × the function timeout, so
  // that a killed invocation's claim (it expires with the invocation) has
  // expired before the message comes back; twice is enough here.
  const visibilityTimeoutSeconds = Math.ceil((2 * invokeTimeoutMs) / 1000);
  const prefix = `soak-${options.seed}`;
  const durationsMs: Record<string, number> = {};
  const invocationErrors: string[] = [];
  const counterexamples: string[] = [];
  const note = (line: string): void => {
    if (counterexamples.length < MAX_COUNTEREXAMPLES) {
      counterexamples.push(line);
    }
  };

  const invalidEach = Math.max(1, Math.round(options.requests * INVALID_SHARE));
  const mainCount = Math.max(1, options.requests - 2 * invalidEach);
  const main = mainMessages(random, mainCount, options.duplicates, prefix);
  const r5 = policyViolations(invalidEach, `${prefix}-r5`);
  const hostile: HostileBody[] = [
    ...fixedHostileBodies(),
    ...generatedHostileBodies(
      options.seed,
      options.hostile ??
        Math.max(1, Math.round(options.requests * HOSTILE_SHARE))
    ),
  ];
  const fixedCount = fixedHostileBodies().length;
  /** The highest ApproximateReceiveCount each message id reached. */
  const receives = new Map<string, number>();

  const rig: LocalRig = await startLocalRig();
  const slots = new Map<string, Slot>();
  let kills = 0;
  let failedInvocations = 0;
  try {
    const startSlot = async (
      tag: string,
      extra: Record<string, string>
    ): Promise<Slot> => {
      const vars = await rig.environmentFor(tag, extra);
      const slot: Slot = {
        tag,
        vars,
        env: await startEnvironment(HANDLER_MODULES.sqs, vars),
      };
      slots.set(tag, slot);
      return slot;
    };
    const invokerOf =
      (slot: Slot, timeoutMs: number): SqsInvoker =>
      async (event) => {
        if (!slot.env.alive) {
          slot.env = await startEnvironment(HANDLER_MODULES.sqs, slot.vars);
        }
        for (const record of event.Records) {
          const count = Number(record.attributes.ApproximateReceiveCount);
          receives.set(
            record.messageId,
            Math.max(receives.get(record.messageId) ?? 0, count)
          );
        }
        try {
          return (await slot.env.invoke(event, timeoutMs)) as
            | SQSBatchResponse
            | undefined;
        } catch (error) {
          failedInvocations += 1;
          invocationErrors.push(
            `${slot.tag}: ${error instanceof Error ? error.message : String(error)}`
          );
          throw error;
        }
      };
    const drain = async (
      queueUrl: string,
      environments: readonly Slot[],
      timeoutMs: number
    ) =>
      drainQueue({
        endpoint: rig.local.env.AWS_ENDPOINT_URL_SQS,
        queueUrl,
        environments: environments.map((s) => invokerOf(s, timeoutMs)),
        batchSize: 10,
        timeoutMs: 30 * 60_000,
      });
    const timed = async <T>(phase: string, run: () => Promise<T>) => {
      const started = Date.now();
      const result = await run();
      durationsMs[phase] = Date.now() - started;
      log(`${phase}: ${durationsMs[phase]} ms ${JSON.stringify(result)}`);
      return result;
    };

    const backup = rig.local.backup;
    backup.configure({ throttle: { StartRestoreJob: MAIN_THROTTLE } });
    const extra = {
      START_RATE_PER_SECOND: SOAK_START_RATE,
      AWS_SDK_REQUEST_TIMEOUT_MS: '2000',
    };
    const mainSlots = [
      await startSlot('env-1', extra),
      await startSlot('env-2', extra),
    ];
    const mainTags = new Set(mainSlots.map((s) => s.tag));

    const faultPicker: FaultPicker = ({ operation, tag }) => {
      if (
        operation === 'StartRestoreJob' &&
        tag !== undefined &&
        mainTags.has(tag) &&
        random() < killRate
      ) {
        kills += 1;
        // After the call took effect (the proxy forwards it first), the
        // environment dies at whatever await point it is in.
        setTimeout(() => slots.get(tag)?.env.kill(), 100);
        return { kind: 'reset-after-effect' };
      }
      return randomFault(random, options.faults);
    };

    // Main phase: valid requests, duplicates, faults and kills.
    const mainQueue = rig.createRequestQueue('soak-main', {
      visibilityTimeoutSeconds,
      maxReceiveCount: 5,
    });
    log(
      `main: ${main.messages.length} messages, ${main.uniques.length} keys, seed ${options.seed}`
    );
    const mainIds = await rig.sendRequests(mainQueue, main.messages);
    rig.setFaults(faultPicker);
    await timed('main', () => drain(mainQueue, mainSlots, invokeTimeoutMs));
    rig.setFaults(undefined);

    const tokenCount = (): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const job of backup.jobs()) {
        const token = job.idempotencyToken ?? `(none: ${job.restoreJobId})`;
        counts.set(token, (counts.get(token) ?? 0) + 1);
      }
      return counts;
    };
    const afterMain = tokenCount();
    const startedUniques = main.uniques.filter(
      (b) =>
        (afterMain.get(idempotencyTokenOf(requestIdOf(b), TEST_DEPLOYMENT)) ??
          0) > 0
    );

    // Invalid phase (R5, R6), faults off: no Backup call at all.
    const r6 = shuffle(random, [...startedUniques])
      .slice(0, invalidEach)
      .map((b) => ({ ...b, copySourceTags: b.copySourceTags !== true }));
    const invalidQueue = rig.createRequestQueue('soak-invalid', {
      visibilityTimeoutSeconds,
      maxReceiveCount: 5,
    });
    /**
     * Sends and drains `bodies`; returns their message ids and the Backup
     * calls meanwhile.
     */
    const rejectPhase = async (
      bodies: Body[]
    ): Promise<{ ids: string[]; backupCalls: string[] }> => {
      const before = new Set(rig.calls());
      const ids = await rig.sendRequests(invalidQueue, bodies);
      await drain(invalidQueue, mainSlots, invokeTimeoutMs);
      const backupCalls = rig
        .calls()
        .filter((c) => c.service === 'backup' && !before.has(c))
        .map((c) => `${c.tag ?? '?'}:${c.operation}`);
      return { ids, backupCalls };
    };
    // One R5 message at a time, so that a Backup call names its request.
    const backupCallsOf = new Map<string, string[]>();
    const r5Ids: string[] = [];
    const invalidStarted = Date.now();
    for (const b of r5) {
      const sent = await rejectPhase([b]);
      r5Ids.push(...sent.ids);
      backupCallsOf.set(requestIdOf(b), sent.backupCalls);
    }
    shuffle(random, r6);
    const { ids: r6Ids, backupCalls: r6BackupCalls } = await rejectPhase(r6);
    durationsMs.invalid = Date.now() - invalidStarted;
    log(`invalid: ${durationsMs.invalid} ms`);

    // Hostile phase: raw bodies through a queue of their own, faults and
    // kills off. It checks that bounding and rejecting hostile input is
    // exact (one copy, one notification, one receive per message); with
    // faults on, a failed copy or Publish is retried by design (a
    // duplicate rather than a loss), which those counts could not tell
    // from a rejection retried in vain.
    const hostileQueue = rig.createRequestQueue('soak-hostile', {
      visibilityTimeoutSeconds: (2 * HOSTILE_INVOKE_TIMEOUT_MS) / 1000,
      maxReceiveCount: 5,
    });
    log(
      `hostile: ${hostile.length} messages (${fixedCount} fixed, ${hostile.length - fixedCount} generated)`
    );
    const hostileIds = await rig.sendRawBodies(
      hostileQueue,
      hostile.map((h) => h.text)
    );
    await timed('hostile', () =>
      drain(hostileQueue, mainSlots, HOSTILE_INVOKE_TIMEOUT_MS)
    );

    // R2: redelivery after the token window, faults on (no kills: no
    // StartRestoreJob is expected).
    const redelivered = shuffle(random, [...startedUniques]).slice(
      0,
      Math.max(1, Math.round(startedUniques.length * REDELIVERY_SHARE))
    );
    backup.configure({ tokenWindowMs: 0 });
    const startsBefore = backup.callsTo('StartRestoreJob').length;
    const redeliveryQueue = rig.createRequestQueue('soak-redelivery', {
      visibilityTimeoutSeconds,
      maxReceiveCount: 5,
    });
    const redeliveredIds = await rig.sendRequests(redeliveryQueue, redelivered);
    rig.setFaults(({ service, operation }) =>
      service === 'backup' && operation === 'StartRestoreJob'
        ? undefined
        : randomFault(random, options.faults)
    );
    await timed('redelivery', () =>
      drain(redeliveryQueue, mainSlots, invokeTimeoutMs)
    );
    rig.setFaults(undefined);
    const newStarts = backup.callsTo('StartRestoreJob').length - startsBefore;
    backup.configure({ tokenWindowMs: DEFAULT_TOKEN_WINDOW_MS });

    // R8: a burst of ten times the quota, new environments, faults off.
    backup.configure({ throttle: { StartRestoreJob: BURST_THROTTLE } });
    for (const slot of mainSlots) {
      await slot.env.stop();
    }
    const burstExtra = {
      START_RATE_PER_SECOND: '2',
      AWS_SDK_REQUEST_TIMEOUT_MS: '2000',
    };
    const burstSlots = [
      await startSlot('r8-1', burstExtra),
      await startSlot('r8-2', burstExtra),
    ];
    // Visibility ≥ the invocation timeout, as serverless.yml sets it: a
    // 10-record batch at 2/s runs longer than the soak's 3 s.
    const burstQueue = rig.createRequestQueue('soak-burst', {
      visibilityTimeoutSeconds: 25,
      maxReceiveCount: 5,
    });
    const burst = loadRequests(BURST_SIZE, `${prefix}-r8`);
    const dlqBeforeBurst = rig.local.sqs.messages(rig.local.dlqUrl).length;
    await sleep(1_000); // a full bucket
    const burstIds = await rig.sendRequests(burstQueue, burst);
    await timed('burst', () => drain(burstQueue, burstSlots, 20_000));
    const burstDlq =
      rig.local.sqs.messages(rig.local.dlqUrl).length - dlqBeforeBurst;

    // ---- Invariants ----
    const counts = tokenCount();
    const accepted = [...main.uniques, ...burst];
    const tokenOf = (key: string): string =>
      idempotencyTokenOf(key, TEST_DEPLOYMENT);
    // A hostile body may read as a request (a near-valid one); its key is
    // then one of the accepted keys R1 holds to one job.
    const hostileKeys = hostile.map((h) => {
      const reading = readRestoreRequestBody(h.text);
      return reading.ok ? reading.key : undefined;
    });
    const tokenToKey = new Map(
      [
        ...accepted.map(requestIdOf),
        ...hostileKeys.filter((k): k is string => k !== undefined),
      ].map((key) => [tokenOf(key), key])
    );
    const hostileIdSet = new Set(hostileIds);
    const isHostile = (messageId: string | undefined): boolean =>
      messageId !== undefined && hostileIdSet.has(messageId);

    // What the dead-letter queue keeps, by the id of the message it keeps:
    // the relay's copy names it in its `messageId` attribute, the redrive
    // moves the message itself.
    const dlqMessages = rig.local.sqs.messages(rig.local.dlqUrl);
    const copiesOf = new Map<string, number>();
    const redriven = new Set<string>();
    for (const m of dlqMessages) {
      if (m.attributes.errorCode === undefined) {
        redriven.add(m.messageId);
        continue;
      }
      const of = m.attributes.messageId?.StringValue;
      if (of === undefined) {
        note(`R3: a dead-letter copy names no message (${m.messageId})`);
      } else {
        copiesOf.set(of, (copiesOf.get(of) ?? 0) + 1);
      }
    }
    const isKept = (id: string): boolean =>
      copiesOf.has(id) || redriven.has(id);
    const rejections = notificationsOfType(rig.local, 'restore.rejected');
    const rejectionsOf = new Map<string, number>();
    for (const n of rejections) {
      if (n.messageId !== undefined) {
        rejectionsOf.set(n.messageId, (rejectionsOf.get(n.messageId) ?? 0) + 1);
      }
    }
    const isRejected = (id: string): boolean =>
      (rejectionsOf.get(id) ?? 0) > 0 && (copiesOf.get(id) ?? 0) > 0;
    const started = notificationsOfType(rig.local, 'restore.started');
    const hasJob = (key: string): boolean =>
      (counts.get(tokenOf(key)) ?? 0) > 0;
    const isStarted = (b: Body) => hasJob(requestIdOf(b));
    /** Message ids of the JSON phases, with the bodies they carried. */
    const sent: [string, Body][] = [
      ...zip(mainIds, main.messages),
      ...zip(r5Ids, r5),
      ...zip(r6Ids, r6),
      ...zip(redeliveredIds, redelivered),
      ...zip(burstIds, burst),
    ];
    const idsOfKey = new Map<string, string[]>();
    for (const [id, b] of sent) {
      idsOfKey.set(requestIdOf(b), [
        ...(idsOfKey.get(requestIdOf(b)) ?? []),
        id,
      ]);
    }

    // R1
    let r1 = true;
    let duplicateJobs = 0;
    for (const [token, n] of counts) {
      duplicateJobs += Math.max(0, n - 1);
      if (n > 1 || !tokenToKey.has(token)) {
        r1 = false;
        note(
          `R1: ${n} job(s) with token ${token} (request ${tokenToKey.get(token) ?? 'unknown'})`
        );
      }
    }
    for (const b of accepted) {
      if (!isStarted(b) && !(idsOfKey.get(requestIdOf(b)) ?? []).some(isKept)) {
        r1 = false;
        note(`R1: ${requestIdOf(b)} has no job and is not in the DLQ`);
      }
    }
    for (const call of backup.callsTo('StartRestoreJob')) {
      const token = call.input.IdempotencyToken;
      if (typeof token !== 'string' || !tokenToKey.has(token)) {
        r1 = false;
        note(`R1: StartRestoreJob with a foreign token ${String(token)}`);
      }
    }
    const jobsStarted = accepted.filter(isStarted).length;

    // R3
    let lost = 0;
    for (const [id, b] of sent) {
      if (!isStarted(b) && !isKept(id)) {
        lost += 1;
        note(
          `R3: ${requestIdOf(b)} (message ${id}) lost (no job, no rejection, not in DLQ)`
        );
      }
    }

    // R4
    const perJob = new Map<string, number>();
    for (const n of started) {
      perJob.set(n.restoreJobId, (perJob.get(n.restoreJobId) ?? 0) + 1);
    }
    let r4 = true;
    for (const job of backup.jobs()) {
      const n = perJob.get(job.restoreJobId) ?? 0;
      if (n < 1 || n > 3) {
        r4 = false;
        note(
          `R4: job ${job.restoreJobId} (${tokenToKey.get(job.idempotencyToken ?? '') ?? '?'}) notified ${n} times`
        );
      }
    }
    const notified = backup
      .jobs()
      .filter((j) => (perJob.get(j.restoreJobId) ?? 0) > 0).length;

    // R5, R6
    const startTokens = new Set(
      backup
        .callsTo('StartRestoreJob')
        .map((c) => String(c.input.IdempotencyToken))
    );
    const checkRejected = (
      invariant: string,
      messages: [string, Body][]
    ): boolean => {
      let ok = true;
      for (const [, b] of messages) {
        const calls =
          invariant === 'R5'
            ? (backupCallsOf.get(requestIdOf(b)) ?? [])
            : r6BackupCalls;
        if (calls.length > 0) {
          ok = false;
          note(
            `${invariant}: ${requestIdOf(b)} ${JSON.stringify(b)} rejected after Backup calls ${calls.join(', ')}`
          );
        }
      }
      for (const [id, b] of messages) {
        if (!isRejected(id)) {
          ok = false;
          note(`${invariant}: ${requestIdOf(b)} not rejected and kept`);
        }
      }
      return ok;
    };
    let r5ok = checkRejected('R5', zip(r5Ids, r5));
    for (const b of r5) {
      if (startTokens.has(tokenOf(requestIdOf(b)))) {
        r5ok = false;
        note(`R5: StartRestoreJob for ${requestIdOf(b)}`);
      }
    }
    let r6ok = checkRejected('R6', zip(r6Ids, r6));
    for (const b of r6) {
      const n = counts.get(tokenOf(requestIdOf(b))) ?? 0;
      if (n !== 1) {
        r6ok = false;
        note(`R6: ${requestIdOf(b)} has ${n} jobs after the conflict`);
      }
    }
    const r6IdSet = new Set(r6Ids);
    const r6Codes: Record<string, number> = {};
    for (const n of rejections) {
      if (n.messageId !== undefined && r6IdSet.has(n.messageId)) {
        r6Codes[n.reason.code] = (r6Codes[n.reason.code] ?? 0) + 1;
      }
    }
    const invalidIds = new Set([...r5Ids, ...r6Ids]);
    const outsideHostile = rejections.filter((n) => !isHostile(n.messageId));
    const unexpectedRejections = outsideHostile.filter(
      (n) => n.messageId === undefined || !invalidIds.has(n.messageId)
    );
    for (const n of unexpectedRejections) {
      note(`rejected a valid request ${n.requestId}: ${n.reason.code}`);
    }

    // R3-hostile, R4-hostile
    const hostileJobs = new Set<string>();
    let hostileStarted = 0;
    let hostileLost = 0;
    let hostileRejected = 0;
    let hostileRedriven = 0;
    let retriedInVain = 0;
    let r4hostile = true;
    zip(hostileIds, hostile).forEach(([id, h], i) => {
      const key = hostileKeys[i];
      const copies = copiesOf.get(id) ?? 0;
      const notices = rejectionsOf.get(id) ?? 0;
      const received = receives.get(id) ?? 0;
      const jobStarted = key !== undefined && hasJob(key);
      if (jobStarted) {
        hostileStarted += 1;
        hostileJobs.add(tokenOf(key));
      }
      if (redriven.has(id)) {
        hostileRedriven += 1;
      }
      if (copies > 0 && notices > 0) {
        hostileRejected += 1;
      }
      if (!jobStarted && !isKept(id)) {
        hostileLost += 1;
        note(`R3-hostile: ${h.name} (message ${id}) lost`);
      }
      if (!jobStarted && received > 1) {
        retriedInVain += 1;
      }
      const rejectedOnce = copies === notices && copies <= 1;
      if (!rejectedOnce || (!jobStarted && received > 1)) {
        r4hostile = false;
        note(
          `R4-hostile: ${h.name} (message ${id}) kept ${copies}, notified ${notices}, received ${received} times${redriven.has(id) ? ', redriven' : ''}`
        );
      }
    });
    const hostileNotices = rejections.filter((n) => isHostile(n.messageId));
    const hostileCodes: Record<string, number> = {};
    for (const n of hostileNotices) {
      hostileCodes[n.reason.code] = (hostileCodes[n.reason.code] ?? 0) + 1;
    }

    // R2
    const r2 = newStarts === 0;
    if (!r2) {
      note(`R2: ${newStarts} StartRestoreJob calls after redelivery`);
    }

    // R7
    const typeErrors = invocationErrors.filter((e) => /TypeError/.test(e));
    for (const e of typeErrors) {
      note(`R7: ${e}`);
    }

    // R8
    const burstStarted = burst.filter(isStarted).length;
    const r8 = burstDlq === 0 && burstStarted === burst.length;
    if (!r8) {
      note(
        `R8: ${burstDlq} in the DLQ, ${burstStarted}/${burst.length} started`
      );
    }

    const dlqOutsideHostile = dlqMessages.filter(
      (m) =>
        !isHostile(m.messageId) &&
        !isHostile(m.attributes.messageId?.StringValue)
    );
    return {
      seed: options.seed,
      requests: main.messages.length + r5.length + r6.length,
      uniqueKeys: main.uniques.length,
      jobsStarted,
      duplicateJobs,
      lost,
      dlq: dlqOutsideHostile.length,
      dlqRejected: dlqOutsideHostile.filter((m) => m.attributes.errorCode)
        .length,
      dlqRedriven: dlqOutsideHostile.filter((m) => !m.attributes.errorCode)
        .length,
      rejected: outsideHostile.length,
      invalidSent: { r5: r5.length, r6: r6.length },
      unexpectedRejections: unexpectedRejections.length,
      notified,
      maxNotificationsPerJob: Math.max(0, ...perJob.values()),
      faultsInjected: rig.calls().filter((c) => c.fault !== undefined).length,
      kills,
      failedInvocations,
      typeErrors: typeErrors.length,
      redelivered: { sent: redelivered.length, newStarts },
      burst: { sent: burst.length, dlq: burstDlq, started: burstStarted },
      r6Codes,
      hostile: {
        sent: hostile.length,
        fixed: fixedCount,
        generated: hostile.length - fixedCount,
        started: hostileStarted,
        jobs: hostileJobs.size,
        rejected: hostileRejected,
        redriven: hostileRedriven,
        lost: hostileLost,
        notifications: hostileNotices.length,
        maxNotificationsPerMessage: Math.max(
          0,
          ...hostileIds.map((id) => rejectionsOf.get(id) ?? 0)
        ),
        copies: hostileIds.reduce((n, id) => n + (copiesOf.get(id) ?? 0), 0),
        maxReceiveCount: Math.max(
          0,
          ...hostileIds.map((id) => receives.get(id) ?? 0)
        ),
        retriedInVain,
        codes: hostileCodes,
      },
      durationsMs,
      invariants: {
        R1: r1,
        R2: r2,
        R3: lost === 0,
        R4: r4,
        R5: r5ok,
        R6: r6ok,
        R7: typeErrors.length === 0,
        R8: r8,
        'R3-hostile': hostileLost === 0,
        'R4-hostile': r4hostile,
      },
      counterexamples,
    };
  } finally {
    rig.setFaults(undefined);
    for (const slot of slots.values()) {
      await slot.env.stop();
    }
    await rig.stop();
  }
};
