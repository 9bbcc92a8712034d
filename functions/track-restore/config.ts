import { OutcomeConfigSchema } from '#shared/config/outcome-env';

/**
 * track-restore's environment: exactly an outcome function's
 * (docs/configuration.md).
 */
export const TrackRestoreConfigSchema = OutcomeConfigSchema;
