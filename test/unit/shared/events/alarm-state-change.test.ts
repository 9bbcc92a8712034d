import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALARM_STATE_CHANGE,
  AlarmStateChangeSchema,
} from '#shared/events/alarm-state-change';

interface AlarmStateSample {
  value: string;
  reason: string;
  reasonData: string;
  timestamp: string;
}

interface AlarmSample {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  resources: string[];
  detail: {
    alarmName: string;
    state: AlarmStateSample;
    previousState: AlarmStateSample;
    configuration: Record<string, unknown>;
  };
}

const sample = (name: string): AlarmSample =>
  JSON.parse(
    readFileSync(
      new URL(`../../../fixtures/events/${name}`, import.meta.url),
      'utf8'
    )
  ) as AlarmSample;

const ALARM_ARN =
  'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-connection-failures';

const withStateTimestamp = (timestamp: string): AlarmSample => {
  const event = sample('alarm-state-change-alarm.json');
  return {
    ...event,
    detail: { ...event.detail, state: { ...event.detail.state, timestamp } },
  };
};

describe('AlarmStateChangeSchema', () => {
  it('parses the reference sample of a transition to ALARM', () => {
    // Arrange
    const event = sample('alarm-state-change-alarm.json');

    // Act
    const parsed = AlarmStateChangeSchema.parse(event);

    // Assert
    expect(parsed['detail-type']).toBe(ALARM_STATE_CHANGE);
    expect(parsed.source).toBe('aws.cloudwatch');
    expect(parsed.id).toBe('b6f1e2a4-0c7d-4e3b-9a58-1d2c3e4f5a6b');
    expect(parsed.resources).toEqual([ALARM_ARN]);
    expect(parsed.detail.alarmName).toBe('orders-db-connection-failures');
    expect(parsed.detail.state.value).toBe('ALARM');
    expect(parsed.detail.state.reason).toMatch(/^Threshold Crossed/);
    expect(parsed.detail.previousState?.value).toBe('OK');
  });

  it('reads +0000 timestamps as the right instant', () => {
    // Arrange
    const event = sample('alarm-state-change-alarm.json');

    // Act
    const parsed = AlarmStateChangeSchema.parse(event);

    // Assert
    expect(parsed.detail.state.timestamp).toBeInstanceOf(Date);
    expect(parsed.detail.state.timestamp.toISOString()).toBe(
      '2026-03-01T04:16:10.447Z'
    );
    expect(parsed.detail.previousState?.timestamp.toISOString()).toBe(
      '2026-03-01T04:11:10.121Z'
    );
  });

  it.each([
    ['Z', '2026-03-01T04:16:10.447Z', '2026-03-01T04:16:10.447Z'],
    ['+00:00', '2026-03-01T04:16:10.447+00:00', '2026-03-01T04:16:10.447Z'],
    ['+0100', '2026-03-01T05:16:10.447+0100', '2026-03-01T04:16:10.447Z'],
    ['-0530', '2026-02-28T22:46:10.447-0530', '2026-03-01T04:16:10.447Z'],
  ])('reads a timestamp with a %s offset', (_case, timestamp, expected) => {
    // Arrange
    const event = withStateTimestamp(timestamp);

    // Act
    const parsed = AlarmStateChangeSchema.parse(event);

    // Assert
    expect(parsed.detail.state.timestamp.toISOString()).toBe(expected);
  });

  it('refuses a timestamp that is not one', () => {
    // Arrange
    const event = withStateTimestamp('yesterday at four');

    // Act
    const result = AlarmStateChangeSchema.safeParse(event);

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['detail', 'state', 'timestamp'],
        message: expect.stringContaining('with a time zone offset'),
      }),
    ]);
  });

  it('refuses a timestamp without an offset, which would be read as local time', () => {
    // Arrange
    const event = withStateTimestamp('2026-03-01T04:16:10.447');

    // Act
    const result = AlarmStateChangeSchema.safeParse(event);

    // Assert
    expect(result.success).toBe(false);
  });

  it('parses the transition back to OK', () => {
    // Arrange
    const event = sample('alarm-state-change-ok.json');

    // Act
    const parsed = AlarmStateChangeSchema.parse(event);

    // Assert
    expect(parsed.detail.state.value).toBe('OK');
    expect(parsed.detail.previousState?.value).toBe('ALARM');
    expect(parsed.detail.state.timestamp.toISOString()).toBe(
      '2026-03-01T04:31:10.215Z'
    );
  });

  it('accepts fields AWS adds to newer events', () => {
    // Arrange
    const event = sample('alarm-state-change-alarm.json');
    const newer = {
      ...event,
      'replay-name': 'replay-1',
      detail: {
        ...event.detail,
        state: {
          ...event.detail.state,
          actionsSuppressedBy: 'WaitPeriod',
          actionsSuppressedReason: 'Actions suppressed by WaitPeriod',
        },
        muteDetail: {
          mutedByArn:
            'arn:aws:cloudwatch:eu-west-1:111122223333:alarm-mute-rule:maintenance',
          muteWindowStart: '2026-03-01T04:00:00.000+0000',
          muteWindowEnd: '2026-03-01T05:00:00.000+0000',
        },
      },
    };

    // Act
    const result = AlarmStateChangeSchema.safeParse(newer);

    // Assert
    expect(result.success).toBe(true);
    expect(result.data?.detail.alarmName).toBe('orders-db-connection-failures');
  });

  it('reads the suppression of a composite alarm', () => {
    // Arrange
    const event = sample('alarm-state-change-suppressed.json');

    // Act
    const parsed = AlarmStateChangeSchema.parse(event);

    // Assert
    expect(parsed.detail.state).toMatchObject({
      value: 'ALARM',
      actionsSuppressedBy: 'WaitPeriod',
      actionsSuppressedReason: 'Actions suppressed by WaitPeriod',
    });
    expect(parsed.detail.muteDetail).toBeUndefined();
  });

  it('reads the mute window bounds as instants', () => {
    // Arrange
    const event = sample('alarm-state-change-muted.json');

    // Act
    const parsed = AlarmStateChangeSchema.parse(event);

    // Assert
    expect(parsed.detail.muteDetail).toEqual({
      muteWindowStart: new Date('2026-03-01T04:00:00.000Z'),
      muteWindowEnd: new Date('2026-03-01T05:00:00.000Z'),
    });
  });

  it('reads a mute window bound it cannot parse as absent, not as an error', () => {
    // Arrange
    const event = sample('alarm-state-change-muted.json');
    const odd = {
      ...event,
      detail: {
        ...event.detail,
        muteDetail: { muteWindowStart: 'soon', muteWindowEnd: 1772341200000 },
      },
    };

    // Act
    const result = AlarmStateChangeSchema.safeParse(odd);

    // Assert
    expect(result.success).toBe(true);
    expect(result.data?.detail.muteDetail).toEqual({
      muteWindowStart: undefined,
      muteWindowEnd: undefined,
    });
  });

  it('accepts an event without previousState', () => {
    // Arrange
    const event = sample('alarm-state-change-alarm.json');
    const { previousState: _previousState, ...detail } = event.detail;

    // Act
    const parsed = AlarmStateChangeSchema.parse({ ...event, detail });

    // Assert
    expect(parsed.detail.previousState).toBeUndefined();
  });

  it.each([
    ['a wrong source', { source: 'aws.backup' }, 'source'],
    [
      'a wrong detail-type',
      { 'detail-type': 'CloudWatch Alarm Configuration Change' },
      'detail-type',
    ],
    ['no resources', { resources: [] }, 'resources'],
  ])('refuses an event with %s', (_case, change, field) => {
    // Arrange
    const event = { ...sample('alarm-state-change-alarm.json'), ...change };

    // Act
    const result = AlarmStateChangeSchema.safeParse(event);

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[field]]);
  });

  it('refuses an unknown state value', () => {
    // Arrange
    const event = sample('alarm-state-change-alarm.json');
    const bad = {
      ...event,
      detail: {
        ...event.detail,
        state: { ...event.detail.state, value: 'BROKEN' },
      },
    };

    // Act
    const result = AlarmStateChangeSchema.safeParse(bad);

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['detail', 'state', 'value']);
  });
});
