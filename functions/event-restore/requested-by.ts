import {
  parseRequestedBy,
  type RequestedBy,
} from '#shared/domain/requested-by';
import { ALARM_STATE_CHANGE } from '#shared/events/alarm-state-change';

const fieldsOf = (event: unknown): Readonly<Record<string, unknown>> =>
  typeof event === 'object' && event !== null
    ? (event as Record<string, unknown>)
    : {};

/**
 * Who sent an EventBridge event, from the envelope EventBridge writes
 * (docs/events.md#envelope): a CloudWatch alarm state change is the alarm (`account`
 * and its ARN, the event's only resource, docs/events.md#alarm-delivery); any other event
 * is its `account` (set by EventBridge to the `PutEvents` caller's, never
 * by the caller) and `source`. Read from the raw event, so that a rejected
 * event names its sender too; never from the `detail`.
 *
 * @returns undefined when the envelope lacks what it needs
 *
 * @example
 * ```ts
 * requestedByOfEvent(event);
 * // { via: 'eventbridge', account: '111122223333', source: 'restore-relay' }
 * ```
 */
export const requestedByOfEvent = (event: unknown): RequestedBy | undefined => {
  const fields = fieldsOf(event);
  const { account, source, resources } = fields;
  // Only AWS may put events with an `aws.` source, so a custom event that
  // borrows the alarm detail-type is still reported as its own source.
  const isAlarm =
    source === 'aws.cloudwatch' && fields['detail-type'] === ALARM_STATE_CHANGE;
  return parseRequestedBy(
    isAlarm
      ? {
          via: 'alarm',
          account,
          alarmArn: Array.isArray(resources) ? resources[0] : undefined,
        }
      : { via: 'eventbridge', account, source }
  );
};
