import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '#shared/domain/rate-limiter';

/** A clock that only moves when the limiter sleeps. */
const virtualTime = () => {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

describe('createRateLimiter', () => {
  it('lets one call go at once, then paces to the rate', async () => {
    // Arrange
    const time = virtualTime();
    const limiter = createRateLimiter({ ratePerSecond: 2, ...time });

    // Act
    for (let i = 0; i < 5; i += 1) {
      await limiter.take();
    }

    // Assert: one at once, then one every 500 ms.
    expect(time.sleeps).toEqual([500, 500, 500, 500]);
    expect(time.now()).toBe(2000);
  });

  it('lets a configured burst go at once', async () => {
    // Arrange
    const time = virtualTime();
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3, ...time });

    // Act
    for (let i = 0; i < 4; i += 1) {
      await limiter.take();
    }

    // Assert
    expect(time.sleeps).toEqual([500]);
  });

  it('spreads concurrent callers instead of releasing them together', async () => {
    // Arrange
    const time = virtualTime();
    const waits: number[] = [];
    const limiter = createRateLimiter({
      ratePerSecond: 4,
      burst: 1,
      now: time.now,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

    // Act
    await Promise.all([1, 2, 3, 4].map(() => limiter.take()));

    // Assert: reservations 0, 250, 500 and 750 ms ahead.
    expect(waits).toEqual([250, 500, 750]);
  });

  it('refills while idle, up to the burst only', async () => {
    // Arrange
    const time = virtualTime();
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2, ...time });
    await limiter.take();
    await limiter.take();

    // Act
    time.advance(60_000);
    await limiter.take();
    await limiter.take();
    await limiter.take();

    // Assert
    expect(time.sleeps).toEqual([1000]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a rate of %s',
    (ratePerSecond) => {
      expect(() => createRateLimiter({ ratePerSecond })).toThrow(RangeError);
    }
  );
});
