import { containerDeps } from '#shared/wiring/container-deps';
import { buildOutcomeDeps } from '#shared/wiring/outcome-deps';
import { TrackRestoreConfigSchema } from './config.js';

/**
 * track-restore's composition root: the outcome deps (`buildOutcomeDeps`),
 * built on first use from `process.env` (parsed with
 * {@link TrackRestoreConfigSchema}), then reused by every invocation.
 *
 * @throws ConfigInvalidError when the environment is invalid
 */
export const getTrackRestoreDeps = containerDeps(
  TrackRestoreConfigSchema,
  buildOutcomeDeps
);
