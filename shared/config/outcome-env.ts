import * as z from 'zod';
import {
  type CommonConfig,
  commonConfigOf,
  commonEnvShape,
} from './common-env.js';
import { describedEnv } from './env-values.js';

/**
 * The environment variables of the functions that record and announce how
 * restore jobs ended (track-restore, reconcile-restores).
 */
export const outcomeEnvShape = {
  ...commonEnvShape,
  ...describedEnv(
    {
      // Where outcomes are put for other workflows to chain on: a bus *name*
      // (IAM scopes events:PutEvents to exactly this bus) and the `source`.
      OUTCOME_EVENT_BUS_NAME: z
        .string()
        .regex(/^[.\-_A-Za-z0-9]{1,256}$/, {
          error: 'must be an EventBridge bus name (not an ARN), e.g. default',
        })
        .default('default'),
      // EventBridge reserves sources starting with "aws." for AWS services.
      OUTCOME_EVENT_SOURCE: z
        .string()
        .min(1)
        .max(256)
        .refine((v) => !v.startsWith('aws.'), {
          error: 'must not start with "aws." (reserved for AWS services)',
        })
        .default('restore-relay'),
      // Report the outcome of restore jobs restore-relay did not start too.
      REPORT_ALL_JOBS: z
        .enum(['true', 'false'], { error: 'must be true or false' })
        .default('false')
        .transform((v) => v === 'true'),
    },
    {
      OUTCOME_EVENT_BUS_NAME:
        'The EventBridge bus outcome events are put on: a bus name, not an ARN.',
      OUTCOME_EVENT_SOURCE:
        'The source of outcome events; may not start with "aws.".',
      REPORT_ALL_JOBS:
        'true to report the outcome of restore jobs restore-relay did not start too.',
    }
  ),
};

/** The environment of an outcome function, parsed. */
export type OutcomeEnv = z.output<z.ZodObject<typeof outcomeEnvShape>>;

/** What a function that records outcomes is configured with. */
export interface OutcomeConfig extends CommonConfig {
  readonly outcomeEventBusName: string;
  readonly outcomeEventSource: string;
  readonly reportAllJobs: boolean;
}

/** The outcome configuration from a parsed outcome environment. */
export const outcomeConfigOf = (env: OutcomeEnv): OutcomeConfig => ({
  ...commonConfigOf(env),
  outcomeEventBusName: env.OUTCOME_EVENT_BUS_NAME,
  outcomeEventSource: env.OUTCOME_EVENT_SOURCE,
  reportAllJobs: env.REPORT_ALL_JOBS,
});

/**
 * The configuration of an outcome function that reads nothing else
 * (track-restore); reconcile-restores extends {@link outcomeEnvShape}.
 */
export const OutcomeConfigSchema = z
  .object(outcomeEnvShape)
  .transform(outcomeConfigOf);
