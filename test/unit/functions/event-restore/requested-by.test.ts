import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requestedByOfEvent } from '../../../../functions/event-restore/requested-by.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL(`../../../fixtures/events/${name}`, import.meta.url),
      'utf8'
    )
  ) as Record<string, unknown>;

describe('requestedByOfEvent', () => {
  it('names the account and source of a "Restore Requested" event', () => {
    // Arrange
    const event = fixture('restore-requested.json');

    // Act
    const requestedBy = requestedByOfEvent(event);

    // Assert
    expect(requestedBy).toStrictEqual({
      via: 'eventbridge',
      account: '111122223333',
      source: 'restore-relay',
    });
  });

  it('names the source of an event it will refuse, so the rejection says who sent it', () => {
    // Arrange
    const event = {
      ...fixture('restore-requested.json'),
      source: 'intruder.app',
      account: '444455556666',
      time: 'not a time',
    };

    // Act
    const requestedBy = requestedByOfEvent(event);

    // Assert
    expect(requestedBy).toStrictEqual({
      via: 'eventbridge',
      account: '444455556666',
      source: 'intruder.app',
    });
  });

  it('names the alarm of a CloudWatch alarm state change', () => {
    // Arrange
    const event = fixture('alarm-state-change-alarm.json');

    // Act
    const requestedBy = requestedByOfEvent(event);

    // Assert
    expect(requestedBy).toStrictEqual({
      via: 'alarm',
      account: '111122223333',
      alarmArn:
        'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-connection-failures',
    });
  });

  it('reports a custom event that borrows the alarm detail-type by its own source', () => {
    // Arrange
    const event = {
      ...fixture('alarm-state-change-alarm.json'),
      source: 'orders.app',
    };

    // Act
    const requestedBy = requestedByOfEvent(event);

    // Assert
    expect(requestedBy).toStrictEqual({
      via: 'eventbridge',
      account: '111122223333',
      source: 'orders.app',
    });
  });

  it('takes nothing from the detail', () => {
    // Arrange
    const event = {
      ...fixture('restore-requested.json'),
      detail: { requestId: 'inc-42', account: '999999999999' },
    };

    // Act
    const requestedBy = requestedByOfEvent(event);

    // Assert
    expect(requestedBy).toMatchObject({ account: '111122223333' });
  });

  it.each([
    ['an event without account', { source: 'restore-relay' }],
    [
      'an alarm without resources',
      {
        ...fixture('alarm-state-change-alarm.json'),
        resources: [],
      },
    ],
    ['something that is not an event', 'Restore Requested'],
    ['nothing', null],
  ])('names no one for %s', (_name, event) => {
    // Act
    const requestedBy = requestedByOfEvent(event);

    // Assert
    expect(requestedBy).toBeUndefined();
  });
});
