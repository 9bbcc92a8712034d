import * as z from 'zod';
import { EventBridgeEnvelopeSchema } from './eventbridge-envelope.js';

/** `detail-type` of CloudWatch alarm state changes (events.md §3). */
export const ALARM_STATE_CHANGE = 'CloudWatch Alarm State Change';

// CloudWatch writes `2026-03-01T04:16:10.447+0000` (no colon in the offset),
// which ISO-8601 parsers and zod reject; events.md §3.2.
const MESSAGE =
  'must be an ISO-8601 timestamp with a time zone offset, e.g. 2026-03-01T04:16:10.447+0000';
const CloudWatchTimestamp = z.string().transform((raw, ctx) => {
  // An offset is required: without one, Date would read local time.
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(raw)) {
    ctx.addIssue({ code: 'custom', message: MESSAGE });
    return z.NEVER;
  }
  const iso = raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: MESSAGE });
    return z.NEVER;
  }
  return date;
});

const AlarmState = z.object({
  value: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
  reason: z.string().optional(),
  timestamp: CloudWatchTimestamp,
});

/**
 * A "CloudWatch Alarm State Change" event. Not strict: AWS adds fields to
 * its events (`muteDetail`, `actionsSuppressedBy`), and they must not break
 * the door. Source: events.md §3 (CloudWatch User Guide, "Alarm events and
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
  }),
});

/** A parsed alarm state change (timestamps as `Date`). */
export type AlarmStateChange = z.output<typeof AlarmStateChangeSchema>;
