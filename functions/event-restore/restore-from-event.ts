import type { RelayDeps } from '#shared/adapters/relay-deps';
import type { AppError } from '#shared/errors/app-error';
import { PolicyViolationError } from '#shared/errors/policy-violation-error';
import { RequestValidationError } from '#shared/errors/request-validation-error';
import {
  buildAlarmRequest,
  findAlarmRule,
} from '#shared/events/alarm-restore-request';
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
import type { AcceptOutcome } from '#shared/use-cases/accept-restore-request';
import { acceptRestoreRequest } from '#shared/use-cases/accept-restore-request';
import { requestedByOfEvent } from './requested-by.js';
import {
  EVENT_DETAIL_TYPES,
  isEventDetailType,
  RoutableEventSchema,
} from './schema.js';

/** What the event door did with an event. */
export type EventOutcome = AcceptOutcome | { readonly status: 'ignored' };

const refused = (error: AppError): RequestReading => ({ ok: false, error });

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
  deps: RelayDeps
): Promise<EventOutcome> => {
  const parsed = RestoreRequestedEventSchema.safeParse(event);
  if (!parsed.success) {
    return acceptRestoreRequest(
      refused(new RequestValidationError(toProblems(parsed.error.issues))),
      deps,
      {
        source: 'eventbridge',
        original,
        requestedBy: requestedByOfEvent(event),
      }
    );
  }
  const envelope = parsed.data;
  const allowed = deps.config.eventSources;
  const reading = allowed.has(envelope.source)
    ? readRestoreRequest(envelope.detail)
    : refused(
        new PolicyViolationError(
          'source',
          `"${envelope.source}" may not request restores; allowed sources: ${[...allowed].join(', ')}`
        )
      );
  return acceptRestoreRequest(reading, deps, {
    source: 'eventbridge',
    original,
    requestedBy: requestedByOfEvent(event),
    eventId: envelope.id,
    asOf: new Date(envelope.time),
  });
};

/**
 * An alarm state change: only a transition *into* ALARM of an alarm with a
 * rule starts a restore; everything else is ignored with a debug log. The
 * request key comes from the alarm ARN and the state timestamp, and `asOf`
 * is the state timestamp, so a redelivered transition starts nothing new
 * and picks the same point.
 */
const fromAlarm = async (
  event: unknown,
  original: string,
  deps: RelayDeps
): Promise<EventOutcome> => {
  const parsed = AlarmStateChangeSchema.safeParse(event);
  if (!parsed.success) {
    return acceptRestoreRequest(
      refused(new RequestValidationError(toProblems(parsed.error.issues))),
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
  const rule = findAlarmRule(deps.config.alarmRules, alarmName);
  if (rule === undefined) {
    deps.log.debug('alarm event ignored: no alarm rule matches', {
      alarmName,
      eventId: alarm.id,
    });
    return { status: 'ignored' };
  }
  const reading = readRestoreRequest(
    buildAlarmRequest(rule, {
      alarmName,
      // The alarm ARN is the event's only resource (events.md §3.1).
      alarmArn: alarm.resources[0] ?? alarmName,
      stateTimestamp: state.timestamp,
    })
  );
  return acceptRestoreRequest(reading, deps, {
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
  deps: RelayDeps
): Promise<EventOutcome> => {
  const original = JSON.stringify(event) ?? '';
  const routable = RoutableEventSchema.safeParse(event);
  const detailType = routable.success ? routable.data['detail-type'] : '';
  if (!isEventDetailType(detailType)) {
    return acceptRestoreRequest(
      refused(
        new RequestValidationError([
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
