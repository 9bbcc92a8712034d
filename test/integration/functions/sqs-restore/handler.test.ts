import type { SQSBatchResponse } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  deadLetters,
  jobRecord,
  kmsThrottlePublish,
  notificationsOfType,
  throttleStartRestoreJob,
  useCapturedMetrics,
} from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import { sqsEvent, sqsRecord } from '#test/support/lambda-events';
import { tableItems, useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { seedPointArn } from '#test/support/seed-points';
import { handler } from '../../../../functions/sqs-restore/handler.js';

const local = useLocalAws({
  ...RELAY_ENV,
  AWS_SDK_MAX_ATTEMPTS: '2',
  RECORD_CONCURRENCY: '3',
});

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';
const ORDERS_DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';

const efs = (requestId: string, extra: object = {}) => ({
  requestId,
  recoveryPointArn: EFS_RP,
  backupVaultName: 'prod-primary',
  ...extra,
});

const invoke = (event: ReturnType<typeof sqsEvent>) =>
  handler(event, lambdaContext()) as Promise<SQSBatchResponse>;

const emitted = useCapturedMetrics();

describe('sqs-restore on the local AWS', () => {
  it('a mixed batch: starts the valid request once, rejects and keeps the rest, fails nothing', async () => {
    // Arrange
    const valid = sqsRecord(efs('sqs-mixed-1'), { messageId: 'm-valid' });
    const duplicate = sqsRecord(efs('sqs-mixed-1'), { messageId: 'm-dup' });
    const unknownField = sqsRecord(
      efs('sqs-mixed-2', { IamRoleArn: 'arn:aws:iam::111122223333:role/x' }),
      { messageId: 'm-invalid' }
    );
    const notJson = sqsRecord('restore fs-0123 please', {
      messageId: 'm-text',
    });
    const wrongVault = sqsRecord(
      { ...efs('sqs-mixed-3'), backupVaultName: 'not-allowed' },
      { messageId: 'm-policy' }
    );

    // Act
    const response = await invoke(
      sqsEvent(valid, duplicate, unknownField, notJson, wrongVault)
    );

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
    const started = notificationsOfType(local(), 'restore.started');
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      requestId: 'sqs-mixed-1',
      source: 'sqs',
      restoreJobId: local().backup.jobs()[0]?.restoreJobId,
    });
    const rejected = notificationsOfType(local(), 'restore.rejected');
    expect(
      rejected
        .map((n) => [n.messageId, n.reason.code])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    ).toEqual([
      ['m-invalid', 'RestoreRequestInvalid'],
      ['m-policy', 'PolicyViolation'],
      ['m-text', 'RestoreRequestInvalid'],
    ]);
    const invalid = rejected.find((n) => n.messageId === 'm-invalid');
    expect(invalid?.reason.problems).toEqual([
      {
        path: 'IamRoleArn',
        message: expect.stringContaining('unknown field'),
      },
    ]);
    expect(invalid?.original).toBe(unknownField.body);
    const kept = deadLetters(local());
    expect(kept.map((l) => l.attributes.messageId).sort()).toEqual([
      'm-invalid',
      'm-policy',
      'm-text',
    ]);
    const keptText = kept.find((l) => l.attributes.messageId === 'm-text');
    expect(keptText).toMatchObject({
      body: 'restore fs-0123 please',
      attributes: { errorCode: 'RestoreRequestInvalid', source: 'sqs' },
    });
  });

  it('two records with the same request in one batch never race: one job, both succeed', async () => {
    // Arrange
    const records = ['a', 'b', 'c'].map((id) =>
      sqsRecord(efs('sqs-same-key'), { messageId: `same-${id}` })
    );

    // Act
    const response = await invoke(sqsEvent(...records));

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
    expect(notificationsOfType(local(), 'restore.started')).toHaveLength(1);
    expect(deadLetters(local())).toEqual([]);
    const names = emitted().map((m) => m.name);
    expect(names.filter((n) => n === 'RestoreStarted')).toHaveLength(1);
    expect(names.filter((n) => n === 'RestoreReplayed')).toHaveLength(2);
  });

  it('a redelivered batch starts nothing new and is answered from the record', async () => {
    // Arrange
    const event = sqsEvent(sqsRecord(efs('sqs-redelivered')));
    await invoke(event);

    // Act
    const response = await invoke(event);

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
    expect(local().backup.jobs()).toHaveLength(1);
    expect(notificationsOfType(local(), 'restore.started')).toHaveLength(1);
  });

  it('a throttled restore goes back to the queue as a batch item failure, not to the dead-letter queue', async () => {
    // Arrange
    throttleStartRestoreJob(local());
    const throttled = sqsRecord(efs('sqs-throttled'), { messageId: 'm-thr' });
    const invalid = sqsRecord({ nope: true }, { messageId: 'm-bad' });

    // Act
    const response = await invoke(sqsEvent(throttled, invalid));
    const retry = await invoke(sqsEvent(throttled));

    // Assert
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-thr' }],
    });
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(local().backup.jobs()).toHaveLength(1);
    expect(deadLetters(local()).map((l) => l.attributes.messageId)).toEqual([
      'm-bad',
    ]);
    expect(
      notificationsOfType(local(), 'restore.rejected').map((n) => n.messageId)
    ).toEqual(['m-bad']);
  });

  it('SNS KMS throttling right after the start retries the record: no rejection, no dead letter, one job announced on the retry', async () => {
    // Arrange: a replayed request in the same batch makes no SNS call, so
    // the batch answers with item failures.
    const done = sqsRecord(efs('sqs-kms-done'), { messageId: 'm-done' });
    await invoke(sqsEvent(done));
    kmsThrottlePublish(local());
    const record = sqsRecord(efs('sqs-kms-throttled'), { messageId: 'm-kms' });

    // Act
    const first = await invoke(sqsEvent(record, done));
    const retry = await invoke(sqsEvent(record));

    // Assert
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-kms' }] });
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(
      local()
        .sns.calls.map((c) => c.outcome)
        .filter((o) => o.kind === 'error')
    ).toEqual([
      expect.objectContaining({ errorCode: 'KMSThrottling', source: 'fault' }),
    ]);
    const starts = local()
      .backup.callsTo('StartRestoreJob')
      .map((c) => c.input.IdempotencyToken);
    expect(starts).toHaveLength(3);
    expect(new Set(starts).size).toBe(2);
    expect(local().backup.jobs()).toHaveLength(2);
    expect(notificationsOfType(local(), 'restore.rejected')).toEqual([]);
    expect(deadLetters(local())).toEqual([]);
    const started = notificationsOfType(local(), 'restore.started').filter(
      (n) => n.requestId === 'sqs-kms-throttled'
    );
    expect(started).toHaveLength(1);
    expect(started[0]?.restoreJobId).toBe(
      local()
        .backup.jobs()
        .find((j) => j.idempotencyToken === starts[1])?.restoreJobId
    );
  });

  it('latest is chosen as of the message SentTimestamp, so a redelivery picks the same point', async () => {
    // Arrange: sent on 2026-11-20 at 03:00Z; orders-db is backed up daily
    // at 02:00Z, up to 2026-11-26.
    const record = sqsRecord(
      { requestId: 'sqs-as-of', resourceArn: ORDERS_DB },
      { sentTimestamp: Date.parse('2026-11-20T03:00:00Z') }
    );

    // Act
    const response = await invoke(sqsEvent(record));

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    const [call] = local().backup.callsTo('StartRestoreJob');
    expect(call?.input.RecoveryPointArn).toBe(
      seedPointArn(ORDERS_DB, '2026-11-20T02:00:00Z')
    );
  });

  it('emits RestoreRequested, RestoreStarted and RestoreRejected with source and resource type', async () => {
    // Act
    await invoke(
      sqsEvent(
        sqsRecord(efs('sqs-metrics')),
        sqsRecord({ requestId: 'sqs-metrics-bad' })
      )
    );

    // Assert
    const metrics = emitted().filter((m) => m.name !== 'ColdStart');
    expect(metrics).toEqual(
      expect.arrayContaining([
        {
          name: 'RestoreRequested',
          dimensions: {
            service: 'restore-relay',
            source: 'sqs',
            resourceType: 'EFS',
          },
        },
        {
          name: 'RestoreStarted',
          dimensions: {
            service: 'restore-relay',
            source: 'sqs',
            resourceType: 'EFS',
          },
        },
        {
          name: 'RestoreRequested',
          dimensions: {
            service: 'restore-relay',
            source: 'sqs',
            resourceType: 'Unknown',
          },
        },
        {
          name: 'RestoreRejected',
          dimensions: {
            service: 'restore-relay',
            source: 'sqs',
            resourceType: 'Unknown',
          },
        },
      ])
    );
  });

  it('an invalid request writes nothing to DynamoDB and calls no Backup API', async () => {
    // Act
    const response = await invoke(
      sqsEvent(sqsRecord(efs('sqs-nothing', { metadata: 'not-a-map' })))
    );

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(local().backup.calls).toHaveLength(0);
    expect(
      (await tableItems(local())).filter((i) =>
        JSON.stringify(i).includes('sqs-nothing')
      )
    ).toEqual([]);
    expect(deadLetters(local())).toHaveLength(1);
  });

  it('names the sender SQS reports in restore.started, the job record, restore.rejected and the dead letter', async () => {
    // Arrange: the SenderId of the sample record (docs/events.md#sqs-sample).
    const requestedBy = {
      via: 'sqs',
      senderId: 'AROAEXAMPLEROLEID:request-producer',
    };
    const valid = sqsRecord(efs('sqs-sender'), { messageId: 'm-sender' });
    const invalid = sqsRecord(
      { requestId: 'sqs-sender-bad', context: { senderId: 'AIDAFORGED' } },
      { messageId: 'm-sender-bad' }
    );

    // Act
    const response = await invoke(sqsEvent(valid, invalid));

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    const [started] = notificationsOfType(local(), 'restore.started');
    expect(started).toMatchObject({ requestId: 'sqs-sender', requestedBy });
    expect(await jobRecord(local(), started?.restoreJobId ?? '')).toMatchObject(
      { requestId: 'sqs-sender', source: 'sqs', requestedBy }
    );
    expect(notificationsOfType(local(), 'restore.rejected')).toEqual([
      expect.objectContaining({ messageId: 'm-sender-bad', requestedBy }),
    ]);
    const [kept] = deadLetters(local());
    expect(JSON.parse(kept?.attributes.requestedBy ?? '')).toEqual(requestedBy);
  });
});
