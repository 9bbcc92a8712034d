import { createHash } from 'node:crypto';
import type { AlarmRule } from './alarm-rule.js';
import type { RestoreRequestInput } from './restore-request.js';

/** The alarm transition a request is built from. */
export interface AlarmTransition {
  readonly alarmName: string;
  readonly alarmArn: string;
  /** When the alarm entered ALARM (`detail.state.timestamp`). */
  readonly stateTimestamp: Date;
}

/**
 * The rule for an alarm: an exact name wins over prefixes, and the longest
 * prefix over shorter ones, so a specific rule can override a broad one.
 *
 * @example
 * ```ts
 * findAlarmRule(rules, 'orders-db-connection-failures');
 * ```
 */
export const findAlarmRule = (
  rules: readonly AlarmRule[],
  alarmName: string
): AlarmRule | undefined =>
  rules.find((r) => r.alarmName === alarmName) ??
  rules
    .filter(
      (r) =>
        r.alarmNamePrefix !== undefined &&
        alarmName.startsWith(r.alarmNamePrefix)
    )
    .sort(
      (a, b) =>
        (b.alarmNamePrefix?.length ?? 0) - (a.alarmNamePrefix?.length ?? 0)
    )[0];

/**
 * The request key of an alarm transition: the same alarm entering ALARM at
 * the same instant is one restore, however often EventBridge delivers it.
 *
 * @example
 * ```ts
 * alarmRequestKey(arn, new Date('2026-03-01T04:16:10.447Z')); // 'alarm-9c1e…'
 * ```
 */
export const alarmRequestKey = (
  alarmArn: string,
  stateTimestamp: Date
): string =>
  `alarm-${createHash('sha256')
    .update(`${alarmArn}|${stateTimestamp.toISOString()}`)
    .digest('hex')
    .slice(0, 40)}`;

const earlier = (a: string | undefined, b: Date): string =>
  a !== undefined && Date.parse(a) < b.getTime() ? a : b.toISOString();

/**
 * Builds the restore request for an alarm transition from its rule's
 * template (its key, {@link alarmRequestKey}, is set after validation, as
 * callers may not use the reserved `alarm-` prefix); with `beforeAlarm`, only points
 * created before the state timestamp (minus the margin); the alarm in the
 * request's `context`, so every notification says why the restore ran.
 *
 * @example
 * ```ts
 * buildAlarmRequest(rule, { alarmName, alarmArn, stateTimestamp });
 * ```
 */
export const buildAlarmRequest = (
  rule: Pick<AlarmRule, 'beforeAlarm' | 'marginMinutes' | 'request'>,
  alarm: AlarmTransition
): Omit<RestoreRequestInput, 'requestId'> => {
  const { request } = rule;
  const cutoff = new Date(
    alarm.stateTimestamp.getTime() - rule.marginMinutes * 60_000
  );
  return {
    ...request,
    ...(rule.beforeAlarm
      ? {
          selection: {
            ...request.selection,
            before: earlier(request.selection?.before, cutoff),
          },
        }
      : {}),
    context: {
      ...request.context,
      alarm: {
        name: alarm.alarmName,
        arn: alarm.alarmArn,
        stateTimestamp: alarm.stateTimestamp.toISOString(),
      },
    },
  };
};
