import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  type AwsProtocol,
  type FaultPicker,
  type FaultProxy,
  type ProxiedCall,
  startFaultProxy,
} from '../support/emulators/aws-fault-proxy.js';
import { exampleRequests } from '../support/example-requests.js';
import { type LocalAws, startLocalAws } from '../support/local/local-aws.js';
import { RELAY_ENV } from '../support/relay-env.js';

/** The services the start functions call, each behind a fault proxy. */
const PROXIED = {
  dynamodb: { variable: 'AWS_ENDPOINT_URL_DYNAMODB', protocol: 'aws-json' },
  backup: { variable: 'AWS_ENDPOINT_URL_BACKUP', protocol: 'rest-json' },
  sns: { variable: 'AWS_ENDPOINT_URL_SNS', protocol: 'query' },
  sqs: { variable: 'AWS_ENDPOINT_URL_SQS', protocol: 'aws-json' },
} as const satisfies Record<
  string,
  { variable: keyof LocalAws['env']; protocol: AwsProtocol }
>;

/** The local AWS with every handler call counted, and faults on demand. */
export interface LocalRig {
  readonly local: LocalAws;
  /**
   * The environment of one execution environment of the handlers: the
   * relay's settings and `extra`, with its own fault proxies (tagged `tag`)
   * as SDK endpoints, so that a call's environment is known.
   */
  environmentFor(
    tag: string,
    extra?: Readonly<Record<string, string>>
  ): Promise<Record<string, string>>;
  /** Every AWS call the handlers made since the last {@link LocalRig.clearCalls}. */
  calls(): ProxiedCall[];
  clearCalls(): void;
  /** Injects faults into the handlers' AWS calls (`undefined`: none). */
  setFaults(picker: FaultPicker | undefined): void;
  /**
   * A request queue with a short visibility timeout (the soak and the
   * benchmarks cannot wait six minutes) and a redrive to the relay's
   * dead-letter queue after `maxReceiveCount` receives.
   */
  createRequestQueue(
    name: string,
    options: { visibilityTimeoutSeconds: number; maxReceiveCount?: number }
  ): string;
  /**
   * Sends each body to the queue as it is (any text SQS accepts: JSON or
   * not), in SendMessageBatch calls of at most ten messages and 1 MiB.
   *
   * @returns the SQS message ids, in the order of `bodies`
   */
  sendRawBodies(queueUrl: string, bodies: readonly string[]): Promise<string[]>;
  /**
   * Sends each body as its JSON text ({@link LocalRig.sendRawBodies}).
   *
   * @returns the SQS message ids, in the order of `bodies`
   */
  sendRequests(
    queueUrl: string,
    bodies: readonly Record<string, unknown>[]
  ): Promise<string[]>;
  stop(): Promise<void>;
}

// A SendMessageBatch carries at most ten messages and 1 MiB in all.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
const MAX_BATCH_ENTRIES = 10;
const MAX_BATCH_BYTES = 1_048_576;

/** Bodies in SendMessageBatch-sized groups, in order. */
const batchesOf = (bodies: readonly string[]): string[][] => {
  const batches: string[][] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = Buffer.byteLength(body, 'utf8');
    if (
      batch.length === MAX_BATCH_ENTRIES ||
      (batch.length > 0 && bytes + size > MAX_BATCH_BYTES)
    ) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(body);
    bytes += size;
  }
  if (batch.length > 0) {
    batches.push(batch);
  }
  return batches;
};

const sendRaw = async (
  local: LocalAws,
  queueUrl: string,
  bodies: readonly string[]
): Promise<string[]> => {
  const client = new SQSClient({
    endpoint: local.env.AWS_ENDPOINT_URL_SQS,
    region: local.env.AWS_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const ids: string[] = [];
  try {
    for (const batch of batchesOf(bodies)) {
      const { Successful = [], Failed = [] } = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((body, j) => ({
            Id: String(j),
            MessageBody: body,
          })),
        })
      );
      if (Failed.length > 0) {
        throw new Error(`SendMessageBatch failed: ${JSON.stringify(Failed)}`);
      }
      const byEntry = new Map(Successful.map((s) => [s.Id, s.MessageId]));
      ids.push(...batch.map((_, j) => String(byEntry.get(String(j)))));
    }
    return ids;
  } finally {
    client.destroy();
  }
};

/**
 * Starts DynamoDB Local and the emulators. Each execution environment gets
 * a counting fault proxy in front of every service the start functions
 * call ({@link LocalRig.environmentFor}), so the benchmarks count every AWS
 * call, DynamoDB's included, and the soak can fail any of them.
 */
export const startLocalRig = async (): Promise<LocalRig> => {
  const local = await startLocalAws();
  const proxies: FaultProxy[] = [];
  let picker: FaultPicker | undefined;
  return {
    local,
    environmentFor: async (tag, extra = {}) => {
      const endpoints: Record<string, string> = {};
      for (const [service, { variable, protocol }] of Object.entries(PROXIED)) {
        const proxy = await startFaultProxy({
          service,
          tag,
          upstream: local.env[variable],
          protocol,
          faults: picker,
        });
        proxies.push(proxy);
        endpoints[variable] = proxy.url;
      }
      return {
        ...RELAY_ENV,
        ...local.env,
        ...endpoints,
        // The SQS client sends to the queue URL's host, not its endpoint:
        // the dead-letter queue's URL must name the proxy too.
        RELAY_DLQ_URL: local.env.RELAY_DLQ_URL.replace(
          local.env.AWS_ENDPOINT_URL_SQS,
          endpoints.AWS_ENDPOINT_URL_SQS ?? local.env.AWS_ENDPOINT_URL_SQS
        ),
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
        AWS_LAMBDA_FUNCTION_NAME: 'restore-relay-bench',
        ...extra,
      };
    },
    calls: () => proxies.flatMap((proxy) => [...proxy.calls]),
    clearCalls: () => {
      for (const proxy of proxies) {
        proxy.clearCalls();
      }
    },
    setFaults: (next) => {
      picker = next;
      for (const proxy of proxies) {
        proxy.setFaults(next);
      }
    },
    createRequestQueue: (name, queue) =>
      local.sqs.createQueue(name, {
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: local.sqs.queueArn(local.dlqUrl),
          maxReceiveCount: queue.maxReceiveCount ?? 5,
        }),
      }),
    sendRawBodies: (queueUrl, bodies) => sendRaw(local, queueUrl, bodies),
    sendRequests: (queueUrl, bodies) =>
      sendRaw(
        local,
        queueUrl,
        bodies.map((body) => JSON.stringify(body))
      ),
    stop: async () => {
      for (const proxy of proxies) {
        await proxy.close();
      }
      await local.stop();
    },
  };
};

/**
 * Request bodies for load: the example requests (one per resource type,
 * valid against the default seed and {@link RELAY_ENV}'s policy), each with
 * its own `requestId`, round robin.
 */
export const loadRequests = (
  count: number,
  prefix: string
): Record<string, unknown>[] => {
  const examples = exampleRequests().filter(
    (e) => e.body.dryRun !== true && e.body.restoreRole === undefined
  );
  return Array.from({ length: count }, (_, i) => {
    const example = examples[i % examples.length];
    if (example === undefined) {
      throw new Error('no example requests in test/fixtures/requests');
    }
    return { ...example.body, requestId: `${prefix}-${i}` };
  });
};
