/**
 * Real-time waits (latency and hang faults) that an emulator cancels all at
 * once when it closes.
 *
 * @see docs/development.md#emulator-discipline
 */
/** Thrown by {@link Sleeper.sleep} when the emulator closes mid-wait. */
export class EmulatorClosedError extends Error {
  constructor() {
    super('emulator closed');
    this.name = 'EmulatorClosedError';
  }
}

/**
 * Real-time waits (latency and hang faults) that an emulator can cancel all
 * at once on `close()`, so no timer keeps a test process alive.
 *
 * @example
 * ```ts
 * const sleeper = new Sleeper();
 * await sleeper.sleep(50);
 * sleeper.cancelAll();
 * ```
 */
export class Sleeper {
  readonly #pending = new Set<{
    timer: NodeJS.Timeout;
    reject: (error: Error) => void;
  }>();

  /** Waits `ms` wall-clock milliseconds; rejects if cancelled. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          this.#pending.delete(entry);
          resolve();
        }, ms),
        reject,
      };
      this.#pending.add(entry);
    });
  }

  /** Rejects every pending wait with {@link EmulatorClosedError}. */
  cancelAll(): void {
    for (const entry of this.#pending) {
      clearTimeout(entry.timer);
      entry.reject(new EmulatorClosedError());
    }
    this.#pending.clear();
  }
}
