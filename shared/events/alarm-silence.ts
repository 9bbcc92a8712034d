import type { AlarmRule } from './alarm-rule.js';
import type { AlarmStateChange } from './alarm-state-change.js';

/**
 * Why CloudWatch itself would not act on a transition: a composite alarm's
 * actions were `suppressed` (by a suppressor alarm, its wait or extension
 * period), or an alarm mute rule `muted` them.
 */
export type AlarmSilence = 'suppressed' | 'muted';

/** Whether the transition happened inside the mute window (open ends). */
const insideMuteWindow = (
  at: Date,
  window: {
    readonly muteWindowStart?: Date | undefined;
    readonly muteWindowEnd?: Date | undefined;
  }
): boolean =>
  (window.muteWindowStart === undefined ||
    at.getTime() >= window.muteWindowStart.getTime()) &&
  (window.muteWindowEnd === undefined ||
    at.getTime() < window.muteWindowEnd.getTime());

/**
 * Whether an alarm transition's own actions were silenced, and so ours must
 * be too, as far as the rule asks (docs/events.md#alarm-detail):
 *
 * - `suppressed`: `state.actionsSuppressedBy` is set (composite alarms:
 *   `WaitPeriod`, `ExtensionPeriod`, `Alarm`), and the rule's
 *   `ignoreSuppressed` is on;
 * - `muted`: a `muteDetail` is present and the state timestamp is inside its
 *   window (from `muteWindowStart`, inclusive, to `muteWindowEnd`,
 *   exclusive; an absent bound is an open end), and the rule's
 *   `ignoreMuted` is on.
 *
 * @returns the first silence that applies; undefined when the transition
 *   should start the rule's restore
 * @example
 * ```ts
 * alarmSilence(event.detail, { ignoreSuppressed: true, ignoreMuted: true });
 * // 'suppressed' for a composite alarm in its WaitPeriod
 * ```
 */
export const alarmSilence = (
  detail: Pick<AlarmStateChange['detail'], 'state' | 'muteDetail'>,
  rule: Pick<AlarmRule, 'ignoreSuppressed' | 'ignoreMuted'>
): AlarmSilence | undefined => {
  const { state, muteDetail } = detail;
  if (
    rule.ignoreSuppressed &&
    typeof state.actionsSuppressedBy === 'string' &&
    state.actionsSuppressedBy.length > 0
  ) {
    return 'suppressed';
  }
  if (
    rule.ignoreMuted &&
    muteDetail !== undefined &&
    muteDetail !== null &&
    insideMuteWindow(state.timestamp, muteDetail)
  ) {
    return 'muted';
  }
  return undefined;
};
