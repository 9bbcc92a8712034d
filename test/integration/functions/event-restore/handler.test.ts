import { describe, expect, it } from 'vitest';
import { alarmRequestKey } from '#shared/events/alarm-restore-request';
import {
  deadLetters,
  jobRecord,
  notifications,
  notificationsOfType,
  throttleStartRestoreJob,
  useCapturedMetrics,
} from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import { alarmEvent, restoreRequestedEvent } from '#test/support/lambda-events';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { seedPointArn } from '#test/support/seed-points';
import { handler } from '../../../../functions/event-restore/handler.js';

const ORDERS_DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

const ALARM_RULES = [
  {
    alarmNamePrefix: 'orders-db-',
    beforeAlarm: true,
    request: {
      resourceArn: ORDERS_DB,
      restoreRole: 'databases',
      context: { runbook: 'RB-7' },
    },
  },
  {
    alarmName: 'orders-db-bad-writes',
    beforeAlarm: true,
    marginMinutes: 24 * 60,
    request: { resourceArn: ORDERS_DB, restoreRole: 'databases' },
  },
];

const local = useLocalAws({
  ...RELAY_ENV,
  AWS_SDK_MAX_ATTEMPTS: '2',
  ALARM_RULES: JSON.stringify(ALARM_RULES),
  RELAY_EVENT_SOURCES: 'restore-relay,com.example.ops',
});

const invoke = (event: unknown) => handler(event, lambdaContext());

const emitted = useCapturedMetrics();

describe('event-restore: "Restore Requested" events', () => {
  it('starts the restore in the detail and publishes restore.started', async () => {
    // Arrange
    const event = restoreRequestedEvent(
      {
        requestId: 'eb-1',
        recoveryPointArn: EFS_RP,
        backupVaultName: 'prod-primary',
      },
      { source: 'com.example.ops' }
    );

    // Act
    const result = await invoke(event);

    // Assert
    const [job] = local().backup.jobs();
    expect(result).toEqual({
      status: 'started',
      requestId: 'eb-1',
      restoreJobId: job?.restoreJobId,
    });
    expect(notificationsOfType(local(), 'restore.started')).toEqual([
      expect.objectContaining({ requestId: 'eb-1', source: 'eventbridge' }),
    ]);
  });

  it('rejects an event from a source the deployment does not allow, and keeps it', async () => {
    // Arrange
    const event = restoreRequestedEvent(
      {
        requestId: 'eb-2',
        recoveryPointArn: EFS_RP,
        backupVaultName: 'prod-primary',
      },
      { source: 'someone.else' }
    );

    // Act
    const result = await invoke(event);

    // Assert
    expect(result).toEqual({
      status: 'rejected',
      errorCode: 'PolicyViolation',
    });
    expect(local().backup.calls).toHaveLength(0);
    const [rejected] = notificationsOfType(local(), 'restore.rejected');
    expect(rejected).toMatchObject({
      source: 'eventbridge',
      eventId: event.id,
      reason: {
        code: 'PolicyViolation',
        problems: [
          {
            path: 'source',
            message: expect.stringContaining(
              'allowed sources: restore-relay, com.example.ops'
            ),
          },
        ],
      },
    });
    expect(deadLetters(local())).toEqual([
      {
        body: JSON.stringify(event),
        attributes: expect.objectContaining({
          errorCode: 'PolicyViolation',
          eventId: event.id,
          source: 'eventbridge',
        }),
      },
    ]);
  });

  it("names the event's account and source in restore.started and the job record", async () => {
    // Arrange
    const event = restoreRequestedEvent(
      {
        requestId: 'eb-sender',
        recoveryPointArn: EFS_RP,
        backupVaultName: 'prod-primary',
      },
      { source: 'com.example.ops' }
    );
    const requestedBy = {
      via: 'eventbridge',
      account: '111122223333',
      source: 'com.example.ops',
    };

    // Act
    await invoke(event);

    // Assert
    const [started] = notificationsOfType(local(), 'restore.started');
    expect(started).toMatchObject({ requestId: 'eb-sender', requestedBy });
    expect(await jobRecord(local(), started?.restoreJobId ?? '')).toMatchObject(
      { source: 'eventbridge', requestedBy }
    );
  });

  it('names the refused sender in restore.rejected and on the dead letter', async () => {
    // Arrange: a producer in another account, on a source not allowed.
    const event = restoreRequestedEvent(
      { requestId: 'eb-intruder', resourceArn: ORDERS_DB },
      { source: 'intruder.app', account: '444455556666' }
    );
    const requestedBy = {
      via: 'eventbridge',
      account: '444455556666',
      source: 'intruder.app',
    };

    // Act
    await invoke(event);

    // Assert
    expect(notificationsOfType(local(), 'restore.rejected')).toEqual([
      expect.objectContaining({
        eventId: event.id,
        reason: expect.objectContaining({ code: 'PolicyViolation' }),
        requestedBy,
      }),
    ]);
    const [kept] = deadLetters(local());
    expect(JSON.parse(kept?.attributes.requestedBy ?? '')).toEqual(requestedBy);
  });

  it('rejects an invalid detail with every problem and its path', async () => {
    // Arrange
    const event = restoreRequestedEvent({
      requestId: 'eb-3',
      recoveryPointARN: EFS_RP,
    });

    // Act
    const result = await invoke(event);

    // Assert
    expect(result).toEqual({
      status: 'rejected',
      errorCode: 'RestoreRequestInvalid',
    });
    const [rejected] = notificationsOfType(local(), 'restore.rejected');
    expect(rejected?.reason.problems).toEqual(
      expect.arrayContaining([
        {
          path: 'recoveryPointARN',
          message: 'unknown field; did you mean "recoveryPointArn"?',
        },
      ])
    );
    expect(local().backup.calls).toHaveLength(0);
  });

  it('rejects an event of a detail-type it does not handle', async () => {
    // Act
    const result = await invoke(
      restoreRequestedEvent({}, { 'detail-type': 'Restore Wanted' })
    );

    // Assert
    expect(result).toEqual({
      status: 'rejected',
      errorCode: 'RestoreRequestInvalid',
    });
    expect(deadLetters(local())).toHaveLength(1);
  });

  it('throws a retryable failure, so Lambda retries and then uses the on-failure destination', async () => {
    // Arrange
    throttleStartRestoreJob(local());

    // Act
    const failure = await invoke(
      restoreRequestedEvent({
        requestId: 'eb-throttled',
        recoveryPointArn: EFS_RP,
        backupVaultName: 'prod-primary',
      })
    ).catch((error: unknown) => error);

    // Assert
    expect(failure).toMatchObject({
      code: 'RestoreThrottled',
      retryable: true,
    });
    expect(deadLetters(local())).toEqual([]);
    expect(notifications(local())).toEqual([]);
  });
});

