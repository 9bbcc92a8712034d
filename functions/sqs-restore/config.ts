import * as z from 'zod';
import { positiveInt } from '#shared/config/env-values';
import { checkDefaultRole } from '#shared/config/policy-env';
import {
  type StartConfig,
  startConfigOf,
  startEnvShape,
} from '#shared/config/start-env';

/**
 * sqs-restore's environment: a start function's (docs/configuration.md),
 * plus how many records of one batch are in flight at once.
 */
export const SqsRestoreConfigSchema = z
  .object({
    ...startEnvShape,
    // The rate (START_RATE_PER_SECOND), not this, keeps AWS Backup under
    // its quotas: a batch's claims, replays and notifications need not
    // queue behind one another.
    RECORD_CONCURRENCY: positiveInt(10)
      .pipe(z.number().max(10))
      .describe(
        'Records of one SQS batch in flight at once, 1–10 (one at a time per request key).'
      ),
  })
  .superRefine(checkDefaultRole)
  .transform((env) => ({
    ...startConfigOf(env),
    recordConcurrency: env.RECORD_CONCURRENCY,
  }));

/** sqs-restore's parsed configuration. */
export interface SqsRestoreConfig extends StartConfig {
  readonly recordConcurrency: number;
}
