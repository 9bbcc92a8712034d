import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { LOCAL_REGION } from './local-aws.js';

/**
 * One execution environment of the SQS trigger: runs one invocation at a
 * time (Lambda never gives an environment two at once). It rejects when the
 * invocation failed as a whole (threw, timed out, crashed).
 */
export type SqsInvoker = (
  event: SQSEvent
) => Promise<SQSBatchResponse | undefined>;

/** Options for {@link drainQueue}. */
export interface SqsEventSourceOptions {
  /** The SQS endpoint (the emulator, not a fault proxy: Lambda's poller is AWS's). */
  readonly endpoint: string;
  readonly queueUrl: string;
  /**
   * The environments, one poller each: their number is the mapping's
   * `MaximumConcurrency`. In-process handlers share their module's state, so
   * give more than one only when each is its own process.
   */
  readonly environments: readonly SqsInvoker[];
  /** Records per invocation (the event source mapping's `batchSize`). Default 10. */
  readonly batchSize?: number | undefined;
  /** Gives up (throws) when the queue is not empty by then. Default 10 minutes. */
  readonly timeoutMs?: number | undefined;
}

/** What one drain did. */
export interface DrainStats {
  readonly invocations: number;
  readonly records: number;
  /** Records the handler reported in `batchItemFailures`. */
  readonly itemFailures: number;
  /** Invocations that failed as a whole: their whole batch returns. */
  readonly failedInvocations: number;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** The record Lambda builds from a received message (docs/events.md#sqs). */
const toRecord = (message: Message, queueArn: string): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: message.Attributes?.SenderId ?? 'AIDAEXAMPLE',
    ApproximateFirstReceiveTimestamp:
      message.Attributes?.ApproximateFirstReceiveTimestamp ??
      String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: LOCAL_REGION,
});

/**
 * Emulates Lambda's SQS event source mapping until the queue is empty:
 * one poller per environment, each invocation with up to `batchSize`
 * records; the records not in
 * `batchItemFailures` are deleted, the others come back after the queue's
 * visibility timeout and, after `maxReceiveCount` receives, move to the
 * dead-letter queue (the emulator's redrive).
 *
 * @throws Error when the queue still holds messages after `timeoutMs`
 */
export const drainQueue = async (
  options: SqsEventSourceOptions
): Promise<DrainStats> => {
  const client = new SQSClient({
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const batchSize = options.batchSize ?? 10;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  const stats = {
    invocations: 0,
    records: 0,
    itemFailures: 0,
    failedInvocations: 0,
  };
  try {
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: options.queueUrl,
        AttributeNames: ['QueueArn'],
      })
    );
    const queueArn = Attributes?.QueueArn ?? '';

    const isEmpty = async (): Promise<boolean> => {
      const { Attributes: counts } = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: options.queueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        })
      );
      return Object.values(counts ?? {}).every((n) => Number(n) === 0);
    };

    const worker = async (invoke: SqsInvoker): Promise<void> => {
      for (;;) {
        if (Date.now() > deadline) {
          throw new Error(`queue ${options.queueUrl} not drained in time`);
        }
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
          })
        );
        if (Messages.length === 0) {
          if (await isEmpty()) {
            return;
          }
          // In flight elsewhere, or invisible until its visibility timeout.
          await sleep(25);
          continue;
        }
        const records = Messages.map((m) => toRecord(m, queueArn));
        stats.invocations += 1;
        stats.records += records.length;
        let failed: Set<string>;
        try {
          const response = await invoke({ Records: records });
          failed = new Set(
            (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier)
          );
          stats.itemFailures += failed.size;
        } catch {
          stats.failedInvocations += 1;
          failed = new Set(records.map((r) => r.messageId));
        }
        // One DeleteMessage each: the emulator has no DeleteMessageBatch.
        for (const record of records.filter((r) => !failed.has(r.messageId))) {
          await client.send(
            new DeleteMessageCommand({
              QueueUrl: options.queueUrl,
              ReceiptHandle: record.receiptHandle,
            })
          );
        }
      }
    };

    await Promise.all(options.environments.map((invoke) => worker(invoke)));
    return stats;
  } finally {
    client.destroy();
  }
};
