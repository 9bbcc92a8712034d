import { describe, expect, it } from 'vitest';
import { alarmCoolDownId } from '#shared/adapters/dynamodb-alarm-cool-down';
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
import { tableItems, useLocalAws } from '#test/support/local/use-local-aws';
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
  {
    alarmName: 'orders-db-acts-when-suppressed',
    ignoreSuppressed: false,
    request: { resourceArn: ORDERS_DB, restoreRole: 'databases' },
  },
  {
    alarmName: 'orders-db-acts-when-muted',
    ignoreMuted: false,
    request: { resourceArn: ORDERS_DB, restoreRole: 'databases' },
  },
  {
    alarmName: 'orders-db-flaps-without-cool-down',
    coolDownMinutes: 0,
    request: { resourceArn: ORDERS_DB, restoreRole: 'databases' },
  },
  {
    alarmName: 'orders-db-flaps-with-short-cool-down',
    coolDownMinutes: 10,
    request: { resourceArn: ORDERS_DB, restoreRole: 'databases' },
  },
  {
    alarmName: 'orders-db-without-backups',
    request: {
      resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:never-backed-up',
      restoreRole: 'databases',
    },
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

const alarmArnOf = (alarmName: string): string =>
  `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${alarmName}`;

/** The alarm's cool-down claims in the relay table, under any rule. */
const coolDownClaimsOf = async (alarmName: string) =>
  (await tableItems(local())).filter(
    (item) =>
      item.id?.S?.startsWith('alarm-cool-down#') === true &&
      item.alarmArn?.S === alarmArnOf(alarmName)
  );

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

  it('counts the alarm source as its own source', async () => {
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

describe('event-restore: suppressed and muted alarms', () => {
  const stateTimestamp = '2026-11-20T04:16:10.447+0000';
  const muteDetail = {
    mutedByArn:
      'arn:aws:cloudwatch:eu-west-1:111122223333:alarm-mute-rule:orders-db-maintenance',
    muteWindowStart: '2026-11-20T04:00:00.000+0000',
    muteWindowEnd: '2026-11-20T05:00:00.000+0000',
  };

  it.each([
    [
      'suppressed',
      { alarmName: 'orders-db-unhealthy', actionsSuppressedBy: 'WaitPeriod' },
    ],
    ['muted', { alarmName: 'orders-db-maintained', muteDetail }],
  ] as const)(
    'a %s transition into ALARM starts nothing and is counted',
    async (reason, options) => {
      // Arrange
      const event = alarmEvent({ ...options, stateTimestamp });

      // Act
      const result = await invoke(event);

      // Assert
      expect(result).toEqual({ status: 'ignored' });
      expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(0);
      expect(local().backup.calls).toHaveLength(0);
      expect(notifications(local())).toEqual([]);
      expect(deadLetters(local())).toEqual([]);
      expect(emitted()).toEqual([
        {
          name: 'AlarmTransitionIgnored',
          dimensions: { service: 'restore-relay', source: 'alarm', reason },
        },
      ]);
      // The cool-down is claimed only for a transition the rule acts on.
      expect(await coolDownClaimsOf(options.alarmName)).toEqual([]);
    }
  );

  it.each([
    ['an alarm without a rule', { alarmName: 'checkout-5xx' }],
    [
      'ALARM → ALARM',
      {
        alarmName: 'orders-db-still-failing',
        value: 'ALARM',
        previousValue: 'ALARM',
      },
    ],
  ] as const)('%s claims no cool-down', async (_, options) => {
    // Act
    const result = await invoke(alarmEvent({ ...options, stateTimestamp }));

    // Assert
    expect(result).toEqual({ status: 'ignored' });
    expect(await coolDownClaimsOf(options.alarmName)).toEqual([]);
    expect(emitted()).toEqual([]);
  });

  it('a transition muted by a window that has ended starts its restore', async () => {
    // Arrange
    const event = alarmEvent({
      alarmName: 'orders-db-was-maintained',
      stateTimestamp,
      muteDetail: { ...muteDetail, muteWindowEnd: '2026-11-20T04:10:00Z' },
    });

    // Act
    const result = await invoke(event);

    // Assert
    expect(result).toMatchObject({ status: 'started' });
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
  });

  it.each([
    [
      'ignoreSuppressed: false',
      {
        alarmName: 'orders-db-acts-when-suppressed',
        actionsSuppressedBy: 'Alarm',
      },
    ],
    [
      'ignoreMuted: false',
      { alarmName: 'orders-db-acts-when-muted', muteDetail },
    ],
  ] as const)(
    'with %s the transition starts its restore',
    async (_, options) => {
      // Arrange
      const event = alarmEvent({ ...options, stateTimestamp });

      // Act
      const result = await invoke(event);

      // Assert
      expect(result).toMatchObject({ status: 'started' });
      expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
      expect(notificationsOfType(local(), 'restore.started')).toEqual([
        expect.objectContaining({ source: 'alarm' }),
      ]);
      expect(emitted().map((m) => m.name)).not.toContain(
        'AlarmTransitionIgnored'
      );
    }
  );
});

describe('event-restore: cool-down of a flapping alarm', () => {
  const at = (minutes: number): string =>
    new Date(Date.parse('2026-11-20T04:16:10.447Z') + minutes * 60_000)
      .toISOString()
      .replace('Z', '+0000');

  /** The alarm goes OK → ALARM at each of the minutes after t. */
  const flaps = async (alarmName: string, ...minutes: number[]) => {
    const results = [];
    for (const minute of minutes) {
      results.push(
        await invoke(alarmEvent({ alarmName, stateTimestamp: at(minute) }))
      );
    }
    return results;
  };

  it('two flaps 5 minutes apart start one restore with the default cool-down', async () => {
    // Act
    const [first, second] = await flaps('orders-db-flapping', 0, 5);

    // Assert
    expect(first).toMatchObject({ status: 'started' });
    expect(second).toEqual({ status: 'ignored' });
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
    expect(notificationsOfType(local(), 'restore.started')).toHaveLength(1);
    expect(emitted()).toEqual(
      expect.arrayContaining([
        {
          name: 'AlarmTransitionIgnored',
          dimensions: {
            service: 'restore-relay',
            source: 'alarm',
            reason: 'coolDown',
          },
        },
      ])
    );
    expect(await coolDownClaimsOf('orders-db-flapping')).toEqual([
      expect.objectContaining({
        id: {
          S: alarmCoolDownId(
            'prefix:orders-db-',
            alarmArnOf('orders-db-flapping')
          ),
        },
        stateTimestamp: { S: '2026-11-20T04:16:10.447Z' },
      }),
    ]);
  });

  it('two flaps start two restores with coolDownMinutes: 0, and claim nothing', async () => {
    // Act
    const results = await flaps('orders-db-flaps-without-cool-down', 0, 5);

    // Assert
    expect(results).toEqual([
      expect.objectContaining({ status: 'started' }),
      expect.objectContaining({ status: 'started' }),
    ]);
    expect(local().backup.jobs()).toHaveLength(2);
    expect(await coolDownClaimsOf('orders-db-flaps-without-cool-down')).toEqual(
      []
    );
  });

  it('a flap after the cool-down ended starts the next restore', async () => {
    // Act: coolDownMinutes 10; ignored at +5, started at +10 and +25.
    const results = await flaps(
      'orders-db-flaps-with-short-cool-down',
      0,
      5,
      10,
      15,
      25
    );

    // Assert
    expect(results.map((r) => r.status)).toEqual([
      'started',
      'ignored',
      'started',
      'ignored',
      'started',
    ]);
    expect(local().backup.jobs()).toHaveLength(3);
  });

  it('a redelivered identical transition replays its restore, not a cool-down', async () => {
    // Arrange
    const alarmName = 'orders-db-redelivered';
    await invoke(alarmEvent({ alarmName, stateTimestamp: at(0) }));

    // Act: the same transition again, as a new delivery.
    const again = await invoke(
      alarmEvent({ alarmName, stateTimestamp: at(0) })
    );

    // Assert
    expect(again).toMatchObject({
      status: 'replayed',
      requestId: alarmRequestKey(alarmArnOf(alarmName), new Date(at(0))),
    });
    expect(local().backup.jobs()).toHaveLength(1);
    expect(emitted().map((m) => m.name)).not.toContain(
      'AlarmTransitionIgnored'
    );
  });

  it('a transition that failed after its claim starts its one restore when it is redelivered', async () => {
    // Arrange: the first delivery claims the cool-down, then AWS Backup
    // throttles it and Lambda will retry it.
    const alarmName = 'orders-db-throttled';
    const event = alarmEvent({ alarmName, stateTimestamp: at(0) });
    throttleStartRestoreJob(local());
    const failure = await invoke(event).catch((error: unknown) => error);

    // Act
    const retried = await invoke(event);
    const flap = await invoke(alarmEvent({ alarmName, stateTimestamp: at(5) }));

    // Assert
    expect(failure).toMatchObject({ code: 'RestoreThrottled' });
    expect(retried).toMatchObject({ status: 'started' });
    expect(flap).toEqual({ status: 'ignored' });
    expect(local().backup.jobs()).toHaveLength(1);
  });

  it('the cool-down holds after the restore was rejected', async () => {
    // Act: the template's database has no recovery point.
    const [first, second] = await flaps('orders-db-without-backups', 0, 5);

    // Assert
    expect(first).toEqual({
      status: 'rejected',
      errorCode: 'RecoveryPointNotFound',
    });
    expect(second).toEqual({ status: 'ignored' });
    expect(notificationsOfType(local(), 'restore.rejected')).toHaveLength(1);
    expect(deadLetters(local())).toHaveLength(1);
  });
});
