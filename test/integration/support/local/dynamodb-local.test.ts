import {
  BackupClient,
  DescribeRecoveryPointCommand,
} from '@aws-sdk/client-backup';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  GetQueueAttributesCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '#test/support/local/dynamodb-local';
import { startLocalAws } from '#test/support/local/local-aws';
import { createRelayTable } from '#test/support/local/relay-table';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const clientFor = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: 2_000,
      connectionTimeout: 1_000,
      throwOnRequestTimeout: true,
    },
  });

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startDynamoDbLocal', () => {
  let dynamodb: DynamoDbLocal | undefined;

  afterAll(async () => {
    await dynamodb?.stop();
  });

  it('starts a second instance, answers ListTables, and stops by PID', async () => {
    // Arrange
    dynamodb = await startDynamoDbLocal();
    const client = clientFor(dynamodb.endpoint);

    // Act
    const tables = await client.send(new ListTablesCommand({}));
    await dynamodb.stop();
    const afterStop = await client.send(new ListTablesCommand({})).then(
      () => 'answered',
      () => 'refused'
    );
    client.destroy();

    // Assert
    expect(dynamodb.endpoint).toBe(`http://127.0.0.1:${dynamodb.port}`);
    expect(tables.TableNames).toEqual([]);
    expect(isAlive(dynamodb.pid)).toBe(false);
    expect(afterStop).toBe('refused');
  });

  it('fails with a clear message when java is missing', async () => {
    // Arrange
    const javaPath = '/nonexistent/bin/java';

    // Act
    const result = startDynamoDbLocal({ javaPath });

    // Assert
    await expect(result).rejects.toThrow(
      "cannot start DynamoDB Local: '/nonexistent/bin/java' not found"
    );
  });
});

describe('createRelayTable on the shared DynamoDB Local', () => {
  const client = clientFor(inject('dynamoEndpoint'));
  const tableName = `relay-table-test-${Date.now().toString(36)}`;

  afterAll(() => {
    client.destroy();
  });

  it('creates the table with key id, on demand, with TTL on expiration, idempotently', async () => {
    // Arrange
    const first = await createRelayTable(client, tableName);

    // Act
    const second = await createRelayTable(client, tableName);
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName })
    );
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: tableName })
    );

    // Assert
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'id', KeyType: 'HASH' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiration',
    });
  });

  it('stores and reads back an idempotency-shaped item', async () => {
    // Arrange
    await createRelayTable(client, tableName);
    // The expiry lies ahead: DynamoDB Local's TTL sweeper does delete items
    // whose `expiration` has passed, so a fixed past value made this flaky.
    const expiration = String(Math.floor(Date.now() / 1000) + 3600);
    const item = {
      id: { S: 'restore-relay-test#5d41402abc4b2a76b9719d911017c592' },
      status: { S: 'COMPLETED' },
      expiration: { N: expiration },
      data: { M: { restoreJobId: { S: 'JOB-1' } } },
    };

    // Act
    await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { id: item.id } })
    );

    // Assert
    expect(Item).toEqual(item);
  });
});

describe('startLocalAws on the shared DynamoDB Local', () => {
  let local: Awaited<ReturnType<typeof startLocalAws>>;

  beforeAll(async () => {
    local = await startLocalAws({ dynamoEndpoint: inject('dynamoEndpoint') });
  });

  afterAll(async () => {
    await local.stop();
  });

  it('wires the endpoints, table, topic and queues into env', async () => {
    // Arrange
    const backup = new BackupClient({
      endpoint: local.env.AWS_ENDPOINT_URL_BACKUP,
      region: local.env.AWS_REGION,
      credentials,
    });
    const sns = new SNSClient({
      endpoint: local.env.AWS_ENDPOINT_URL_SNS,
      region: local.env.AWS_REGION,
      credentials,
    });
    const sqs = new SQSClient({
      endpoint: local.env.AWS_ENDPOINT_URL_SQS,
      region: local.env.AWS_REGION,
      credentials,
    });

    // Act
    const point = await backup.send(
      new DescribeRecoveryPointCommand({
        BackupVaultName: 'prod-primary',
        RecoveryPointArn: 'arn:aws:ec2:eu-west-1::image/ami-0abc1234def567890',
      })
    );
    await sns.send(
      new PublishCommand({ TopicArn: local.env.RELAY_TOPIC_ARN, Message: 'hi' })
    );
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: local.env.RELAY_DLQ_URL,
        MessageBody: 'refused',
      })
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: local.requestQueueUrl,
        AttributeNames: ['RedrivePolicy'],
      })
    );
    const { Table } = await local.dynamodb.client.send(
      new DescribeTableCommand({ TableName: local.env.RELAY_TABLE_NAME })
    );
    backup.destroy();
    sns.destroy();
    sqs.destroy();

    // Assert
    expect(local.env).toEqual({
      AWS_ENDPOINT_URL_BACKUP: local.backup.url,
      AWS_ENDPOINT_URL_SNS: local.sns.url,
      AWS_ENDPOINT_URL_SQS: local.sqs.url,
      AWS_ENDPOINT_URL_EVENTBRIDGE: local.events.url,
      AWS_ENDPOINT_URL_SFN: local.stepFunctions.url,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      RELAY_TABLE_NAME: local.tableName,
      RELAY_TOPIC_ARN:
        'arn:aws:sns:eu-west-1:111122223333:restore-relay-notifications',
      RELAY_DLQ_URL: `${local.sqs.url}/111122223333/restore-relay-dlq`,
    });
    expect(local.tableName).toMatch(/^restore-relay-[a-z0-9]+-[0-9a-f]{6}$/);
    expect(point.ResourceType).toBe('EC2');
    expect(local.sns.messages()).toMatchObject([{ Message: 'hi' }]);
    expect(local.dlqUrl).toBe(local.env.RELAY_DLQ_URL);
    expect(local.requestQueueUrl).toBe(
      `${local.sqs.url}/111122223333/restore-relay-requests`
    );
    expect(local.sqs.messages(local.dlqUrl)).toMatchObject([
      { body: 'refused' },
    ]);
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn:
        'arn:aws:sqs:eu-west-1:111122223333:restore-relay-dlq',
      maxReceiveCount: 5,
    });
    expect(Table?.TableStatus).toBe('ACTIVE');
  });
});
