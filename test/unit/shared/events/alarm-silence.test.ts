import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alarmSilence } from '#shared/events/alarm-silence';
import {
  type AlarmStateChange,
  AlarmStateChangeSchema,
} from '#shared/events/alarm-state-change';

type Json = Record<string, unknown> & {
  detail: Record<string, unknown> & { state: Record<string, unknown> };
};

const sample = (name: string): Json =>
  JSON.parse(
    readFileSync(
      new URL(`../../../fixtures/events/${name}`, import.meta.url),
      'utf8'
    )
  ) as Json;

const parse = (event: Json): AlarmStateChange['detail'] =>
  AlarmStateChangeSchema.parse(event).detail;

/** The muted sample (state at 04:16:10.447Z) with another mute window. */
const mutedWith = (window: Record<string, unknown>): Json => {
  const event = sample('alarm-state-change-muted.json');
  return {
    ...event,
    detail: {
      ...event.detail,
      muteDetail: {
        mutedByArn:
          'arn:aws:cloudwatch:eu-west-1:111122223333:alarm-mute-rule:orders-db-maintenance',
        ...window,
      },
    },
  };
};

const DEFAULTS = { ignoreSuppressed: true, ignoreMuted: true };

describe('alarmSilence', () => {
  it('finds nothing in the plain single-metric sample', () => {
    // Arrange
    const detail = parse(sample('alarm-state-change-alarm.json'));

    // Act
    const silence = alarmSilence(detail, DEFAULTS);

    // Assert
    expect(silence).toBeUndefined();
  });

  it('finds a composite alarm whose actions are suppressed (WaitPeriod)', () => {
    // Arrange
    const detail = parse(sample('alarm-state-change-suppressed.json'));

    // Act
    const silence = alarmSilence(detail, DEFAULTS);

    // Assert
    expect(silence).toBe('suppressed');
  });

  it.each(['WaitPeriod', 'ExtensionPeriod', 'Alarm'])(
    'treats actionsSuppressedBy %s as suppressed',
    (suppressedBy) => {
      // Arrange
      const event = sample('alarm-state-change-suppressed.json');
      const detail = parse({
        ...event,
        detail: {
          ...event.detail,
          state: { ...event.detail.state, actionsSuppressedBy: suppressedBy },
        },
      });

      // Act
      const silence = alarmSilence(detail, DEFAULTS);

      // Assert
      expect(silence).toBe('suppressed');
    }
  );

  it('acts on the same composite alarm once nothing suppresses it', () => {
    // Arrange
    const event = sample('alarm-state-change-suppressed.json');
    const {
      actionsSuppressedBy: _by,
      actionsSuppressedReason: _reason,
      ...state
    } = event.detail.state;
    const detail = parse({ ...event, detail: { ...event.detail, state } });

    // Act
    const silence = alarmSilence(detail, DEFAULTS);

    // Assert
    expect(silence).toBeUndefined();
  });

  it('acts on a suppressed transition when the rule has ignoreSuppressed off', () => {
    // Arrange
    const detail = parse(sample('alarm-state-change-suppressed.json'));

    // Act
    const silence = alarmSilence(detail, {
      ignoreSuppressed: false,
      ignoreMuted: true,
    });

    // Assert
    expect(silence).toBeUndefined();
  });

  it('finds a transition inside its mute window', () => {
    // Arrange
    const detail = parse(sample('alarm-state-change-muted.json'));

    // Act
    const silence = alarmSilence(detail, DEFAULTS);

    // Assert
    expect(silence).toBe('muted');
  });

  it('acts on a muted transition when the rule has ignoreMuted off', () => {
    // Arrange
    const detail = parse(sample('alarm-state-change-muted.json'));

    // Act
    const silence = alarmSilence(detail, {
      ignoreSuppressed: true,
      ignoreMuted: false,
    });

    // Assert
    expect(silence).toBeUndefined();
  });

  it.each([
    [
      'a window that ended before the transition',
      {
        muteWindowStart: '2026-03-01T03:00:00.000+0000',
        muteWindowEnd: '2026-03-01T04:00:00.000+0000',
      },
      undefined,
    ],
    [
      'a window that starts after the transition',
      {
        muteWindowStart: '2026-03-01T04:30:00.000+0000',
        muteWindowEnd: '2026-03-01T05:30:00.000+0000',
      },
      undefined,
    ],
    [
      'a window that ends exactly at the transition (end exclusive)',
      {
        muteWindowStart: '2026-03-01T04:00:00.000+0000',
        muteWindowEnd: '2026-03-01T04:16:10.447+0000',
      },
      undefined,
    ],
    [
      'a window that starts exactly at the transition (start inclusive)',
      {
        muteWindowStart: '2026-03-01T04:16:10.447+0000',
        muteWindowEnd: '2026-03-01T05:00:00.000+0000',
      },
      'muted',
    ],
    ['a window without bounds', {}, 'muted'],
    [
      'a window with only a past start',
      { muteWindowStart: '2026-03-01T04:00:00.000Z' },
      'muted',
    ],
    [
      'a window with only a future end',
      { muteWindowEnd: '2026-03-01T05:00:00.000Z' },
      'muted',
    ],
    [
      'a window with only a past end',
      { muteWindowEnd: '2026-03-01T04:00:00.000Z' },
      undefined,
    ],
    [
      'bounds in a format it cannot read (open ends)',
      { muteWindowStart: 'soon', muteWindowEnd: 1772341200000 },
      'muted',
    ],
  ] as const)('with %s, the result is %s', (_case, window, expected) => {
    // Arrange
    const detail = parse(mutedWith(window));

    // Act
    const silence = alarmSilence(detail, DEFAULTS);

    // Assert
    expect(silence).toBe(expected);
  });

  it('finds nothing in a muteDetail of null', () => {
    // Arrange
    const event = sample('alarm-state-change-alarm.json');
    const detail = parse({
      ...event,
      detail: { ...event.detail, muteDetail: null },
    });

    // Act
    const silence = alarmSilence(detail, DEFAULTS);

    // Assert
    expect(silence).toBeUndefined();
  });

  it('names suppression first when both apply', () => {
    // Arrange
    const event = sample('alarm-state-change-suppressed.json');
    const detail = parse({
      ...event,
      detail: {
        ...event.detail,
        muteDetail: sample('alarm-state-change-muted.json').detail.muteDetail,
      },
    });

    // Act
    const first = alarmSilence(detail, DEFAULTS);
    const mutedOnly = alarmSilence(detail, {
      ignoreSuppressed: false,
      ignoreMuted: true,
    });

    // Assert
    expect(first).toBe('suppressed');
    expect(mutedOnly).toBe('muted');
  });

  it('ignores an empty actionsSuppressedBy', () => {
    // Arrange
    const event = sample('alarm-state-change-suppressed.json');
    const detail = parse({
      ...event,
      detail: {
        ...event.detail,
        state: { ...event.detail.state, actionsSuppressedBy: '' },
      },
    });

    // Act
    const silence = alarmSilence(detail, DEFAULTS);

    // Assert
    expect(silence).toBeUndefined();
  });
});
