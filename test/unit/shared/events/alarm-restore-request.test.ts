import { describe, expect, it } from 'vitest';
import {
  type AlarmTransition,
  alarmRequestKey,
  buildAlarmRequest,
  findAlarmRule,
} from '#shared/events/alarm-restore-request';
import type { AlarmRule } from '#shared/events/alarm-rule';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { readRestoreRequest } from '#shared/events/read-restore-request';

const ORDERS_DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const ALARM_ARN =
  'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-connection-failures';
const STATE_TIMESTAMP = new Date('2026-03-01T04:16:10.447Z');

const rule = (fields: Partial<AlarmRule>): AlarmRule => ({
  beforeAlarm: false,
  marginMinutes: 0,
  ignoreSuppressed: true,
  ignoreMuted: true,
  coolDownMinutes: 60,
  request: { resourceArn: ORDERS_DB },
  ...fields,
});

const transition: AlarmTransition = {
  alarmName: 'orders-db-connection-failures',
  alarmArn: ALARM_ARN,
  stateTimestamp: STATE_TIMESTAMP,
};

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) {
      deepFreeze(inner);
    }
    Object.freeze(value);
  }
  return value;
};

describe('findAlarmRule', () => {
  const broad = rule({ alarmNamePrefix: 'orders-' });
  const narrow = rule({ alarmNamePrefix: 'orders-db-' });
  const exact = rule({ alarmName: 'orders-db-connection-failures' });

  it('prefers an exact name over any prefix, wherever it is listed', () => {
    // Arrange
    const rules = [narrow, broad, exact];

    // Act
    const found = findAlarmRule(rules, 'orders-db-connection-failures');

    // Assert
    expect(found).toBe(exact);
  });

  it.each([
    ['broad first', [broad, narrow]],
    ['narrow first', [narrow, broad]],
  ])('takes the longest matching prefix (%s)', (_order, rules) => {
    // Act
    const found = findAlarmRule(rules, 'orders-db-latency');

    // Assert
    expect(found).toBe(narrow);
  });

  it('falls back to a shorter prefix when the longer one does not match', () => {
    // Arrange
    const rules = [narrow, broad, exact];

    // Act
    const found = findAlarmRule(rules, 'orders-api-errors');

    // Assert
    expect(found).toBe(broad);
  });

  it('returns undefined when no rule matches', () => {
    // Arrange
    const rules = [narrow, broad, exact];

    // Act
    const found = findAlarmRule(rules, 'payments-db-errors');

    // Assert
    expect(found).toBeUndefined();
  });

  it('does not treat an exact name as a prefix', () => {
    // Arrange
    const rules = [exact];

    // Act
    const found = findAlarmRule(rules, 'orders-db-connection-failures-2');

    // Assert
    expect(found).toBeUndefined();
  });

  it('does not reorder the rules it is given', () => {
    // Arrange
    const rules = deepFreeze([broad, narrow]);

    // Act
    const found = findAlarmRule(rules, 'orders-db-latency');

    // Assert
    expect(found).toBe(narrow);
    expect(rules).toEqual([broad, narrow]);
  });
});

describe('alarmRequestKey', () => {
  it('is the same for the same alarm and instant', () => {
    // Act
    const first = alarmRequestKey(ALARM_ARN, STATE_TIMESTAMP);
    const again = alarmRequestKey(
      ALARM_ARN,
      new Date('2026-03-01T04:16:10.447+00:00')
    );

    // Assert
    expect(again).toBe(first);
  });

  it('has the alarm- prefix and 40 hex digits', () => {
    // Act
    const key = alarmRequestKey(ALARM_ARN, STATE_TIMESTAMP);

    // Assert
    expect(key).toMatch(/^alarm-[0-9a-f]{40}$/);
  });

  it('differs for another alarm ARN', () => {
    // Act
    const one = alarmRequestKey(ALARM_ARN, STATE_TIMESTAMP);
    const other = alarmRequestKey(`${ALARM_ARN}-2`, STATE_TIMESTAMP);

    // Assert
    expect(other).not.toBe(one);
  });

  it('differs for another state timestamp, even one millisecond apart', () => {
    // Act
    const one = alarmRequestKey(ALARM_ARN, STATE_TIMESTAMP);
    const other = alarmRequestKey(
      ALARM_ARN,
      new Date(STATE_TIMESTAMP.getTime() + 1)
    );

    // Assert
    expect(other).not.toBe(one);
  });

  it('is reserved: a caller cannot send it, the alarm source sets it after validation', () => {
    // Arrange
    const requestId = alarmRequestKey(ALARM_ARN, STATE_TIMESTAMP);

    // Act
    const sent = readRestoreRequest({ requestId, resourceArn: ORDERS_DB });
    const derived = readRestoreRequest(
      { resourceArn: ORDERS_DB },
      { derivedRequestId: requestId }
    );

    // Assert
    expect(sent.ok).toBe(false);
    expect(derived).toMatchObject({ ok: true, key: requestId });
  });
});

