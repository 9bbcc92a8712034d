import { serializeJson } from '#shared/domain/serialize-json';
import { AppError } from '#shared/errors/app-error';
import {
  PolicyViolationError,
  RestoreRequestInvalidError,
} from '#shared/errors/errors';
import {
  alarmRequestKey,
  buildAlarmRequest,
  findAlarmRule,
} from '#shared/events/alarm-restore-request';
import type { AlarmRule } from '#shared/events/alarm-rule';
import { alarmSilence } from '#shared/events/alarm-silence';
import {
  ALARM_STATE_CHANGE,
  AlarmStateChangeSchema,
} from '#shared/events/alarm-state-change';
import { toProblems } from '#shared/events/parse-restore-request';
import {
  type RequestReading,
  readRestoreRequest,
} from '#shared/events/read-restore-request';
import {
  RESTORE_REQUESTED,
  RestoreRequestedEventSchema,
} from '#shared/events/restore-requested-event';
import type {
  AlarmCoolDown,
  AlarmCoolDownResult,
} from '#shared/ports/alarm-cool-down';
import type { AlarmIgnoreReason } from '#shared/ports/restore-metrics';
import type {
  RequestResult,
  StartOrRejectDeps,
} from '#shared/use-cases/start-or-reject';
import { startOrReject } from '#shared/use-cases/start-or-reject';
import {
  EVENT_DETAIL_TYPES,
  isEventDetailType,
  RoutableEventSchema,
} from './event-routing.js';
import { requestedByOfEvent } from './requested-by.js';

/** What the event source did with an event. */
export type EventResult = RequestResult | { readonly status: 'ignored' };

/** The ports and settings the event source runs with. */
export interface RestoreFromEventDeps extends StartOrRejectDeps {
  /** The `source` values a "Restore Requested" event may have. */
  readonly eventSources: ReadonlySet<string>;
  readonly alarmRules: readonly AlarmRule[];
  /** The alarm rules' cool-downs. */
  readonly alarmCoolDown: AlarmCoolDown;
}

const refused = (error: AppError): RequestReading => ({ ok: false, error });

const IGNORED_BECAUSE: Record<AlarmIgnoreReason, string> = {
  suppressed: 'alarm event ignored: CloudWatch suppressed its actions',
  muted: 'alarm event ignored: CloudWatch muted its actions',
  coolDown: 'alarm event ignored: the rule is cooling down for this alarm',
};

/**
 * A transition a rule matched but must not act on: a debug log and
 * `AlarmTransitionIgnored` by reason (names and ids only: a template's
 * metadata values are never logged).
 */
const ignoreTransition = (
  reason: AlarmIgnoreReason,
  alarm: { readonly alarmName: string; readonly eventId: string },
  deps: RestoreFromEventDeps
): EventResult => {
  deps.log.debug(IGNORED_BECAUSE[reason], { reason, ...alarm });
  deps.metrics.count('AlarmTransitionIgnored', { source: 'alarm', reason });
  return { status: 'ignored' };
};

/** A rule by what it matches: each rule has its own cool-downs. */
const ruleKeyOf = (rule: AlarmRule): string =>
  rule.alarmName === undefined
    ? `prefix:${rule.alarmNamePrefix ?? ''}`
    : `name:${rule.alarmName}`;

/**
 * Claims the rule's cool-down for the alarm, from the state timestamp on
 * (`off` when the rule's `coolDownMinutes` is 0). A permanent failure of the
 * store comes back as the error, for the source to reject the event with,
 * as it does a failed request claim; a retryable one is thrown.
 */
const claimCoolDown = async (
  rule: AlarmRule,
  transition: { readonly alarmArn: string; readonly stateTimestamp: Date },
  deps: RestoreFromEventDeps
): Promise<AlarmCoolDownResult | 'off' | AppError> => {
  if (rule.coolDownMinutes === 0) {
    return 'off';
  }
  const { stateTimestamp } = transition;
  try {
    return await deps.alarmCoolDown.claim({
      ruleKey: ruleKeyOf(rule),
      alarmArn: transition.alarmArn,
      stateTimestamp,
      until: new Date(stateTimestamp.getTime() + rule.coolDownMinutes * 60_000),
    });
  } catch (error) {
    if (error instanceof AppError && !error.retryable) {
      return error;
    }
    throw error;
  }
};

const assertNever = (value: never): never => {
  throw new TypeError(`unhandled detail-type ${String(value)}`);
};

/**
 * A custom "Restore Requested" event: the envelope, then the allowed
 * sources, then the detail as a restore request. `asOf` is the event's
 * `time`, fixed at the first delivery.
 */
