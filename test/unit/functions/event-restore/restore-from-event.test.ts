import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import {
  AwsRequestRejectedError,
  DependencyFailureError,
} from '#shared/errors/errors';
import { InMemoryAlarmCoolDown } from '#test/support/fakes/in-memory-alarm-cool-down';
import { InMemoryCatalog } from '#test/support/fakes/in-memory-catalog';
import { inMemoryDeps } from '#test/support/fakes/in-memory-deps';
import { alarmEvent } from '#test/support/lambda-events';
import { RELAY_ENV } from '#test/support/relay-env';
import { EventRestoreConfigSchema } from '../../../../functions/event-restore/config.js';
import { restoreFromEvent } from '../../../../functions/event-restore/restore-from-event.js';

const ORDERS_DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const STATE_TIMESTAMP = '2026-03-01T04:16:10.447+0000';
const T = new Date('2026-03-01T04:16:10.447Z');

const ALARM_RULES = [
  {
    alarmNamePrefix: 'orders-db-',
    request: {
      resourceArn: ORDERS_DB,
      metadata: { DBInstanceIdentifier: 'secret-name' },
    },
  },
  {
    alarmName: 'orders-db-flapping',
    coolDownMinutes: 15,
    request: { resourceArn: ORDERS_DB },
  },
  {
    alarmName: 'orders-db-no-cool-down',
    coolDownMinutes: 0,
    request: { resourceArn: ORDERS_DB },
  },
];

const setup = () => {
  const { eventSources, alarmRules } = parseConfig(EventRestoreConfigSchema, {
    ...RELAY_ENV,
    ALARM_RULES: JSON.stringify(ALARM_RULES),
  });
  const deps = {
    ...inMemoryDeps(new InMemoryCatalog([])),
    alarmCoolDown: new InMemoryAlarmCoolDown(),
    eventSources,
    alarmRules,
  };
  return deps;
};

const arnOf = (alarmName: string): string =>
  `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${alarmName}`;

