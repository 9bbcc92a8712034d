import type { RestoreRequestInput } from './restore-request.js';

/**
 * One alarm rule, as `ALARM_RULES` configures it (parsed and checked by
 * `shared/config/alarm-rules.ts`): which alarm (exact name or name prefix)
 * starts which restore.
 */
export interface AlarmRule {
  readonly alarmName?: string;
  readonly alarmNamePrefix?: string;
  /** Restore the latest point created before the alarm's state timestamp. */
  readonly beforeAlarm: boolean;
  /** With `beforeAlarm`: go back this many minutes more. */
  readonly marginMinutes: number;
  /**
   * Ignore transitions whose actions CloudWatch suppressed (a composite
   * alarm's `actionsSuppressedBy`): CloudWatch itself would not act.
   */
  readonly ignoreSuppressed: boolean;
  /** Ignore transitions inside an alarm mute rule's window (`muteDetail`). */
  readonly ignoreMuted: boolean;
  /**
   * After this rule started a restore for an alarm, ignore the alarm's
   * other transitions into ALARM for this many minutes (by state
   * timestamp), so a flapping alarm does not start a restore per flap; 0
   * turns it off. It holds even when that restore is rejected (no
   * recovery point, policy): a flap would most likely be rejected alike.
   */
  readonly coolDownMinutes: number;
  /** The request template (valid once `requestId` is set). */
  readonly request: Omit<RestoreRequestInput, 'requestId'>;
}
