import { describe, expect, it } from 'vitest';
import {
  createKeyedLimiter,
  type KeyedLimiter,
} from '#shared/domain/keyed-limiter';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

const deferred = <T>(): Deferred<T> => {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

// Lets every pending promise callback run: one macrotask turn, no timers.
const settle = (): Promise<void> =>
  new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A task board: each task is started through the limiter, records when it
 * starts, and stays running until the test settles its deferred.
 */
const board = (limiter: KeyedLimiter) => {
  let running = 0;
  let maxRunning = 0;
  const started: string[] = [];
  const finished: string[] = [];
  const gates = new Map<string, Deferred<string>>();
  const runningByKey = new Map<string, number>();
  let keyOverlap = false;

  const add = (key: string, id: string): Promise<string> => {
    const gate = deferred<string>();
    gates.set(id, gate);
    return limiter.run(key, async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const sameKey = (runningByKey.get(key) ?? 0) + 1;
      runningByKey.set(key, sameKey);
      if (sameKey > 1) {
        keyOverlap = true;
      }
      started.push(id);
      try {
        return await gate.promise;
      } finally {
        running -= 1;
        runningByKey.set(key, (runningByKey.get(key) ?? 1) - 1);
        finished.push(id);
      }
    });
  };
  const gate = (id: string): Deferred<string> => {
    const found = gates.get(id);
    if (found === undefined) {
      throw new Error(`no task ${id}`);
    }
    return found;
  };
  return {
    add,
    gate,
    started,
    finished,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
    get keyOverlap() {
      return keyOverlap;
    },
  };
};

describe('createKeyedLimiter', () => {
  it('never runs more than the concurrency at once', async () => {
    // Arrange
    const tasks = board(createKeyedLimiter(2));
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const results = ids.map((id) => tasks.add(id, id));

    // Act
    await settle();
    const startedFirst = [...tasks.started];
    for (const id of ids) {
      tasks.gate(id).resolve(`done-${id}`);
      await settle();
    }

    // Assert
    expect(startedFirst).toEqual(['a', 'b']);
    expect(tasks.maxRunning).toBe(2);
    expect(tasks.started).toEqual(ids);
    await expect(Promise.all(results)).resolves.toEqual(
      ids.map((id) => `done-${id}`)
    );
    expect(tasks.running).toBe(0);
  });

  it('starts a waiting task as soon as a slot is released', async () => {
    // Arrange
    const tasks = board(createKeyedLimiter(2));
    const results = ['a', 'b', 'c'].map((id) => tasks.add(id, id));
    await settle();

    // Act
    tasks.gate('b').resolve('b');
    await settle();

    // Assert
    expect(tasks.started).toEqual(['a', 'b', 'c']);
    expect(tasks.running).toBe(2);
    tasks.gate('a').resolve('a');
    tasks.gate('c').resolve('c');
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c']);
  });

  it('runs tasks with the same key strictly in order, one at a time', async () => {
    // Arrange
    const tasks = board(createKeyedLimiter(3));
    const results = ['1', '2', '3'].map((id) => tasks.add('same', id));

    // Act
    await settle();
    const afterFirstTurn = [...tasks.started];
    tasks.gate('1').resolve('1');
    await settle();
    const afterFirstDone = [...tasks.started];
    tasks.gate('2').resolve('2');
    await settle();
    tasks.gate('3').resolve('3');

    // Assert
    await expect(Promise.all(results)).resolves.toEqual(['1', '2', '3']);
    expect(afterFirstTurn).toEqual(['1']);
    expect(afterFirstDone).toEqual(['1', '2']);
    expect(tasks.finished).toEqual(['1', '2', '3']);
    expect(tasks.keyOverlap).toBe(false);
    expect(tasks.maxRunning).toBe(1);
  });

  it('runs the next task with the same key after the first one failed', async () => {
    // Arrange
    const tasks = board(createKeyedLimiter(2));
    const first = tasks.add('same', '1');
    const second = tasks.add('same', '2');
    const failure = new Error('first failed');
    await settle();

    // Act
    tasks.gate('1').reject(failure);
    await settle();
    const startedAfterFailure = [...tasks.started];
    tasks.gate('2').resolve('second ok');

    // Assert
    await expect(first).rejects.toBe(failure);
    await expect(second).resolves.toBe('second ok');
    expect(startedAfterFailure).toEqual(['1', '2']);
    expect(tasks.keyOverlap).toBe(false);
  });

  it('runs different keys in parallel up to the concurrency', async () => {
    // Arrange
    const tasks = board(createKeyedLimiter(3));
    const results = ['a', 'b', 'c', 'd'].map((key) => tasks.add(key, key));

    // Act
    await settle();

    // Assert
    expect(tasks.started).toEqual(['a', 'b', 'c']);
    expect(tasks.running).toBe(3);
    for (const key of ['a', 'b', 'c', 'd']) {
      tasks.gate(key).resolve(key);
      await settle();
    }
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect(tasks.maxRunning).toBe(3);
  });

  it('does not let a task waiting for its key hold a slot', async () => {
    // Arrange
    const tasks = board(createKeyedLimiter(2));
    const results = [
      tasks.add('a', 'a1'),
      tasks.add('a', 'a2'),
      tasks.add('b', 'b1'),
    ];

    // Act
    await settle();

    // Assert: a2 waits for a1, so b1 takes the second slot.
    expect(tasks.started).toEqual(['a1', 'b1']);
    for (const id of ['a1', 'b1', 'a2']) {
      tasks.gate(id).resolve(id);
      await settle();
    }
    await expect(Promise.all(results)).resolves.toEqual(['a1', 'a2', 'b1']);
  });

  it('runs a key again once its earlier tasks have settled', async () => {
    // Arrange
    const limiter = createKeyedLimiter(1);
    await limiter.run('k', async () => 'first');

    // Act
    const again = await limiter.run('k', async () => 'again');

    // Assert
    expect(again).toBe('again');
  });

  it('returns the task result and passes its rejection on unchanged', async () => {
    // Arrange
    const limiter = createKeyedLimiter(1);
    const failure = new TypeError('boom');
    const value = { id: 42 };

    // Act
    const resolved = limiter.run('x', async () => value);
    const rejected = limiter.run('y', async () => {
      throw failure;
    });

    // Assert
    await expect(resolved).resolves.toBe(value);
    await expect(rejected).rejects.toBe(failure);
  });

  it('releases the slot of a task that throws synchronously', async () => {
    // Arrange
    const limiter = createKeyedLimiter(1);
    const failure = new Error('sync');
    const throwing = (): Promise<string> => {
      throw failure;
    };

    // Act
    const failed = limiter.run('x', throwing);
    const next = limiter.run('y', async () => 'next');

    // Assert
    await expect(failed).rejects.toBe(failure);
    await expect(next).resolves.toBe('next');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a concurrency of %s with a RangeError',
    (concurrency) => {
      // Arrange
      let error: unknown;

      // Act
      try {
        createKeyedLimiter(concurrency);
      } catch (thrown) {
        error = thrown;
      }

      // Assert
      expect(error).toBeInstanceOf(RangeError);
      expect((error as RangeError).message).toBe(
        'concurrency must be a positive integer'
      );
    }
  );
});
