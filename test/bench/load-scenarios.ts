import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { RelayNotificationSchema } from '#shared/events/relay-notification';
import type { ProxiedCall } from '../support/emulators/aws-fault-proxy.js';
import {
  generatedHostileBodies,
  type HostileBody,
  worstHostileBody,
} from '../support/hostile-bodies.js';
import { sqsRecord } from '../support/lambda-events.js';
import {
  drainQueue,
  type SqsInvoker,
} from '../support/local/sqs-event-source.js';
import {
  HANDLER_MODULES,
  type LambdaEnvironment,
  startEnvironment,
} from './lambda-environment.js';
import { type LocalRig, loadRequests } from './local-rig.js';
import { median, round } from './stats.js';

/** AWS calls per message, by path. */
export interface CallCounts {
  /** A new request, all calls (goal ≤ 5). */
  readonly callsPerMessage: number;
  /** The same request again after it completed (goal 1). */
  readonly callsPerDuplicate: number;
  /** Of which to AWS Backup (goal 0). */
  readonly backupCallsPerDuplicate: number;
  /** `service.Operation` → calls per message, for the new requests. */
  readonly happyBreakdown: Record<string, number>;
}

const invoker =
  (environment: LambdaEnvironment): SqsInvoker =>
  async (event) =>
    (await environment.invoke(event)) as SQSBatchResponse | undefined;

