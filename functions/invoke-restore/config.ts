import { StartConfigSchema } from '#shared/config/start-env';

/**
 * invoke-restore's environment: exactly a start function's
 * (docs/configuration.md); the payload brings everything else.
 */
export const InvokeRestoreConfigSchema = StartConfigSchema;
