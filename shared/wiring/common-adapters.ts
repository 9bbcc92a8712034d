import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { SfnTaskCallbacks } from '../adapters/sfn-task-callbacks.js';
import { SnsNotifier } from '../adapters/sns-notifier.js';
import { getDynamoDBClient } from '../clients/dynamodb-client.js';
import { getSFNClient } from '../clients/sfn-client.js';
import { getSNSClient } from '../clients/sns-client.js';
import type { CommonConfig } from '../config/common-env.js';
import { systemClock } from '../domain/clock.js';

// The adapters both the start functions (start-deps) and the outcome
// functions (outcome-deps) use. Apart from start-deps on purpose:
// importing that module pulls the restore engine and Powertools
// idempotency (with its JMESPath engine) into a bundle, used or not.

/** The job store over the container's DynamoDB client. */
export const buildJobStore = (config: CommonConfig): DynamoDbJobStore =>
  new DynamoDbJobStore({
    client: getDynamoDBClient(config.sdk),
    tableName: config.tableName,
    ttlSeconds: config.jobRecordTtlSeconds,
    clock: systemClock,
  });

/** The SNS notifier over the container's SNS client. */
export const buildNotifier = (config: CommonConfig): SnsNotifier =>
  new SnsNotifier({
    client: getSNSClient(config.sdk),
    topicArn: config.topicArn,
  });

/** The Step Functions callbacks over the container's SFN client. */
export const buildTaskCallbacks = (config: CommonConfig): SfnTaskCallbacks =>
  new SfnTaskCallbacks({ client: getSFNClient(config.sdk) });
