import * as z from 'zod';
import type { RestorePolicy } from '../domain/restore-policy.js';
import {
  type CommonConfig,
  commonConfigOf,
  commonEnvShape,
} from './common-env.js';
import { describedEnv, positiveInt } from './env-values.js';
import { checkDefaultRole, policyEnvShape, policyOf } from './policy-env.js';

/**
 * The environment variables of the three functions that start restores
 * (sqs-restore, event-restore, invoke-restore): the common ones, the
 * restore policy, and the idempotency, dead-letter and pacing settings.
 */
export const startEnvShape = {
  ...commonEnvShape,
  ...policyEnvShape,
  ...describedEnv(
    {
      // The stack and stage (serverless.yml: <service>-<stage>). The
      // IdempotencyToken and derived names include it, so two stages in one
      // account never share a token for the same requestId.
      DEPLOYMENT_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, {
        error: 'must be 1–64 of A-Z a-z 0-9 . _ - (the stack and stage)',
      }),
      // At least the longest redelivery horizon: SQS keeps a message up to 14
      // days, EventBridge retries for 24 h (docs/reliability.md#invariants, #r2).
      IDEMPOTENCY_TTL_SECONDS: positiveInt(14 * 24 * 3600, 24 * 3600),
      IDEMPOTENCY_KEY_PREFIX: z.string().min(1).default('restore-relay'),
      // Rejected requests are kept here, with the error as attributes.
      RELAY_DLQ_URL: z.url({ error: 'must be an SQS queue URL' }),
      // Restores one environment starts per second, on average (a token
      // bucket before each plan-and-start; replays take no token). Every
      // caller in the account shares StartRestoreJob's 5/s and the reads'
      // 15/s, so maximumConcurrency × this stays at or under 4/s
      // (docs/reliability.md#backup-api-rates, #invariants).
      START_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(2),
    },
    {
      DEPLOYMENT_ID:
        'The stack and stage (<service>-<stage>); the IdempotencyToken and derived names include it.',
      IDEMPOTENCY_TTL_SECONDS:
        'How long a request claim is kept, in seconds: at least the longest redelivery horizon (SQS 14 days, EventBridge 24 h).',
      IDEMPOTENCY_KEY_PREFIX:
        "Prefix of the request claims' keys in the relay table.",
      RELAY_DLQ_URL:
        'The dead-letter queue rejected requests are kept in, with the error as attributes (set by serverless.yml).',
      START_RATE_PER_SECOND:
        'Restores one function environment starts per second, on average (maximumConcurrency × this ≤ 4/s keeps StartRestoreJob under its 5/s quota).',
    }
  ),
};

/** The environment of a start function, parsed. */
export type StartEnv = z.output<z.ZodObject<typeof startEnvShape>>;

/** What a function that starts restores is configured with. */
export interface StartConfig extends CommonConfig {
  readonly deployment: string;
  readonly idempotencyTtlSeconds: number;
  readonly idempotencyKeyPrefix: string;
  readonly deadLetterQueueUrl: string;
  readonly startRatePerSecond: number;
  readonly policy: RestorePolicy;
}

/** The start configuration from a parsed start environment. */
export const startConfigOf = (env: StartEnv): StartConfig => ({
  ...commonConfigOf(env),
  deployment: env.DEPLOYMENT_ID,
  idempotencyTtlSeconds: env.IDEMPOTENCY_TTL_SECONDS,
  idempotencyKeyPrefix: env.IDEMPOTENCY_KEY_PREFIX,
  deadLetterQueueUrl: env.RELAY_DLQ_URL,
  startRatePerSecond: env.START_RATE_PER_SECOND,
  policy: policyOf(env),
});

/**
 * The configuration of a start function that reads nothing else
 * (invoke-restore); the others extend {@link startEnvShape}.
 */
export const StartConfigSchema = z
  .object(startEnvShape)
  .superRefine(checkDefaultRole)
  .transform(startConfigOf);
