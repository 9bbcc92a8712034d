import { containerDeps } from '#shared/wiring/container-deps';
import { buildStartDeps } from '#shared/wiring/start-deps';
import { InvokeRestoreConfigSchema } from './config.js';

/**
 * invoke-restore's composition root: a start function's deps
 * (`buildStartDeps`), built on first use from `process.env` (parsed with
 * {@link InvokeRestoreConfigSchema}), then reused by every invocation.
 *
 * @throws ConfigInvalidError when the environment is invalid
 */
export const getInvokeRestoreDeps = containerDeps(
  InvokeRestoreConfigSchema,
  buildStartDeps
);
