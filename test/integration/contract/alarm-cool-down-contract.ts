import { describe, expect, it } from 'vitest';
import type {
  AlarmCoolDown,
  AlarmCoolDownClaim,
} from '#shared/ports/alarm-cool-down';

/** The rule key of the cases. */
export const RULE = 'prefix:orders-db-';
/** The alarm of the cases. */
export const ALARM_ARN =
  'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-latency';
/** The first transition's state timestamp. */
export const T = new Date('2026-03-01T04:16:10.447Z');
const MINUTE = 60_000;

/** A transition `offsetMinutes` after T with a 60-minute cool-down. */
export const transition = (
  offsetMinutes: number,
  over: Partial<AlarmCoolDownClaim> = {}
): AlarmCoolDownClaim => {
  const stateTimestamp = new Date(T.getTime() + offsetMinutes * MINUTE);
  return {
    ruleKey: RULE,
    alarmArn: ALARM_ARN,
    stateTimestamp,
    until: new Date(stateTimestamp.getTime() + 60 * MINUTE),
    ...over,
  };
};

/**
 * The behaviour the event source relies on from an {@link AlarmCoolDown}, as
 * one suite run against every implementation: the in-memory fake and the
 * DynamoDB adapter on DynamoDB Local. The adapter's item layout, TTL and
 * error mapping stay in its own test.
 *
 * @param name - the implementation, in the suite's title
 * @param makeSubject - a cool-down nobody holds (called before each case)
 *
 * @example
 * ```ts
 * describeAlarmCoolDownContract('InMemoryAlarmCoolDown', async () => new InMemoryAlarmCoolDown());
 * ```
 */
export const describeAlarmCoolDownContract = (
  name: string,
  makeSubject: () => Promise<AlarmCoolDown>
): void => {
  describe(`${name} keeps the AlarmCoolDown contract`, () => {
    it('claims a cool-down nobody holds', async () => {
      // Arrange
      const coolDown = await makeSubject();

      // Act
      const result = await coolDown.claim(transition(0));

      // Assert
      expect(result).toBe('claimed');
    });

    it('answers same-transition to a redelivery of the holder, every time', async () => {
      // Arrange
      const coolDown = await makeSubject();
      await coolDown.claim(transition(0));

      // Act
      const again = await coolDown.claim(transition(0));
      const thrice = await coolDown.claim(transition(0));

      // Assert
      expect([again, thrice]).toEqual(['same-transition', 'same-transition']);
    });

    it.each([
      ['5 minutes later', 5],
      ['a millisecond before the window ends', 60 - 1 / MINUTE],
      ['earlier than the holder (delivered late)', -5],
    ])(
      'answers cooling-down to another transition %s, and keeps the holder',
      async (_, offset) => {
        // Arrange
        const coolDown = await makeSubject();
        await coolDown.claim(transition(0));

        // Act
        const result = await coolDown.claim(transition(offset));
        const holder = await coolDown.claim(transition(0));

        // Assert
        expect(result).toBe('cooling-down');
        expect(holder).toBe('same-transition');
      }
    );

    it('claims again once the window has ended, and the new holder cools down the next flap', async () => {
      // Arrange
      const coolDown = await makeSubject();
      await coolDown.claim(transition(0));

      // Act
      const atTheEnd = await coolDown.claim(transition(60));
      const flap = await coolDown.claim(transition(65));
      const redelivered = await coolDown.claim(transition(60));
      const oldHolder = await coolDown.claim(transition(0));

      // Assert
      expect(atTheEnd).toBe('claimed');
      expect(flap).toBe('cooling-down');
      expect(redelivered).toBe('same-transition');
      expect(oldHolder).toBe('cooling-down');
    });

    it('measures the window by the claim that holds it', async () => {
      // Arrange: a holder with a 5-minute cool-down.
      const coolDown = await makeSubject();
      await coolDown.claim(
        transition(0, { until: new Date(T.getTime() + 5 * MINUTE) })
      );

      // Act
      const afterShortWindow = await coolDown.claim(transition(6));

      // Assert
      expect(afterShortWindow).toBe('claimed');
    });

    it('keeps the cool-downs of other rules and other alarms apart', async () => {
      // Arrange
      const coolDown = await makeSubject();
      await coolDown.claim(transition(0));

      // Act
      const otherRule = await coolDown.claim(
        transition(5, { ruleKey: 'name:orders-db-latency' })
      );
      const otherAlarm = await coolDown.claim(
        transition(5, {
          alarmArn:
            'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-cpu',
        })
      );
      const first = await coolDown.claim(transition(5));

      // Assert
      expect(otherRule).toBe('claimed');
      expect(otherAlarm).toBe('claimed');
      expect(first).toBe('cooling-down');
    });
  });
};
