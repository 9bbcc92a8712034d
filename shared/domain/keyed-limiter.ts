/** Runs tasks with a concurrency bound; tasks with the same key in order. */
export interface KeyedLimiter {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * A limiter for the records of one batch: at most `concurrency` tasks run
 * at once, and two tasks with the same key never overlap (the second starts
 * after the first settled), so duplicates in one batch are answered from
 * the first one's idempotency record instead of racing for its lock
 * (docs/reliability.md#partial-batch).
 *
 * @example
 * ```ts
 * const limiter = createKeyedLimiter(2);
 * await Promise.all(records.map((r) => limiter.run(keyOf(r), () => handle(r))));
 * ```
 */
export const createKeyedLimiter = (concurrency: number): KeyedLimiter => {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError('concurrency must be a positive integer');
  }
  let active = 0;
  const waiting: (() => void)[] = [];
  const tails = new Map<string, Promise<unknown>>();

  const acquire = async (): Promise<void> => {
    if (active < concurrency) {
      active += 1;
      return;
    }
    // The releasing task hands its slot over, so `active` stays the same.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) {
      active -= 1;
    } else {
      next();
    }
  };

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous
        .catch(() => undefined)
        .then(async () => {
          await acquire();
          try {
            return await task();
          } finally {
            release();
          }
        });
      tails.set(key, current);
      // Forget the key once its last task settled, so the map stays small.
      void current
        .catch(() => undefined)
        .then(() => {
          if (tails.get(key) === current) {
            tails.delete(key);
          }
        });
      return current;
    },
  };
};