describe('event-restore: CloudWatch alarms', () => {
  const stateTimestamp = '2026-11-20T04:16:10.447+0000';

  it('OK → ALARM starts one restore of the latest point before the alarm', async () => {
    // Arrange
    const event = alarmEvent({
      alarmName: 'orders-db-connection-failures',
      stateTimestamp,
    });

    // Act
    const result = await invoke(event);

    // Assert
    const requestId = alarmRequestKey(
      'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-connection-failures',
      new Date('2026-11-20T04:16:10.447Z')
    );
    expect(result).toMatchObject({ status: 'started', requestId });
    const calls = local().backup.callsTo('StartRestoreJob');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input.RecoveryPointArn).toBe(
      seedPointArn(ORDERS_DB, '2026-11-20T02:00:00Z')
    );
    expect(calls[0]?.input.IamRoleArn).toBe(
      'arn:aws:iam::111122223333:role/restore-databases'
    );
    expect(notificationsOfType(local(), 'restore.started')).toEqual([
      expect.objectContaining({
        requestId,
        source: 'alarm',
        context: {
          runbook: 'RB-7',
          alarm: {
            name: 'orders-db-connection-failures',
            arn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-connection-failures',
            stateTimestamp: '2026-11-20T04:16:10.447Z',
          },
        },
      }),
    ]);
  });

  it('names the alarm in restore.started and the job record', async () => {
    // Arrange
    const event = alarmEvent({ alarmName: 'orders-db-sender', stateTimestamp });

    // Act
    await invoke(event);

    // Assert
    const requestedBy = {
      via: 'alarm',
      account: '111122223333',
      alarmArn:
        'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-sender',
    };
    const [started] = notificationsOfType(local(), 'restore.started');
    expect(started).toMatchObject({ source: 'alarm', requestedBy });
    expect(await jobRecord(local(), started?.restoreJobId ?? '')).toMatchObject(
      { source: 'alarm', requestedBy }
    );
  });

  it('a repeated delivery of the same transition starts nothing new', async () => {
    // Arrange
    const first = alarmEvent({
      alarmName: 'orders-db-latency',
      stateTimestamp,
    });
    const again = alarmEvent({
      alarmName: 'orders-db-latency',
      stateTimestamp,
    });
    await invoke(first);

    // Act
    const result = await invoke(again);

    // Assert
    expect(result).toMatchObject({ status: 'replayed' });
    expect(local().backup.jobs()).toHaveLength(1);
    expect(notificationsOfType(local(), 'restore.started')).toHaveLength(1);
  });

  it('an exact rule wins over a prefix and its margin goes back further', async () => {
    // Act
    await invoke(
      alarmEvent({ alarmName: 'orders-db-bad-writes', stateTimestamp })
    );

    // Assert: 24 h before 2026-11-20T04:16Z is 11-19T04:16Z.
    const [call] = local().backup.callsTo('StartRestoreJob');
    expect(call?.input.RecoveryPointArn).toBe(
      seedPointArn(ORDERS_DB, '2026-11-19T02:00:00Z')
    );
  });

  it.each([
    ['ALARM → OK', { value: 'OK', previousValue: 'ALARM' }],
    [
      'OK → INSUFFICIENT_DATA',
      { value: 'INSUFFICIENT_DATA', previousValue: 'OK' },
    ],
    ['ALARM → ALARM', { value: 'ALARM', previousValue: 'ALARM' }],
    ['an alarm without a rule', { alarmName: 'checkout-5xx' }],
  ] as const)(
    '%s is ignored: no AWS call, no notification',
    async (_, options) => {
      // Act
      const result = await invoke(
        alarmEvent({ alarmName: 'orders-db-connection-failures', ...options })
      );

      // Assert
      expect(result).toEqual({ status: 'ignored' });
      expect(local().backup.calls).toHaveLength(0);
      expect(notifications(local())).toEqual([]);
      expect(deadLetters(local())).toEqual([]);
    }
  );

  it('counts the alarm door as its own source', async () => {
    // Act
    await invoke(alarmEvent({ alarmName: 'orders-db-cpu', stateTimestamp }));

    // Assert
    expect(emitted()).toEqual(
      expect.arrayContaining([
        {
          name: 'RestoreStarted',
          dimensions: {
            service: 'restore-relay',
            source: 'alarm',
            resourceType: 'RDS',
          },
        },
      ])
    );
  });
});
