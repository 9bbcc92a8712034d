/**
 * The CPU baseline: the AWS calls restore-relay makes for one SQS record,
 * made directly with the SDK and nothing else (no validation, policy,
 * metadata building, idempotency library, logging or batch processing).
 * Run in its own environment, like the real handler, with the same
 * endpoints; the benchmark checks that both make the same calls.
 */
import {
  BackupClient,
  DescribeRecoveryPointCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListRecoveryPointsByResourceCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import {
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

const settings = {
  maxAttempts: 3,
  requestHandler: { requestTimeout: 5_000, connectionTimeout: 1_000 },
};
const backup = new BackupClient(settings);
const dynamodb = new DynamoDBClient(settings);
const sns = new SNSClient(settings);
const table = process.env.RELAY_TABLE_NAME ?? '';
const roleArn = 'arn:aws:iam::111122223333:role/restore-default';

interface Request {
  readonly requestId: string;
  readonly recoveryPointArn?: string;
  readonly backupVaultName?: string;
  readonly resourceArn?: string;
}

const one = async (request: Request): Promise<void> => {
  const key = `bench#${request.requestId}`;
  await dynamodb.send(
    new PutItemCommand({
      TableName: table,
      Item: {
        id: { S: key },
        status: { S: 'INPROGRESS' },
        expiration: { N: String(Math.floor(Date.now() / 1000) + 3600) },
      },
      ConditionExpression: 'attribute_not_exists(#id)',
      ExpressionAttributeNames: { '#id': 'id' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    })
  );
  let pointArn = request.recoveryPointArn ?? '';
  let vault = request.backupVaultName ?? '';
  if (request.recoveryPointArn === undefined) {
    const listed = await backup.send(
      new ListRecoveryPointsByResourceCommand({
        ResourceArn: request.resourceArn,
      })
    );
    const point = listed.RecoveryPoints?.[0];
    pointArn = point?.RecoveryPointArn ?? '';
    vault = point?.BackupVaultName ?? '';
  } else {
    await backup.send(
      new DescribeRecoveryPointCommand({
        BackupVaultName: vault,
        RecoveryPointArn: pointArn,
      })
    );
  }
  const saved = await backup.send(
    new GetRecoveryPointRestoreMetadataCommand({
      BackupVaultName: vault,
      RecoveryPointArn: pointArn,
    })
  );
  const started = await backup.send(
    new StartRestoreJobCommand({
      RecoveryPointArn: pointArn,
      IamRoleArn: roleArn,
      Metadata: Object.fromEntries(
        Object.entries(saved.RestoreMetadata ?? {}).filter(
          (e): e is [string, string] => typeof e[1] === 'string'
        )
      ),
      IdempotencyToken: key,
      ResourceType: saved.ResourceType,
    })
  );
  const job = `job#${started.RestoreJobId}`;
  await dynamodb.send(
    new PutItemCommand({
      TableName: table,
      Item: { id: { S: job }, requestId: { S: request.requestId } },
      ConditionExpression: 'attribute_not_exists(#id)',
      ExpressionAttributeNames: { '#id': 'id' },
    })
  );
  await sns.send(
    new PublishCommand({
      TopicArn: process.env.RELAY_TOPIC_ARN,
      Message: JSON.stringify({
        type: 'restore.started',
        requestId: request.requestId,
        restoreJobId: started.RestoreJobId,
      }),
    })
  );
  await dynamodb.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { id: { S: key } },
      UpdateExpression: 'SET #s = :s, #d = :d',
      ExpressionAttributeNames: { '#s': 'status', '#d': 'data' },
      ExpressionAttributeValues: {
        ':s': { S: 'COMPLETED' },
        ':d': { S: JSON.stringify({ restoreJobId: started.RestoreJobId }) },
      },
    })
  );
};

/** Makes each record's calls, all records at once (as the relay may). */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  await Promise.all(
    event.Records.map((r) => one(JSON.parse(r.body) as Request))
  );
  return { batchItemFailures: [] };
};
