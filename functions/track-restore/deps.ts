import { parseConfig } from '#shared/config/load-config';
import { logger } from '#shared/observability/logger';
import {
  metrics,
  PowertoolsRestoreMetrics,
} from '#shared/observability/metrics';
import { once } from '#shared/wiring/once';
import { buildOutcomeDeps } from '#shared/wiring/outcome-deps';
import { TrackRestoreConfigSchema } from './config.js';

/**
 * track-restore's composition root: the outcome deps (`buildOutcomeDeps`),
 * built on first use from `process.env` (parsed with
 * {@link TrackRestoreConfigSchema}), then reused by every invocation.
 *
 * @throws ConfigError when the environment is invalid
 */
export const getTrackRestoreDeps = once(() =>
  buildOutcomeDeps(
    parseConfig(TrackRestoreConfigSchema, process.env),
    logger,
    new PowertoolsRestoreMetrics({ metrics })
  )
);