describe('restoreFromEvent: the alarm source', () => {
  it.each([
    ['suppressed', { actionsSuppressedBy: 'WaitPeriod' }],
    ['muted', { muteDetail: {} }],
  ] as const)(
    'checks a %s transition before it claims the cool-down, and claims nothing',
    async (reason, options) => {
      // Arrange
      const deps = setup();
      const event = alarmEvent({
        alarmName: 'orders-db-unhealthy',
        stateTimestamp: STATE_TIMESTAMP,
        ...options,
      });

      // Act
      const outcome = await restoreFromEvent(event, deps);

      // Assert
      expect(outcome).toEqual({ status: 'ignored' });
      expect(deps.alarmCoolDown.claims).toEqual([]);
      expect(deps.catalog.calls).toEqual([]);
      expect(deps.metrics.counts).toEqual([
        {
          name: 'AlarmTransitionIgnored',
          dimensions: { source: 'alarm', reason },
        },
      ]);
      // The reason, the alarm and the event; never the template's values.
      expect(deps.log.lines).toEqual([
        {
          level: 'debug',
          message: expect.stringContaining(`CloudWatch ${reason} its actions`),
          attributes: {
            reason,
            alarmName: 'orders-db-unhealthy',
            eventId: event.id,
          },
        },
      ]);
    }
  );

  it('claims the cool-down of the matching rule, from the state timestamp on', async () => {
    // Arrange
    const deps = setup();

    // Act
    await restoreFromEvent(
      alarmEvent({
        alarmName: 'orders-db-latency',
        stateTimestamp: STATE_TIMESTAMP,
      }),
      deps
    );
    await restoreFromEvent(
      alarmEvent({
        alarmName: 'orders-db-flapping',
        stateTimestamp: STATE_TIMESTAMP,
      }),
      deps
    );

    // Assert
    expect(deps.alarmCoolDown.claims).toEqual([
      {
        ruleKey: 'prefix:orders-db-',
        alarmArn: arnOf('orders-db-latency'),
        stateTimestamp: T,
        until: new Date(T.getTime() + 60 * 60_000),
      },
      {
        ruleKey: 'name:orders-db-flapping',
        alarmArn: arnOf('orders-db-flapping'),
        stateTimestamp: T,
        until: new Date(T.getTime() + 15 * 60_000),
      },
    ]);
  });

  it('ignores a flap inside the cool-down before any AWS Backup call', async () => {
    // Arrange
    const deps = setup();
    const first = alarmEvent({
      alarmName: 'orders-db-flapping',
      stateTimestamp: STATE_TIMESTAMP,
    });
    const flap = alarmEvent({
      alarmName: 'orders-db-flapping',
      stateTimestamp: '2026-03-01T04:21:10.447+0000',
    });
    await restoreFromEvent(first, deps);
    const callsBefore = deps.catalog.calls.length;

    // Act
    const outcome = await restoreFromEvent(flap, deps);

    // Assert
    expect(outcome).toEqual({ status: 'ignored' });
    expect(deps.catalog.calls).toHaveLength(callsBefore);
    expect(deps.metrics.counts).toContainEqual({
      name: 'AlarmTransitionIgnored',
      dimensions: { source: 'alarm', reason: 'coolDown' },
    });
    expect(deps.log.lines).toContainEqual({
      level: 'debug',
      message: expect.stringContaining('cooling down'),
      attributes: {
        reason: 'coolDown',
        alarmName: 'orders-db-flapping',
        eventId: flap.id,
      },
    });
  });

  it('lets a redelivery of the holding transition through to the request key', async () => {
    // Arrange
    const deps = setup();
    const event = alarmEvent({
      alarmName: 'orders-db-flapping',
      stateTimestamp: STATE_TIMESTAMP,
    });
    await restoreFromEvent(event, deps);
    const callsBefore = deps.catalog.calls.length;

    // Act
    const outcome = await restoreFromEvent(event, deps);

    // Assert
    expect(outcome.status).not.toBe('ignored');
    expect(deps.catalog.calls.length).toBeGreaterThan(callsBefore);
  });

  it('claims nothing for a rule with coolDownMinutes 0', async () => {
    // Arrange
    const deps = setup();

    // Act
    await restoreFromEvent(
      alarmEvent({
        alarmName: 'orders-db-no-cool-down',
        stateTimestamp: STATE_TIMESTAMP,
      }),
      deps
    );

    // Assert
    expect(deps.alarmCoolDown.claims).toEqual([]);
  });

  it('rejects and keeps the event when the store fails for good', async () => {
    // Arrange
    const deps = setup();
    deps.alarmCoolDown.failWith = new AwsRequestRejectedError(
      'DynamoDB PutItem (alarm cool-down) was rejected by AWS (AccessDeniedException)'
    );
    const event = alarmEvent({
      alarmName: 'orders-db-latency',
      stateTimestamp: STATE_TIMESTAMP,
    });

    // Act
    const outcome = await restoreFromEvent(event, deps);

    // Assert
    expect(outcome).toMatchObject({
      status: 'rejected',
      error: { code: 'AwsRequestRejected' },
    });
    expect(deps.catalog.calls).toEqual([]);
    expect(deps.deadLetters.letters).toHaveLength(1);
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        type: 'restore.rejected',
        source: 'alarm',
        eventId: event.id,
      }),
    ]);
  });

  it('throws a retryable failure of the store, so Lambda retries the event', async () => {
    // Arrange
    const deps = setup();
    const failure = new DependencyFailureError(
      'DynamoDB PutItem failed; retry later'
    );
    deps.alarmCoolDown.failWith = failure;

    // Act
    const act = restoreFromEvent(
      alarmEvent({
        alarmName: 'orders-db-latency',
        stateTimestamp: STATE_TIMESTAMP,
      }),
      deps
    );

    // Assert
    await expect(act).rejects.toBe(failure);
    expect(deps.deadLetters.letters).toEqual([]);
    expect(deps.notifier.published).toEqual([]);
  });
});