const tally = (
  calls: readonly ProxiedCall[],
  per: number
): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    const key = `${call.service}.${call.operation}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(
    Object.entries(counts).map(([k, v]) => [k, round(v / per)])
  );
};

/** An SQS event carrying these bodies, as Lambda hands it over. */
const eventOf = (bodies: readonly Record<string, unknown>[]): SQSEvent => ({
  Records: bodies.map((body) => sqsRecord(body)),
});

/**
 * Counts the AWS calls of the SQS source: `count` new requests (one per
 * resource type, round robin) through the queue, then the same requests
 * again once they completed.
 */
export const measureCalls = async (
  rig: LocalRig,
  count = 24
): Promise<CallCounts> => {
  const environment = await startEnvironment(
    HANDLER_MODULES.sqs,
    await rig.environmentFor('calls', { START_RATE_PER_SECOND: '50' })
  );
  try {
    const queueUrl = rig.createRequestQueue('bench-calls', {
      visibilityTimeoutSeconds: 5,
    });
    const drain = () =>
      drainQueue({
        endpoint: rig.local.env.AWS_ENDPOINT_URL_SQS,
        queueUrl,
        environments: [invoker(environment)],
      });
    const requests = loadRequests(count, 'calls');
    rig.clearCalls();
    await rig.sendRequests(queueUrl, requests);
    await drain();
    const happy = rig.calls();
    rig.clearCalls();
    await rig.sendRequests(queueUrl, requests);
    await drain();
    const duplicate = rig.calls();
    return {
      callsPerMessage: round(happy.length / count),
      callsPerDuplicate: round(duplicate.length / count),
      backupCallsPerDuplicate: round(
        duplicate.filter((c) => c.service === 'backup').length / count
      ),
      happyBreakdown: tally(happy, count),
    };
  } finally {
    await environment.stop();
  }
};

/** CPU per message of the SQS handler and of the bare SDK calls. */
export interface CpuPerMessage {
  readonly handlerMs: number;
  readonly directSdkMs: number;
  /** handler / direct SDK (goal ≤ 1.5). */
  readonly ratio: number;
  /** The operations each side called, per message, to check they match. */
  readonly handlerCalls: Record<string, number>;
  readonly directCalls: Record<string, number>;
}

/** One side of the CPU comparison: an environment and the calls it made. */
interface CpuSide {
  readonly tag: string;
  readonly environment: LambdaEnvironment;
  readonly perMessage: number[];
}

/** CPU ms per message of `bodies`, in invocations of ten. */
const cpuPerMessage = async (
  side: CpuSide,
  bodies: readonly Record<string, unknown>[]
): Promise<number> => {
  const before = await side.environment.usage();
  for (let i = 0; i < bodies.length; i += 10) {
    await side.environment.invoke(eventOf(bodies.slice(i, i + 10)));
  }
  const after = await side.environment.usage();
  return (after.cpuMs - before.cpuMs) / bodies.length;
};

/**
 * CPU time of the SQS handler per message, against the CPU time of the
 * same AWS calls made directly with the SDK, each in its own environment
 * process (the emulators run in this one). After a warm-up, `rounds` rounds
 * of `perRound` messages alternate between the two; the ratio is of the
 * medians, so that a noisy moment on the machine skews neither side alone.
 */
export const measureCpu = async (
  rig: LocalRig,
  count = 200,
  rounds = 5
): Promise<CpuPerMessage> => {
  const sides: CpuSide[] = [];
  try {
    for (const [tag, module] of [
      ['cpu-handler', HANDLER_MODULES.sqs],
      ['cpu-direct', HANDLER_MODULES.direct],
    ] as const) {
      const environment = await startEnvironment(
        module,
        await rig.environmentFor(tag, { START_RATE_PER_SECOND: '50' })
      );
      sides.push({ tag, environment, perMessage: [] });
      // Warm up: the first calls open connections and compile hot paths.
      await cpuPerMessage(
        sides[sides.length - 1] as CpuSide,
        loadRequests(20, `${tag}-warm`)
      );
    }
    rig.clearCalls();
    const perRound = Math.max(10, Math.round(count / rounds / 10) * 10);
    for (let r = 0; r < rounds; r += 1) {
      for (const side of sides) {
        side.perMessage.push(
          await cpuPerMessage(side, loadRequests(perRound, `${side.tag}-${r}`))
        );
      }
    }
    const [handler, direct] = sides as [CpuSide, CpuSide];
    const callsOf = (side: CpuSide) =>
      tally(
        rig.calls().filter((c) => c.tag === side.tag),
        perRound * rounds
      );
    return {
      handlerMs: round(median(handler.perMessage), 3),
      directSdkMs: round(median(direct.perMessage), 3),
      ratio: round(median(handler.perMessage) / median(direct.perMessage)),
      handlerCalls: callsOf(handler),
      directCalls: callsOf(direct),
    };
  } finally {
    await Promise.all(sides.map((s) => s.environment.stop()));
  }
};

/** A batch of ten against a batch of one, 50 ms per AWS call. */
export interface BatchParallelism {
  readonly oneRecordMs: number;
  readonly tenRecordsMs: number;
  /** ten / one (goal ≤ 2). */
  readonly ratio: number;
}

/**
 * Wall time of a 10-record batch against a 1-record batch with 50 ms of
 * latency on every AWS call (median of `rounds` of each, interleaved), at
 * the default record concurrency. The start rate is lifted: this measures
 * how records overlap, not the quota pacing (see the throttled drain).
 */
export const measureBatchParallelism = async (
  rig: LocalRig,
  rounds = 5
): Promise<BatchParallelism> => {
  const environment = await startEnvironment(
    HANDLER_MODULES.sqs,
    await rig.environmentFor('batch', { START_RATE_PER_SECOND: '50' })
  );
  try {
    await environment.invoke(eventOf(loadRequests(10, 'batch-warm')));
    rig.setFaults(() => ({ kind: 'latency', ms: 50 }));
    const one: number[] = [];
    const ten: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const [size, times] of [
        [1, one],
        [10, ten],
      ] as const) {
        const event = eventOf(loadRequests(size, `batch-${size}-${round}`));
        const started = performance.now();
        await environment.invoke(event);
        times.push(performance.now() - started);
      }
    }
    const oneMs = median(one);
    const tenMs = median(ten);
    return {
      oneRecordMs: round(oneMs, 1),
      tenRecordsMs: round(tenMs, 1),
      ratio: round(tenMs / oneMs),
    };
  } finally {
    rig.setFaults(undefined);
    await environment.stop();
  }
};

/** A backlog drained against a throttled StartRestoreJob. */
export interface ThrottledDrain {
  readonly requests: number;
  readonly ratePerSecond: number;
  readonly drainMs: number;
  /** drain / (N / R) (goal ≤ 1.25). */
  readonly ratio: number;
  readonly dlqCount: number;
  readonly jobsStarted: number;
  /** StartRestoreJob calls beyond one per request: throttled attempts retried. */
  readonly extraStartCalls: number;
  /** The larger environment's peak RSS (goal ≤ 128 MB). */
  readonly peakRssMb: number;
}

/**
 * `requests` messages through the queue to two environments (the default
 * `maximumConcurrency`), with the emulator's StartRestoreJob limited to
 * `ratePerSecond` (burst the same) and each environment configured for half
 * of it: the share restore-relay is given of the quota, as its
 * `maximumConcurrency × startRatePerSecond` rule sets it.
 */
export const measureThrottledDrain = async (
  rig: LocalRig,
  requests = 100,
  ratePerSecond = 10
): Promise<ThrottledDrain> => {
  const environments = await Promise.all(
    ['drain-1', 'drain-2'].map(async (tag) =>
      startEnvironment(
        HANDLER_MODULES.sqs,
        await rig.environmentFor(tag, {
          START_RATE_PER_SECOND: String(ratePerSecond / 2),
        })
      )
    )
  );
  const dlqBefore = rig.local.sqs.messages(rig.local.dlqUrl).length;
  const jobsBefore = rig.local.backup.jobs().length;
  try {
    const queueUrl = rig.createRequestQueue('bench-drain', {
      visibilityTimeoutSeconds: 10,
    });
    rig.local.backup.configure({
      throttle: { StartRestoreJob: { ratePerSecond, burst: ratePerSecond } },
    });
    await rig.sendRequests(queueUrl, loadRequests(requests, 'drain'));
    rig.clearCalls();
    const started = performance.now();
    await drainQueue({
      endpoint: rig.local.env.AWS_ENDPOINT_URL_SQS,
      queueUrl,
      environments: environments.map(invoker),
    });
    const drainMs = performance.now() - started;
    const usage = await Promise.all(environments.map((e) => e.usage()));
    return {
      requests,
      ratePerSecond,
      drainMs: round(drainMs, 0),
      ratio: round(drainMs / ((requests / ratePerSecond) * 1000)),
      dlqCount: rig.local.sqs.messages(rig.local.dlqUrl).length - dlqBefore,
      jobsStarted: rig.local.backup.jobs().length - jobsBefore,
      extraStartCalls:
        rig.calls().filter((c) => c.operation === 'StartRestoreJob').length -
        requests,
      peakRssMb: round(Math.max(...usage.map((u) => u.maxRssMb)), 1),
    };
  } finally {
    await Promise.all(environments.map((e) => e.stop()));
  }
};

/** One hostile message in a fresh environment, against one valid request. */
export interface HostileRss {
  /** Which body ({@link HostileBody.name}). */
  readonly name: string;
  /** Its size as SQS carried it. */
  readonly bytes: number;
  /** The environment's peak RSS after one valid request: the baseline. */
  readonly baselineMb: number;
  /** The same environment's peak RSS once the hostile message was handled. */
  readonly peakRssMb: number;
  /** peak / baseline. */
  readonly ratio: number;
  /** The code of its `restore.rejected`, if it was rejected. */
  readonly rejectedAs?: string;
  /** Whether the relay kept it in the dead-letter queue (its copy names the message). */
  readonly kept: boolean;
}

/**
 * The `restore.rejected` naming `messageId`. Other publishers' messages on
 * the topic (the CPU measure's direct-SDK baseline) are passed over.
 */
const rejectionOf = (rig: LocalRig, messageId: string | undefined) => {
  for (const { Message } of rig.local.sns.messages(rig.local.topicArn)) {
    let value: unknown;
    try {
      value = JSON.parse(Message);
    } catch {
      continue;
    }
    const parsed = RelayNotificationSchema.safeParse(value);
    if (
      parsed.success &&
      parsed.data.type === 'restore.rejected' &&
      parsed.data.messageId === messageId
    ) {
      return parsed.data;
    }
  }
  return undefined;
};

/**
 * Peak RSS of a fresh SQS environment for one hostile message: the
 * environment first handles one valid request (its peak RSS then is the
 * baseline: the handler loaded, clients connected, one request done), then
 * the hostile body, sent raw through a queue of its own. RSS is the
 * process's high-water mark (`maxRSS`), so each body needs an environment
 * of its own.
 */
export const measureHostileRss = async (
  rig: LocalRig,
  body: HostileBody,
  tag: string
): Promise<HostileRss> => {
  const environment = await startEnvironment(
    HANDLER_MODULES.sqs,
    await rig.environmentFor(tag, { START_RATE_PER_SECOND: '50' })
  );
  try {
    const queueUrl = rig.createRequestQueue(`bench-${tag}`, {
      visibilityTimeoutSeconds: 30,
    });
    const drain = () =>
      drainQueue({
        endpoint: rig.local.env.AWS_ENDPOINT_URL_SQS,
        queueUrl,
        environments: [invoker(environment)],
      });
    await rig.sendRequests(queueUrl, loadRequests(1, `${tag}-valid`));
    await drain();
    const baseline = await environment.usage();
    const [messageId] = await rig.sendRawBodies(queueUrl, [body.text]);
    await drain();
    const peak = await environment.usage();
    const rejection = rejectionOf(rig, messageId);
    const kept = rig.local.sqs
      .messages(rig.local.dlqUrl)
      .some((m) => m.attributes.messageId?.StringValue === messageId);
    return {
      name: body.name,
      bytes: Buffer.byteLength(body.text, 'utf8'),
      baselineMb: round(baseline.maxRssMb, 1),
      peakRssMb: round(peak.maxRssMb, 1),
      ratio: round(peak.maxRssMb / baseline.maxRssMb),
      ...(rejection === undefined ? {} : { rejectedAs: rejection.reason.code }),
      kept,
    };
  } finally {
    await environment.stop();
  }
};

/** Peak RSS for the worst hostile shapes, and for generated hostile bodies. */
export interface HostileRssMeasures {
  /** ~1 MiB: tens of thousands of unknown metadata keys, 12,000 levels deep. */
  readonly oneMiB: HostileRss;
  /** The generated body with the highest peak RSS. */
  readonly generatedWorst: HostileRss;
  /** The fast-check seed of the sample. */
  readonly seed: number;
  /** Every generated body's figures, in sample order. */
  readonly generated: readonly HostileRss[];
}

/**
 * {@link measureHostileRss} for the worst hostile body
 * ({@link worstHostileBody}) and for each of `samples` generated hostile
 * bodies (at least one; {@link generatedHostileBodies}, fixed `seed`),
 * each in a fresh environment; the generated body with the highest peak is
 * the worst.
 */
export const measureHostileRssAll = async (
  rig: LocalRig,
  options: { samples?: number; seed?: number } = {}
): Promise<HostileRssMeasures> => {
  const seed = options.seed ?? 20_261_128;
  const oneMiB = await measureHostileRss(
    rig,
    worstHostileBody(),
    'hostile-1mib'
  );
  const generated: HostileRss[] = [];
  const samples = Math.max(1, options.samples ?? 12);
  for (const [i, body] of generatedHostileBodies(seed, samples).entries()) {
    generated.push(await measureHostileRss(rig, body, `hostile-gen-${i}`));
  }
  const generatedWorst = generated.reduce((worst, m) =>
    m.peakRssMb > worst.peakRssMb ? m : worst
  );
  return { oneMiB, generatedWorst, seed, generated };
};
