/**
 * Steps for handler tests on the local AWS: what the relay published, what
 * it kept in the dead-letter queue and in its job records, which metrics it
 * emitted.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterEach, beforeEach, type MockInstance, vi } from 'vitest';
import { jobRecordId } from '#shared/adapters/dynamodb-job-store';
import {
  type RelayNotification,
  RelayNotificationSchema,
} from '#shared/events/relay-notification';
import type { LocalAws } from './local/local-aws.js';

/** Every notification published so far, parsed with the v1 schema. */
export const notifications = (local: LocalAws): RelayNotification[] =>
  local.sns
    .messages(local.topicArn)
    .map((m) => RelayNotificationSchema.parse(JSON.parse(m.Message)));

/** Notifications of one type. */
export const notificationsOfType = <T extends RelayNotification['type']>(
  local: LocalAws,
  type: T
): Extract<RelayNotification, { type: T }>[] =>
  notifications(local).filter(
    (n): n is Extract<RelayNotification, { type: T }> => n.type === type
  );

/** The requests kept in the dead-letter queue: body and string attributes. */
export const deadLetters = (local: LocalAws) =>
  local.sqs.messages(local.dlqUrl).map((m) => ({
    body: m.body,
    attributes: Object.fromEntries(
      Object.entries(m.attributes).map(([k, v]) => [k, v.StringValue])
    ),
  }));

/** The job record of a restore job, exactly as DynamoDB Local holds it. */
export const jobRecord = async (
  local: LocalAws,
  restoreJobId: string
): Promise<Record<string, unknown> | undefined> => {
  const { Item } = await local.dynamodb.client.send(
    new GetItemCommand({
      TableName: local.tableName,
      Key: { id: { S: jobRecordId(restoreJobId) } },
      ConsistentRead: true,
    })
  );
  return Item === undefined ? undefined : unmarshall(Item);
};

/** One EMF metric record, reduced to what tests check. */
export interface EmittedMetric {
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/**
 * Captures the CloudWatch EMF lines Powertools Metrics writes to stdout
 * (and keeps them out of the test output).
 */
export const captureMetrics = (): {
  readonly metrics: () => EmittedMetric[];
  readonly restore: () => void;
} => {
  const lines: string[] = [];
  const spy: MockInstance = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
  return {
    metrics: () =>
      lines.flatMap((line) =>
        line
          .split('\n')
          .filter((l) => l.includes('"_aws"'))
          .flatMap((l) => {
            const record = JSON.parse(l) as {
              _aws: {
                CloudWatchMetrics: {
                  Dimensions: string[][];
                  Metrics: { Name: string }[];
                }[];
              };
            } & Record<string, unknown>;
            return record._aws.CloudWatchMetrics.flatMap((set) =>
              set.Metrics.map((m) => ({
                name: m.Name,
                dimensions: Object.fromEntries(
                  (set.Dimensions[0] ?? []).map((d) => [d, String(record[d])])
                ),
              }))
            );
          })
      ),
    restore: () => spy.mockRestore(),
  };
};

/**
 * Captures EMF metrics around every test of the file.
 *
 * @returns the metrics emitted so far in the current test
 */
export const useCapturedMetrics = (): (() => EmittedMetric[]) => {
  let capture: ReturnType<typeof captureMetrics> | undefined;
  beforeEach(() => {
    capture = captureMetrics();
  });
  afterEach(() => {
    capture?.restore();
  });
  return () => capture?.metrics() ?? [];
};

/**
 * Makes AWS Backup throttle the next `count` StartRestoreJob calls (the
 * default covers every attempt of one call with `AWS_SDK_MAX_ATTEMPTS=2`).
 */
export const throttleStartRestoreJob = (local: LocalAws, count = 2): void => {
  local.backup.addFault({
    operation: 'StartRestoreJob',
    count,
    kind: 'error',
    errorName: 'ThrottlingException',
    status: 400,
  });
};

/**
 * Makes SNS fail the next `count` Publish calls with a 500 (the default
 * covers every attempt of one call with `AWS_SDK_MAX_ATTEMPTS=2`).
 */
export const failPublish = (local: LocalAws, count = 2): void => {
  local.sns.addFault({
    operation: 'Publish',
    count,
    kind: 'error',
    errorName: 'InternalError',
    status: 500,
  });
};

/**
 * Makes SNS answer the next `count` Publish calls with its KMS throttling
 * error: the topic is KMS-encrypted, and the model makes this a 400 client
 * fault (wire code `KMSThrottling`, the SDK's `KMSThrottlingException`),
 * which the SDK does not retry itself.
 */
export const kmsThrottlePublish = (local: LocalAws, count = 1): void => {
  local.sns.addFault({
    operation: 'Publish',
    count,
    kind: 'error',
    errorName: 'KMSThrottling',
    status: 400,
  });
};
