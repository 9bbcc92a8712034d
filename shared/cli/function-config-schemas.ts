import { EventRestoreConfigSchema } from '../../functions/event-restore/config.js';
import { InvokeRestoreConfigSchema } from '../../functions/invoke-restore/config.js';
import { ReconcileRestoresConfigSchema } from '../../functions/reconcile-restores/config.js';
import { SqsRestoreConfigSchema } from '../../functions/sqs-restore/config.js';
import { TrackRestoreConfigSchema } from '../../functions/track-restore/config.js';

/**
 * Each function's configuration schema, by its name in serverless.yml: what
 * the configuration reference (docs/configuration.md) is generated from,
 * and what the template test checks each packaged environment against.
 */
export const FUNCTION_CONFIG_SCHEMAS = {
  'sqs-restore': SqsRestoreConfigSchema,
  'event-restore': EventRestoreConfigSchema,
  'invoke-restore': InvokeRestoreConfigSchema,
  'track-restore': TrackRestoreConfigSchema,
  'reconcile-restores': ReconcileRestoresConfigSchema,
} as const;

/** A function restore-relay deploys. */
export type FunctionName = keyof typeof FUNCTION_CONFIG_SCHEMAS;
