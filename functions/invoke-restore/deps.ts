import { parseConfig } from '#shared/config/load-config';
import { logger } from '#shared/observability/logger';
import {
  metrics,
  PowertoolsRestoreMetrics,
} from '#shared/observability/metrics';
import { once } from '#shared/wiring/once';
import { buildStartDeps } from '#shared/wiring/start-deps';
import { InvokeRestoreConfigSchema } from './config.js';

/**
 * invoke-restore's composition root: a start function's deps
 * (`buildStartDeps`), built on first use from `process.env` (parsed with
 * {@link InvokeRestoreConfigSchema}), then reused by every invocation.
 *
 * @throws ConfigError when the environment is invalid
 */
export const getInvokeRestoreDeps = once(() =>
  buildStartDeps(
    parseConfig(InvokeRestoreConfigSchema, process.env),
    logger,
    new PowertoolsRestoreMetrics({ metrics })
  )
);
