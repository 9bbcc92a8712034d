import * as z from 'zod';
import { positiveInt } from '#shared/config/env-values';
import {
  type OutcomeConfig,
  outcomeConfigOf,
  outcomeEnvShape,
} from '#shared/config/outcome-env';
import type { ReconcileSettings } from '#shared/use-cases/reconcile-restores';

/**
 * reconcile-restores' environment: an outcome function's
 * (docs/configuration.md), plus when and how many open jobs it asks
 * AWS Backup about.
 */
export const ReconcileRestoresConfigSchema = z
  .object({
    ...outcomeEnvShape,
    // AWS Backup sends job events "about every 5 minutes", best effort
    // (docs/events.md#backup-delivery): open jobs older than this are asked about.
    RECONCILE_AFTER_SECONDS: positiveInt(900, 0).describe(
      'Open jobs started longer ago than this, in seconds, are asked about (DescribeRestoreJob).'
    ),
    // Open jobs older than this are reported restore.stale (once).
    STALE_AFTER_SECONDS: positiveInt(86_400, 60).describe(
      'Open jobs started longer ago than this, in seconds, are reported restore.stale, once.'
    ),
    // Jobs one reconciler run checks: DescribeRestoreJob allows 15/s.
    RECONCILE_MAX_JOBS: positiveInt(100)
      .pipe(z.number().max(1000))
      .describe(
        'Jobs one reconciler run checks, least recently checked first (at most 1,000).'
      ),
  })
  .transform(
    (env): ReconcileRestoresConfig => ({
      ...outcomeConfigOf(env),
      reconcile: {
        reconcileAfterSeconds: env.RECONCILE_AFTER_SECONDS,
        staleAfterSeconds: env.STALE_AFTER_SECONDS,
        maxJobs: env.RECONCILE_MAX_JOBS,
      },
    })
  );

/** reconcile-restores' parsed configuration. */
export interface ReconcileRestoresConfig extends OutcomeConfig {
  readonly reconcile: ReconcileSettings;
}
