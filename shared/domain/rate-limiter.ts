/** Paces calls to a rate: {@link RateLimiter.take} resolves when a call may go. */
export interface RateLimiter {
  take(): Promise<void>;
}

/** Options for {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Calls per second, on average. */
  readonly ratePerSecond: number;
  /**
   * Calls that may go at once after a quiet spell. Default 1: calls are
   * spread evenly, so that several environments sharing one quota do not
   * each spend a burst at the same moment.
   */
  readonly burst?: number | undefined;
  /** Milliseconds since some epoch. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Default: a timer. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
}

const timer = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket that hands out reservations: each `take()` spends a token
 * (the balance may go negative) and waits until the balance it left behind
 * has refilled, so concurrent callers are spread evenly instead of all
 * retrying at once. AWS Backup advises a client-side rate limiter for
 * callers that meet throttling (docs/reliability.md#backup-api-rates;
 * https://docs.aws.amazon.com/general/latest/gr/bk.html).
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ ratePerSecond: 2 });
 * await limiter.take(); // at once
 * await limiter.take(); // about 500 ms later
 * await limiter.take(); // about 1,000 ms later
 * ```
 */
export const createRateLimiter = (options: RateLimiterOptions): RateLimiter => {
  const { ratePerSecond } = options;
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
    throw new RangeError('ratePerSecond must be a positive number');
  }
  const burst = options.burst ?? 1;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timer;
  let tokens = burst;
  let last = now();
  return {
    take: async () => {
      const at = now();
      tokens = Math.min(burst, tokens + ((at - last) / 1000) * ratePerSecond);
      last = at;
      tokens -= 1;
      if (tokens < 0) {
        await sleep((-tokens / ratePerSecond) * 1000);
      }
    },
  };
};
