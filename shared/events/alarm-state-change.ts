import * as z from 'zod';
import { EventBridgeEnvelopeSchema } from './eventbridge-envelope.js';

/** `detail-type` of CloudWatch alarm state changes (docs/events.md#alarm-state-change). */
export const ALARM_STATE_CHANGE = 'CloudWatch Alarm State Change';

// CloudWatch writes `2026-03-01T04:16:10.447+0000` (no colon in the offset),
// which ISO-8601 parsers and zod reject; docs/events.md#alarm-detail.
const MESSAGE =
  'must be an ISO-8601 timestamp with a time zone offset, e.g. 2026-03-01T04:16:10.447+0000';

/** The instant of a CloudWatch timestamp; undefined when it is not one. */
const readCloudWatchTimestamp = (raw: string): Date | undefined => {
  // An offset is required: without one, Date would read local time.
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(raw)) {
    return undefined;
  }
  const date = new Date(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const CloudWatchTimestamp = z.string().transform((raw, ctx) => {
  const date = readCloudWatchTimestamp(raw);
  if (date === undefined) {
    ctx.addIssue({ code: 'custom', message: MESSAGE });
    return z.NEVER;
  }
  return date;
});

// A mute window bound that cannot be read counts as absent (an open end):
// the muteDetail says CloudWatch muted the alarm's actions, and docs/events.md#alarm-detail
// documents no format for the bounds, so an unknown one must neither
// break the source nor unmute the alarm.
const MuteWindowBound = z
  .unknown()
  .optional()
  .transform((raw) =>
    typeof raw === 'string' ? readCloudWatchTimestamp(raw) : undefined
  );

const AlarmState = z.object({
  value: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
  reason: z.string().optional(),
  timestamp: CloudWatchTimestamp,
  // Composite alarms: why the alarm's own actions did not run, e.g.
  // `WaitPeriod`, `ExtensionPeriod` or `Alarm` (docs/events.md#alarm-detail).
  actionsSuppressedBy: z.string().nullish(),
  actionsSuppressedReason: z.string().nullish(),
});

/**
 * A "CloudWatch Alarm State Change" event. Not strict: AWS adds fields to
 * its events (`muteDetail`, `actionsSuppressedBy`), and they must not break
 * the source. Source: docs/events.md#alarm-state-change (CloudWatch User Guide, "Alarm events and
 * EventBridge").
 */
export const AlarmStateChangeSchema = EventBridgeEnvelopeSchema.extend({
  source: z.literal('aws.cloudwatch'),
  'detail-type': z.literal(ALARM_STATE_CHANGE),
  resources: z.array(z.string()).min(1),
  detail: z.object({
    alarmName: z.string().min(1),
    state: AlarmState,
    previousState: AlarmState.optional(),
    // Newer events: the mute rule that muted the alarm's actions
    // (`mutedByArn`, not read) and its window (docs/events.md#alarm-detail; optional).
    muteDetail: z
      .object({
        muteWindowStart: MuteWindowBound,
        muteWindowEnd: MuteWindowBound,
      })
      .nullish(),
  }),
});

/** A parsed alarm state change (timestamps as `Date`). */
export type AlarmStateChange = z.output<typeof AlarmStateChangeSchema>;
