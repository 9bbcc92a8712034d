/**
 * The throttle of one Backup operation: a token bucket on the emulator
 * clock (StartRestoreJob defaults to 5 per second with a burst of 5, the
 * default quota, docs/reliability.md#backup-api-rates).
 */
import type { EmulatorClock } from '../emulator-clock.js';

/** A token-bucket setting: refill rate and capacity. */
export interface ThrottleSetting {
  ratePerSecond: number;
  burst: number;
}

/**
 * A bucket that starts full and refills continuously.
 *
 * @example
 * ```ts
 * const bucket = new TokenBucket({ ratePerSecond: 5, burst: 5 }, clock);
 * bucket.tryTake(); // true
 * ```
 */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly setting: ThrottleSetting,
    readonly clock: EmulatorClock
  ) {
    this.#tokens = setting.burst;
    this.#last = clock.now();
  }

  /** Takes one token; false when the bucket is empty. */
  tryTake(): boolean {
    const now = this.clock.now();
    const refill = ((now - this.#last) / 1000) * this.setting.ratePerSecond;
    this.#tokens = Math.min(this.setting.burst, this.#tokens + refill);
    this.#last = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return true;
    }
    return false;
  }
}
