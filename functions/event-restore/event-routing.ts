import * as z from 'zod';
import { ALARM_STATE_CHANGE } from '#shared/events/alarm-state-change';
import { RESTORE_REQUESTED } from '#shared/events/restore-requested-event';

/** The detail-types this function is subscribed to (serverless.yml rules). */
export const EVENT_DETAIL_TYPES = [
  RESTORE_REQUESTED,
  ALARM_STATE_CHANGE,
] as const;

/** One of {@link EVENT_DETAIL_TYPES}. */
export type EventDetailType = (typeof EVENT_DETAIL_TYPES)[number];

/**
 * Just enough of any EventBridge event to route it; each detail-type's own
 * schema checks the rest.
 */
export const RoutableEventSchema = z.object({
  'detail-type': z.string(),
});

/** True when the detail-type is one this function handles. */
export const isEventDetailType = (value: string): value is EventDetailType =>
  (EVENT_DETAIL_TYPES as readonly string[]).includes(value);
