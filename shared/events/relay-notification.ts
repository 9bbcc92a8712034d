import * as z from 'zod';
import {
  RestoreAbortedSchema,
  RestoreCompletedSchema,
  RestoreFailedSchema,
  RestoreStaleSchema,
} from './restore-outcome.js';
import { RestoreRejectedSchema } from './restore-rejected.js';
import { RestoreStartedSchema } from './restore-started.js';

/**
 * Every notification restore-relay publishes, told apart by `type`. New
 * types are added here; existing fields never change meaning within a
 * schema version.
 */
export const RelayNotificationSchema = z
  .discriminatedUnion('type', [
    RestoreStartedSchema,
    RestoreRejectedSchema,
    RestoreCompletedSchema,
    RestoreFailedSchema,
    RestoreAbortedSchema,
    RestoreStaleSchema,
  ])
  .meta({ title: 'restore-relay notification v1' });

/** Any restore-relay notification. */
export type RelayNotification = z.infer<typeof RelayNotificationSchema>;