const fromRestoreRequested = async (
  event: unknown,
  original: string,
  deps: RestoreFromEventDeps
): Promise<EventResult> => {
  const parsed = RestoreRequestedEventSchema.safeParse(event);
  if (!parsed.success) {
    return startOrReject(
      refused(new RestoreRequestInvalidError(toProblems(parsed.error.issues))),
      deps,
      {
        source: 'eventbridge',
        original,
        requestedBy: requestedByOfEvent(event),
      }
    );
  }
  const envelope = parsed.data;
  const allowed = deps.eventSources;
  const reading = allowed.has(envelope.source)
    ? readRestoreRequest(envelope.detail)
    : refused(
        new PolicyViolationError(
          'source',
          `"${envelope.source}" may not request restores; allowed sources: ${[...allowed].join(', ')}`
        )
      );
  return startOrReject(reading, deps, {
    source: 'eventbridge',
    original,
    requestedBy: requestedByOfEvent(event),
    eventId: envelope.id,
    asOf: new Date(envelope.time),
  });
};

/**
 * An alarm state change: only a transition *into* ALARM of an alarm with a
 * rule starts a restore; everything else is ignored with a debug log. So is
 * a transition whose actions CloudWatch suppressed or muted, unless the rule
 * says otherwise ({@link alarmSilence}), and one inside the cool-down of
 * the rule's last restore for the alarm, claimed only now that the rule is
 * known to act on the transition. The request key comes from the alarm ARN
 * and the state timestamp, and `asOf` is the state timestamp, so a
 * redelivered transition (which finds its own claim, not a cool-down)
 * starts nothing new and picks the same point.
 */
const fromAlarm = async (
  event: unknown,
  original: string,
  deps: RestoreFromEventDeps
): Promise<EventResult> => {
  const parsed = AlarmStateChangeSchema.safeParse(event);
  if (!parsed.success) {
    return startOrReject(
      refused(new RestoreRequestInvalidError(toProblems(parsed.error.issues))),
      deps,
      { source: 'alarm', original, requestedBy: requestedByOfEvent(event) }
    );
  }
  const alarm = parsed.data;
  const { alarmName, state, previousState } = alarm.detail;
  if (state.value !== 'ALARM' || previousState?.value === 'ALARM') {
    deps.log.debug('alarm event ignored: not a transition into ALARM', {
      alarmName,
      state: state.value,
      previousState: previousState?.value,
      eventId: alarm.id,
    });
    return { status: 'ignored' };
  }
  const rule = findAlarmRule(deps.alarmRules, alarmName);
  if (rule === undefined) {
    deps.log.debug('alarm event ignored: no alarm rule matches', {
      alarmName,
      eventId: alarm.id,
    });
    return { status: 'ignored' };
  }
  const silence = alarmSilence(alarm.detail, rule);
  if (silence !== undefined) {
    return ignoreTransition(silence, { alarmName, eventId: alarm.id }, deps);
  }
  // The alarm ARN is the event's only resource (docs/events.md#alarm-delivery).
  const alarmArn = alarm.resources[0] ?? alarmName;
  const coolDown = await claimCoolDown(
    rule,
    { alarmArn, stateTimestamp: state.timestamp },
    deps
  );
  if (coolDown instanceof AppError) {
    return startOrReject(refused(coolDown), deps, {
      source: 'alarm',
      original,
      eventId: alarm.id,
    });
  }
  if (coolDown === 'cooling-down') {
    return ignoreTransition('coolDown', { alarmName, eventId: alarm.id }, deps);
  }
  const reading = readRestoreRequest(
    buildAlarmRequest(rule, {
      alarmName,
      alarmArn,
      stateTimestamp: state.timestamp,
    }),
    { derivedRequestId: alarmRequestKey(alarmArn, state.timestamp) }
  );
  return startOrReject(reading, deps, {
    source: 'alarm',
    original,
    requestedBy: requestedByOfEvent(event),
    eventId: alarm.id,
    asOf: state.timestamp,
  });
};

/**
 * Routes one EventBridge event by detail-type. An event this function does
 * not handle is rejected (kept and notified), never retried.
 *
 * @throws a retryable AppError, so Lambda's async retries and then the
 * on-failure destination take over
 */
export const restoreFromEvent = async (
  event: unknown,
  deps: RestoreFromEventDeps
): Promise<EventResult> => {
  // Iterative: a deeply nested event must still be kept and rejected.
  const original = serializeJson(event);
  const routable = RoutableEventSchema.safeParse(event);
  const detailType = routable.success ? routable.data['detail-type'] : '';
  if (!isEventDetailType(detailType)) {
    return startOrReject(
      refused(
        new RestoreRequestInvalidError([
          {
            path: 'detail-type',
            message: `"${detailType}" is not handled; allowed: ${EVENT_DETAIL_TYPES.join(', ')}`,
          },
        ])
      ),
      deps,
      {
        source: 'eventbridge',
        original,
        requestedBy: requestedByOfEvent(event),
      }
    );
  }
  switch (detailType) {
    case RESTORE_REQUESTED:
      return fromRestoreRequested(event, original, deps);
    case ALARM_STATE_CHANGE:
      return fromAlarm(event, original, deps);
    default:
      return assertNever(detailType);
  }
};
