/**
 * The whole local AWS environment for restore-relay: DynamoDB Local, the
 * Backup, SNS, SQS, EventBridge and Step Functions emulators, plus the relay
 * table, the notification topic, the dead-letter queue and the request
 * queue (redriving to the dead-letter queue), and the environment variables
 * that point the unchanged SDK clients at them (docs/local-aws.md#endpoints).
 *
 * The EventBridge and Step Functions emulators share the Backup emulator's
 * Region, account and clock, so event times and callback times move with
 * `local.backup.clock.advance(ms)` like the restore jobs do.
 *
 * @see docs/local-aws.md#endpoints
 * @see docs/development.md#emulator-discipline
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type BackupEmulator,
  type BackupEmulatorOptions,
  startBackupEmulator,
} from '../emulators/backup/backup-emulator.js';
import {
  type EventBridgeEmulator,
  startEventBridgeEmulator,
} from '../emulators/eventbridge-emulator.js';
import {
  type SnsEmulator,
  startSnsEmulator,
} from '../emulators/sns-emulator.js';
import {
  type SqsEmulator,
  startSqsEmulator,
} from '../emulators/sqs/sqs-emulator.js';
import {
  type StepFunctionsEmulator,
  startStepFunctionsEmulator,
} from '../emulators/stepfunctions-emulator.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { createRelayTable } from './relay-table.js';

/** Region of the local environment (matches the default seed). */
export const LOCAL_REGION = 'eu-west-1';

/** Name of the SNS topic restore-relay publishes to. */
export const RELAY_TOPIC_NAME = 'restore-relay-notifications';

/** Name of the queue that keeps refused requests (`RELAY_DLQ_URL`). */
export const RELAY_DLQ_NAME = 'restore-relay-dlq';

/** Name of the queue restore requests arrive on. */
export const RELAY_REQUEST_QUEUE_NAME = 'restore-relay-requests';

/**
 * The request queue's redrive `maxReceiveCount` (at least 5:
 * docs/reliability.md#invariants), as in serverless.yml.
 */
export const RELAY_MAX_RECEIVE_COUNT = 5;

/** The request queue's visibility timeout: 6 × the 60 s function timeout. */
const RELAY_REQUEST_VISIBILITY_TIMEOUT_SECONDS = 360;

/** Both queues keep messages 14 days, the SQS maximum. */
const RELAY_QUEUE_RETENTION_SECONDS = 1_209_600;

/**
 * Environment variables for code under test (all strings). The endpoint
 * variables are `AWS_ENDPOINT_URL_` + the client's `serviceId` upper-cased,
 * spaces as underscores (`getEndpointUrlConfig` in `@smithy/core`); the
 * serviceIds are `EventBridge` (`@aws-sdk/client-eventbridge`) and `SFN`
 * (`@aws-sdk/client-sfn`).
 */
export interface LocalAwsEnv {
  AWS_ENDPOINT_URL_BACKUP: string;
  AWS_ENDPOINT_URL_SNS: string;
  AWS_ENDPOINT_URL_SQS: string;
  AWS_ENDPOINT_URL_EVENTBRIDGE: string;
  AWS_ENDPOINT_URL_SFN: string;
  AWS_ENDPOINT_URL_DYNAMODB: string;
  AWS_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  RELAY_TABLE_NAME: string;
  RELAY_TOPIC_ARN: string;
  RELAY_DLQ_URL: string;
}

/** Options for {@link startLocalAws}. */
export interface LocalAwsOptions {
  /** Backup seed file; default the project's default seed. */
  seedFile?: string | undefined;
  /** Reuse this DynamoDB endpoint (e.g. `inject('dynamoEndpoint')`). */
  dynamoEndpoint?: string | undefined;
  /** Further Backup emulator options (`seedFile` above wins). */
  backup?: BackupEmulatorOptions | undefined;
  /** Fixed SNS port; default a free one. */
  snsPort?: number | undefined;
  /** Fixed SQS port; default a free one. */
  sqsPort?: number | undefined;
  /** Fixed EventBridge port; default a free one. */
  eventsPort?: number | undefined;
  /** Fixed Step Functions port; default a free one. */
  stepFunctionsPort?: number | undefined;
  /** Fixed DynamoDB Local port when one is started; default a free one. */
  dynamoPort?: number | undefined;
}

/** A running local environment. */
export interface LocalAws {
  env: LocalAwsEnv;
  backup: BackupEmulator;
  sns: SnsEmulator;
  sqs: SqsEmulator;
  /** EventBridge, with only the `default` bus. */
  events: EventBridgeEmulator;
  /** Step Functions callbacks (tasks waiting for a token). */
  stepFunctions: StepFunctionsEmulator;
  dynamodb: { endpoint: string; client: DynamoDBClient };
  tableName: string;
  topicArn: string;
  /** URL of the dead-letter queue (`RELAY_DLQ_URL`). */
  dlqUrl: string;
  /** URL of the request queue, which redrives to the dead-letter queue. */
  requestQueueUrl: string;
  /**
   * Closes the emulators and the client. Deletes the table when the
   * DynamoDB endpoint was shared, and stops DynamoDB Local when it was
   * started here.
   */
  stop(): Promise<void>;
}