describe('buildAlarmRequest', () => {
  it('leaves the requestId out: the source sets the alarm key after validation', () => {
    // Arrange
    const alarmRule = rule({ alarmName: transition.alarmName });

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect('requestId' in request).toBe(false);
    expect(alarmRequestKey(ALARM_ARN, STATE_TIMESTAMP)).toMatch(
      /^alarm-[0-9a-f]{40}$/
    );
  });

  it('leaves the selection alone without beforeAlarm', () => {
    // Arrange
    const alarmRule = rule({
      alarmName: transition.alarmName,
      marginMinutes: 30,
      request: {
        resourceArn: ORDERS_DB,
        selection: { vaults: ['prod-primary'] },
      },
    });

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect(request.selection).toEqual({ vaults: ['prod-primary'] });
  });

  it('adds no selection without beforeAlarm when the template has none', () => {
    // Arrange
    const alarmRule = rule({ alarmName: transition.alarmName });

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect(request).not.toHaveProperty('selection');
  });

  it('with beforeAlarm, selects points before the state timestamp', () => {
    // Arrange
    const alarmRule = rule({
      alarmName: transition.alarmName,
      beforeAlarm: true,
    });

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect(request.selection).toEqual({ before: '2026-03-01T04:16:10.447Z' });
  });

  it('with beforeAlarm, goes back the margin and keeps the other filters', () => {
    // Arrange
    const alarmRule = rule({
      alarmName: transition.alarmName,
      beforeAlarm: true,
      marginMinutes: 15,
      request: {
        resourceArn: ORDERS_DB,
        selection: { vaults: ['prod-primary'], after: '2026-02-01T00:00:00Z' },
      },
    });

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect(request.selection).toEqual({
      vaults: ['prod-primary'],
      after: '2026-02-01T00:00:00Z',
      before: '2026-03-01T04:01:10.447Z',
    });
  });

  it('keeps an earlier before from the template', () => {
    // Arrange
    const alarmRule = rule({
      alarmName: transition.alarmName,
      beforeAlarm: true,
      marginMinutes: 15,
      request: {
        resourceArn: ORDERS_DB,
        selection: { before: '2026-02-28T00:00:00+01:00' },
      },
    });

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect(request.selection?.before).toBe('2026-02-28T00:00:00+01:00');
  });

  it('replaces a later before from the template with the cutoff', () => {
    // Arrange
    const alarmRule = rule({
      alarmName: transition.alarmName,
      beforeAlarm: true,
      marginMinutes: 15,
      request: {
        resourceArn: ORDERS_DB,
        selection: { before: '2026-03-02T00:00:00Z' },
      },
    });

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect(request.selection?.before).toBe('2026-03-01T04:01:10.447Z');
  });

  it('adds the alarm to the template context', () => {
    // Arrange
    const alarmRule = rule({
      alarmName: transition.alarmName,
      request: {
        resourceArn: ORDERS_DB,
        context: { runbook: 'orders-db-restore', team: 'orders' },
      },
    });

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect(request.context).toEqual({
      runbook: 'orders-db-restore',
      team: 'orders',
      alarm: {
        name: 'orders-db-connection-failures',
        arn: ALARM_ARN,
        stateTimestamp: '2026-03-01T04:16:10.447Z',
      },
    });
  });

  it('keeps the rest of the template and never changes the rule', () => {
    // Arrange
    const alarmRule = deepFreeze(
      rule({
        alarmNamePrefix: 'orders-db-',
        beforeAlarm: true,
        marginMinutes: 5,
        request: {
          resourceArn: ORDERS_DB,
          resourceType: 'rds',
          restoreRole: 'databases',
          metadata: { DBInstanceClass: 'db.t3.medium' },
          selection: { vaults: ['prod-primary'] },
          context: { team: 'orders' },
        },
      })
    );

    // Act
    const request = buildAlarmRequest(alarmRule, transition);

    // Assert
    expect(request).toMatchObject({
      resourceArn: ORDERS_DB,
      resourceType: 'rds',
      restoreRole: 'databases',
      metadata: { DBInstanceClass: 'db.t3.medium' },
    });
    expect(alarmRule.request.selection).toEqual({ vaults: ['prod-primary'] });
    expect(alarmRule.request.context).toEqual({ team: 'orders' });
  });

  it('builds a request that passes parseRestoreRequest', () => {
    // Arrange
    const alarmRule = rule({
      alarmNamePrefix: 'orders-db-',
      beforeAlarm: true,
      marginMinutes: 10,
      request: {
        resourceArn: ORDERS_DB,
        resourceType: 'rds',
        selection: { vaults: ['prod-primary'] },
        context: { team: 'orders' },
      },
    });

    // Act
    const request = parseRestoreRequest(
      buildAlarmRequest(alarmRule, transition)
    );

    // Assert
    expect(request).toEqual({
      resourceArn: ORDERS_DB,
      resourceType: 'RDS',
      selection: {
        strategy: 'latest',
        vaults: ['prod-primary'],
        before: '2026-03-01T04:06:10.447Z',
      },
      context: {
        team: 'orders',
        alarm: {
          name: 'orders-db-connection-failures',
          arn: ALARM_ARN,
          stateTimestamp: '2026-03-01T04:16:10.447Z',
        },
      },
    });
  });
});
