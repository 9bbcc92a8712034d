/**
 * The emulators' notion of time: job lifecycles, visibility timeouts, token
 * windows and throttle refill run on it, so tests move it forward instead of
 * waiting. Latency and hang faults use real time.
 *
 * @see docs/development.md#emulator-discipline
 */
/**
 * An emulator's notion of time (job lifecycle, visibility timeouts, token
 * windows, throttle refill). Latency and hang faults use real time.
 */
export interface EmulatorClock {
  /** Current time, epoch milliseconds. */
  now(): number;
  /** Moves the clock forward. */
  advance(ms: number): void;
}

/**
 * Creates a clock. By default it follows real time plus whatever was
 * advanced; with `frozen: true` it only moves through `advance()`.
 *
 * @example
 * ```ts
 * const clock = createClock({ frozen: true, start: '2026-11-28T09:00:00Z' });
 * clock.advance(1_000);
 * ```
 */
export const createClock = (
  options: { frozen?: boolean; start?: number | string | Date } = {}
): EmulatorClock => {
  const start =
    options.start === undefined
      ? Date.now()
      : new Date(options.start).getTime();
  let offset = 0;
  const base = (): number => (options.frozen ? start : Date.now());
  return {
    now: () => base() + offset,
    advance: (ms: number) => {
      if (!(ms >= 0)) {
        throw new RangeError('clock can only move forward');
      }
      offset += ms;
    },
  };
};
