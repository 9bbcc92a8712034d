/**
 * Steps for restore lifecycle tests on the local AWS: the Backup emulator's
 * job events delivered to the real `track-restore` handler, the way the
 * EventBridge rule of serverless.yml would.
 */
import { RESTORE_JOB_OUTCOME_PATTERN } from '#shared/events/restore-job-state-change';
import { handler as trackHandler } from '../../functions/track-restore/handler.js';
import { lambdaContext } from './lambda-context.js';
import type { LocalAws } from './local/local-aws.js';

/**
 * Invokes `track-restore` with any event, as EventBridge would (the
 * handler's type is the parsed event; Lambda hands it raw JSON).
 */
export const invokeTracker = (event: unknown) =>
  trackHandler(event as Parameters<typeof trackHandler>[0], lambdaContext());

/**
 * Subscribes `track-restore` to the Backup emulator's events with the rule's
 * pattern. Call once per file; the emulator's `reset()` keeps it.
 *
 * @returns unsubscribe
 */
export const subscribeTracker = (local: LocalAws): (() => void) =>
  local.backup.subscribe({
    pattern: RESTORE_JOB_OUTCOME_PATTERN,
    target: invokeTracker,
  });

/**
 * Lets every job the emulator holds reach its end (its clock moves past
 * `completeAfterMs`) and delivers the events that became due.
 *
 * @returns the deliveries to the tracker (events no rule matched, such as
 *   CREATED or RUNNING, are left out)
 */
export const finishJobs = async (local: LocalAws) => {
  local.backup.clock.advance(local.backup.config().completeAfterMs + 1);
  return (await local.backup.deliverEvents()).filter(
    (d) => d.outcome !== 'unmatched'
  );
};

/** The outcome events restore-relay put on a bus (default: `default`). */
export const outcomeEvents = (local: LocalAws, bus = 'default') =>
  local.events
    .events(bus)
    .filter((e) => e.source === 'restore-relay')
    .map((e) => ({ detailType: e['detail-type'], detail: e.detail }));
