import * as z from 'zod';
import type { SdkSettings } from '../clients/sdk-settings.js';
import { describedEnv, positiveInt } from './env-values.js';

/**
 * The environment variables every restore-relay function reads: the relay
 * table and topic, how long job records live, and the AWS SDK's limits.
 * Resource names have no defaults: a function without its table or topic
 * must not start (see docs/configuration.md).
 */
export const commonEnvShape = describedEnv(
  {
    RELAY_TABLE_NAME: z.string().min(3).max(255),
    RELAY_TOPIC_ARN: z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}(\.fifo)?$/, {
        error: 'must be an SNS topic ARN',
      }),
    JOB_RECORD_TTL_SECONDS: positiveInt(90 * 24 * 3600, 24 * 3600),
    // The SDK has no request timeout by default (docs/reliability.md#sdk-timeouts);
    // these keep the worst case inside the function timeout.
    AWS_SDK_REQUEST_TIMEOUT_MS: positiveInt(5000),
    AWS_SDK_CONNECTION_TIMEOUT_MS: positiveInt(1000),
    AWS_SDK_MAX_ATTEMPTS: positiveInt(3),
  },
  {
    RELAY_TABLE_NAME:
      'The relay table: job records, request claims, alarm cool-downs (set by serverless.yml).',
    RELAY_TOPIC_ARN:
      'The SNS topic every notification is published to (set by serverless.yml).',
    JOB_RECORD_TTL_SECONDS:
      'How long a job record is kept after its start, in seconds (at least one day).',
    AWS_SDK_REQUEST_TIMEOUT_MS:
      'Timeout of one AWS SDK request, in milliseconds (the SDK has none by default).',
    AWS_SDK_CONNECTION_TIMEOUT_MS:
      'Timeout of opening a connection to AWS, in milliseconds.',
    AWS_SDK_MAX_ATTEMPTS:
      'Attempts per AWS call, the first included (the SDK retries throttling and 5xx).',
  }
);

type CommonEnv = z.output<z.ZodObject<typeof commonEnvShape>>;

/** What every function's configuration holds. */
export interface CommonConfig {
  readonly tableName: string;
  readonly topicArn: string;
  readonly jobRecordTtlSeconds: number;
  readonly sdk: SdkSettings;
}

/** The common part of a function's configuration, from its environment. */
export const commonConfigOf = (env: CommonEnv): CommonConfig => ({
  tableName: env.RELAY_TABLE_NAME,
  topicArn: env.RELAY_TOPIC_ARN,
  jobRecordTtlSeconds: env.JOB_RECORD_TTL_SECONDS,
  sdk: {
    requestTimeoutMs: env.AWS_SDK_REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: env.AWS_SDK_CONNECTION_TIMEOUT_MS,
    maxAttempts: env.AWS_SDK_MAX_ATTEMPTS,
  },
});
