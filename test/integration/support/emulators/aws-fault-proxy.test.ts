import { BackupClient, StartRestoreJobCommand } from '@aws-sdk/client-backup';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  inject,
  it,
} from 'vitest';
import {
  type FaultProxy,
  startFaultProxy,
} from '#test/support/emulators/aws-fault-proxy';
import { type LocalAws, startLocalAws } from '#test/support/local/local-aws';
import { rejectionOf } from '#test/support/rejection-of';
import { seedPointArn } from '#test/support/seed-points';
import { emulatorClientConfig } from './emulator-test-kit.js';

const EFS =
  'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0';

describe('the AWS fault proxy', () => {
  let local: LocalAws;
  const proxies: FaultProxy[] = [];
  const proxy = async (
    service: string,
    upstream: string,
    protocol: 'aws-json' | 'rest-json' | 'query'
  ) => {
    const started = await startFaultProxy({ service, upstream, protocol });
    proxies.push(started);
    return started;
  };

  beforeAll(async () => {
    local = await startLocalAws({ dynamoEndpoint: inject('dynamoEndpoint') });
  });
  beforeEach(() => {
    local.backup.reset();
    local.sns.reset();
  });
  afterAll(async () => {
    for (const p of proxies) {
      await p.close();
    }
    await local.stop();
  });

  it('counts DynamoDB calls by operation, and a throttle is retried as one', async () => {
    // Arrange
    const dynamodb = await proxy(
      'dynamodb',
      local.dynamodb.endpoint,
      'aws-json'
    );
    let first = true;
    dynamodb.setFaults(() => {
      const fault = first ? ({ kind: 'throttle' } as const) : undefined;
      first = false;
      return fault;
    });
    const client = new DynamoDBClient({
      ...emulatorClientConfig(dynamodb.url),
      maxAttempts: 3,
    });

    // Act
    const output = await client.send(new ListTablesCommand({}));
    client.destroy();

    // Assert
    expect(output.$metadata.attempts).toBe(2);
    expect(dynamodb.calls).toEqual([
      { service: 'dynamodb', operation: 'ListTables', fault: 'throttle' },
      { service: 'dynamodb', operation: 'ListTables' },
    ]);
  });

  it("speaks SNS's query protocol: an injected throttle reaches the caller as ThrottledException", async () => {
    // Arrange
    const sns = await proxy('sns', local.sns.url, 'query');
    sns.setFaults(() => ({ kind: 'throttle' }));
    const client = new SNSClient({
      ...emulatorClientConfig(sns.url),
      maxAttempts: 2,
    });

    // Act
    const error = await rejectionOf(
      client.send(
        new PublishCommand({ TopicArn: local.topicArn, Message: 'x' })
      )
    );
    client.destroy();

    // Assert
    expect((error as Error).name).toBe('ThrottledException');
    expect(sns.calls.map((c) => c.operation)).toEqual(['Publish', 'Publish']);
    expect(local.sns.messages()).toHaveLength(0);
  });

  it('forwards a message SQS takes whose request is larger than 1 MiB (JSON escaping)', async () => {
    // Arrange: 600,000 quotes are 1.2 MB once escaped for the JSON protocol.
    const sqs = await proxy('sqs', local.sqs.url, 'aws-json');
    const queueUrl = local.sqs.createQueue('fault-proxy-large');
    const client = new SQSClient(emulatorClientConfig(sqs.url));
    const body = '"'.repeat(600_000);

    // Act: the SQS client sends to the queue URL's host.
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl.replace(local.sqs.url, sqs.url),
        MessageBody: body,
      })
    );
    client.destroy();

    // Assert
    expect(sqs.calls).toEqual([{ service: 'sqs', operation: 'SendMessage' }]);
    expect(local.sqs.messages(queueUrl).map((m) => m.body)).toEqual([body]);
  });

  it('loses the answer after the effect: the SDK retries with the same token and gets the same job', async () => {
    // Arrange
    const backup = await proxy('backup', local.backup.url, 'rest-json');
    let first = true;
    backup.setFaults(({ operation }) => {
      const fault =
        operation === 'StartRestoreJob' && first
          ? ({ kind: 'reset-after-effect' } as const)
          : undefined;
      first = false;
      return fault;
    });
    const client = new BackupClient({
      ...emulatorClientConfig(backup.url),
      maxAttempts: 3,
    });

    // Act
    const output = await client.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: seedPointArn(EFS, '2026-11-01T03:00:00Z'),
        IamRoleArn: 'arn:aws:iam::111122223333:role/restore-default',
        ResourceType: 'EFS',
        IdempotencyToken: 'fault-proxy-0001',
        Metadata: {
          'file-system-id': 'fs-0123456789abcdef0',
          newFileSystem: 'true',
        },
      })
    );
    client.destroy();

    // Assert
    expect(output.$metadata.attempts).toBe(2);
    expect(backup.calls.map((c) => c.fault ?? 'ok')).toEqual([
      'reset-after-effect',
      'ok',
    ]);
    expect(local.backup.jobs().map((j) => j.restoreJobId)).toEqual([
      output.RestoreJobId,
    ]);
  });
});
