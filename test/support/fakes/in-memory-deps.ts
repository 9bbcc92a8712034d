import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import { RELAY_ENV } from '../relay-env.js';
import { CountingRateLimiter } from './counting-rate-limiter.js';
import type { InMemoryCatalog } from './in-memory-catalog.js';
import { InMemoryDeadLetterQueue } from './in-memory-dead-letter-queue.js';
import { InMemoryIdempotentRunner } from './in-memory-idempotent-runner.js';
import { InMemoryJobReader } from './in-memory-job-reader.js';
import { InMemoryJobStore } from './in-memory-job-store.js';
import { InMemoryMetrics } from './in-memory-metrics.js';
import { InMemoryNotifier } from './in-memory-notifier.js';
import { InMemoryOutcomeEvents } from './in-memory-outcome-events.js';
import { InMemoryStarter } from './in-memory-starter.js';
import { InMemoryTaskCallbacks } from './in-memory-task-callbacks.js';
import { MemoryLog } from './memory-log.js';

/**
 * Every port of the accept/start use cases as an in-memory fake, over the
 * given catalog, with the test policy (`RELAY_ENV`) and a fixed clock.
 */
export const inMemoryDeps = (
  catalog: InMemoryCatalog,
  now = new Date('2026-03-01T05:00:00.000Z')
) => ({
  catalog,
  starter: new InMemoryStarter(),
  jobs: new InMemoryJobStore(),
  notifier: new InMemoryNotifier(),
  idempotency: new InMemoryIdempotentRunner(),
  policy: parseConfig(RestorePolicySchema, RELAY_ENV),
  clock: { now: () => now },
  log: new MemoryLog(),
  deadLetters: new InMemoryDeadLetterQueue(),
  metrics: new InMemoryMetrics(),
  callbacks: new InMemoryTaskCallbacks(),
  startRate: new CountingRateLimiter(),
});

/**
 * Every port of the lifecycle use cases (record an outcome, reconcile) as
 * in-memory fakes, with a clock the test can move.
 */
export const inMemoryTrackingDeps = (
  start = new Date('2026-03-01T05:00:00.000Z')
) => {
  let now = start.getTime();
  return {
    jobs: new InMemoryJobStore(),
    notifier: new InMemoryNotifier(),
    outcomeEvents: new InMemoryOutcomeEvents(),
    callbacks: new InMemoryTaskCallbacks(),
    reader: new InMemoryJobReader(),
    metrics: new InMemoryMetrics(),
    log: new MemoryLog(),
    clock: { now: () => new Date(now) },
    /** Moves the clock forward. */
    advance: (ms: number) => {
      now += ms;
    },
    reportAllJobs: false,
    reconcile: {
      reconcileAfterSeconds: 900,
      staleAfterSeconds: 86_400,
      maxJobs: 100,
    },
  };
};