const uniqueTableName = (): string =>
  `restore-relay-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/**
 * Starts the local environment.
 *
 * @example
 * ```ts
 * const local = await startLocalAws({ dynamoEndpoint: inject('dynamoEndpoint') });
 * for (const [name, value] of Object.entries(local.env)) vi.stubEnv(name, value);
 * // … run a handler …
 * expect(local.backup.callsTo('StartRestoreJob')).toHaveLength(1);
 * await local.stop();
 * ```
 */
export const startLocalAws = async (
  options: LocalAwsOptions = {}
): Promise<LocalAws> => {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    cleanups.length = 0;
    if (errors.length > 0) {
      throw new AggregateError(errors, 'stopping local AWS failed');
    }
  };

  try {
    // The emulators first: a bad seed file fails before a JVM is started.
    const backup = await startBackupEmulator({
      region: LOCAL_REGION,
      ...options.backup,
      ...(options.seedFile === undefined ? {} : { seedFile: options.seedFile }),
    });
    cleanups.push(() => backup.close());

    const sns = await startSnsEmulator({
      region: LOCAL_REGION,
      accountId: backup.accountId,
      port: options.snsPort,
    });
    cleanups.push(() => sns.close());
    const topicArn = sns.createTopic(RELAY_TOPIC_NAME);

    const sqs = await startSqsEmulator({
      region: LOCAL_REGION,
      accountId: backup.accountId,
      port: options.sqsPort,
    });
    cleanups.push(() => sqs.close());
    // Attributes as in serverless.yml (RequestQueue, DeadLetterQueue). The
    // dead-letter queue first: a redrive policy must name an existing queue.
    const dlqUrl = sqs.createQueue(RELAY_DLQ_NAME, {
      MessageRetentionPeriod: String(RELAY_QUEUE_RETENTION_SECONDS),
      SqsManagedSseEnabled: 'true',
    });
    const requestQueueUrl = sqs.createQueue(RELAY_REQUEST_QUEUE_NAME, {
      VisibilityTimeout: String(RELAY_REQUEST_VISIBILITY_TIMEOUT_SECONDS),
      MessageRetentionPeriod: String(RELAY_QUEUE_RETENTION_SECONDS),
      SqsManagedSseEnabled: 'true',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: sqs.queueArn(dlqUrl),
        maxReceiveCount: RELAY_MAX_RECEIVE_COUNT,
      }),
    });

    const events = await startEventBridgeEmulator({
      region: backup.region,
      accountId: backup.accountId,
      clock: backup.clock,
      port: options.eventsPort,
    });
    cleanups.push(() => events.close());

    const stepFunctions = await startStepFunctionsEmulator({
      region: backup.region,
      accountId: backup.accountId,
      clock: backup.clock,
      port: options.stepFunctionsPort,
    });
    cleanups.push(() => stepFunctions.close());

    let endpoint = options.dynamoEndpoint;
    if (endpoint === undefined) {
      const dynamodb = await startDynamoDbLocal({ port: options.dynamoPort });
      cleanups.push(() => dynamodb.stop());
      endpoint = dynamodb.endpoint;
    }
    const client = new DynamoDBClient({
      endpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: {
        requestTimeout: 5_000,
        connectionTimeout: 1_000,
        throwOnRequestTimeout: true,
      },
    });
    cleanups.push(async () => client.destroy());

    const tableName = uniqueTableName();
    await createRelayTable(client, tableName);
    if (options.dynamoEndpoint !== undefined) {
      // A shared, in-memory DynamoDB Local: drop the table so it stays small.
      cleanups.push(async () => {
        await client.send(new DeleteTableCommand({ TableName: tableName }));
      });
    }

    return {
      env: {
        AWS_ENDPOINT_URL_BACKUP: backup.url,
        AWS_ENDPOINT_URL_SNS: sns.url,
        AWS_ENDPOINT_URL_SQS: sqs.url,
        AWS_ENDPOINT_URL_EVENTBRIDGE: events.url,
        AWS_ENDPOINT_URL_SFN: stepFunctions.url,
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        RELAY_TABLE_NAME: tableName,
        RELAY_TOPIC_ARN: topicArn,
        RELAY_DLQ_URL: dlqUrl,
      },
      backup,
      sns,
      sqs,
      events,
      stepFunctions,
      dynamodb: { endpoint, client },
      tableName,
      topicArn,
      dlqUrl,
      requestQueueUrl,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
};
