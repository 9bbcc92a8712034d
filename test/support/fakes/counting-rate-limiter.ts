import type { RateLimiter } from '#shared/domain/rate-limiter';

/** A limiter that never waits and counts the tokens taken. */
export class CountingRateLimiter implements RateLimiter {
  taken = 0;

  async take(): Promise<void> {
    this.taken += 1;
  }
}
