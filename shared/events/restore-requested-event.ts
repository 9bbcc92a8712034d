import * as z from 'zod';
import { EventBridgeEnvelopeSchema } from './eventbridge-envelope.js';

/** `detail-type` of the custom event that asks for a restore. */
export const RESTORE_REQUESTED = 'Restore Requested';

/**
 * The custom EventBridge event that asks for a restore: the envelope is
 * checked here, the `detail` is the restore request v1 and is read with the
 * request schema (so its problems are reported like any other source's).
 *
 * @example
 * ```json
 * { "source": "restore-relay", "detail-type": "Restore Requested",
 *   "detail": { "requestId": "inc-42", "resourceArn": "arn:aws:…" } }
 * ```
 */
export const RestoreRequestedEventSchema = EventBridgeEnvelopeSchema.extend({
  'detail-type': z.literal(RESTORE_REQUESTED),
  detail: z.unknown(),
});

/** A "Restore Requested" event (detail not yet read). */
export type RestoreRequestedEvent = z.output<
  typeof RestoreRequestedEventSchema
>;
