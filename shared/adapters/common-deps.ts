import { getDynamoDBClient } from '../clients/dynamodb-client.js';
import { getSFNClient } from '../clients/sfn-client.js';
import { getSNSClient } from '../clients/sns-client.js';
import type { RelayConfig } from '../config/relay-config.js';
import { systemClock } from '../domain/clock.js';
import { DynamoDbJobStore } from './dynamodb-job-store.js';
import { SfnTaskCallbacks } from './sfn-task-callbacks.js';
import { SnsNotifier } from './sns-notifier.js';

// The adapters both the sources (restore-deps) and the lifecycle functions
// (tracking-deps) use. Apart from restore-deps on purpose: importing that
// module pulls the restore engine and Powertools idempotency (with its
// JMESPath engine) into a bundle, used or not.

/** The job store over the container's DynamoDB client. */
export const buildJobStore = (config: RelayConfig): DynamoDbJobStore =>
  new DynamoDbJobStore({
    client: getDynamoDBClient(config.sdk),
    tableName: config.tableName,
    ttlSeconds: config.jobRecordTtlSeconds,
    clock: systemClock,
  });

/** The SNS notifier over the container's SNS client. */
export const buildNotifier = (config: RelayConfig): SnsNotifier =>
  new SnsNotifier({
    client: getSNSClient(config.sdk),
    topicArn: config.topicArn,
  });

/** The Step Functions callbacks over the container's SFN client. */
export const buildTaskCallbacks = (config: RelayConfig): SfnTaskCallbacks =>
  new SfnTaskCallbacks({ client: getSFNClient(config.sdk) });
