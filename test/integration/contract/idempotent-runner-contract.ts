import { describe, expect, it } from 'vitest';
import type { JsonObject } from '#shared/domain/json';
import {
  IdempotencyConflictError,
  RestoreInProgressError,
} from '#shared/errors/errors';
import type { IdempotentRunner } from '#shared/ports/idempotent-runner';

const payload = {
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
  metadata: { newFileSystem: 'true', 'file-system-id': 'fs-1' },
  tags: ['a', 'b'],
};

/** The same payload with its keys in another order. */
const reordered = {
  tags: ['a', 'b'],
  metadata: { 'file-system-id': 'fs-1', newFileSystem: 'true' },
  recoveryPointArn: payload.recoveryPointArn,
};

const result = {
  restoreJobId: 'job-1',
  startedAt: '2026-03-01T05:00:00.000Z',
  attempt: 1,
  ratio: 0.5,
  fresh: true,
  note: null,
  parts: [{ name: 'a' }, 'b', 3],
};

/** A side effect that counts its calls and returns `value`. */
const counted = <T extends JsonObject>(value: T) => {
  let calls = 0;
  return {
    fn: async (): Promise<T> => {
      calls += 1;
      return value;
    },
    calls: () => calls,
  };
};

/** A side effect that waits until `finish` is called. */
const held = <T extends JsonObject>(value: T) => {
  let finish: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    fn: async (): Promise<T> => {
      await gate;
      return value;
    },
    finish: () => finish(),
  };
};

/**
 * The behaviour the start use case relies on from an
 * {@link IdempotentRunner}: claim, replay, conflict, in progress, and
 * release after a failure, as one suite run against every implementation
 * (the in-memory fake, and Powertools idempotency on DynamoDB Local).
 *
 * @param name - the implementation, in the suite's title
 * @param makeSubject - a runner with no records (called before each case)
 *
 * @example
 * ```ts
 * describeIdempotentRunnerContract('InMemoryIdempotentRunner', async () => new InMemoryIdempotentRunner());
 * ```
 */
export const describeIdempotentRunnerContract = (
  name: string,
  makeSubject: () => Promise<IdempotentRunner>
): void => {
  describe(`${name} keeps the IdempotentRunner contract`, () => {
    it('runs the side effect of a new key once and returns its result', async () => {
      // Arrange
      const runner = await makeSubject();
      const effect = counted(result);

      // Act
      const outcome = await runner.run('key-1', payload, effect.fn);

      // Assert
      expect(outcome).toEqual({ result, replayed: false });
      expect(effect.calls()).toBe(1);
    });

    it('replays the stored result for the same key and payload, in any key order, without running again', async () => {
      // Arrange
      const runner = await makeSubject();
      await runner.run('key-1', payload, counted(result).fn);
      const effect = counted({ restoreJobId: 'job-2' });

      // Act
      const again = await runner.run('key-1', payload, effect.fn);
      const reorderedAgain = await runner.run('key-1', reordered, effect.fn);

      // Assert
      expect(again).toEqual({ result, replayed: true });
      expect(reorderedAgain).toEqual({ result, replayed: true });
      expect(effect.calls()).toBe(0);
    });

    it('replays a copy: changing a returned result changes no later replay', async () => {
      // Arrange
      const runner = await makeSubject();
      const first = await runner.run('key-1', payload, async () => ({
        restoreJobId: 'job-1',
        parts: ['a'],
      }));
      first.result.parts.push('changed after the run');

      // Act
      const replay = await runner.run('key-1', payload, counted(result).fn);
      (replay.result as { parts: string[] }).parts.push('changed again');
      const later = await runner.run('key-1', payload, counted(result).fn);

      // Assert
      expect(replay.replayed).toBe(true);
      expect(later.result).toEqual({ restoreJobId: 'job-1', parts: ['a'] });
    });

    it('refuses the same key with another payload, and keeps the first result', async () => {
      // Arrange
      const runner = await makeSubject();
      await runner.run('key-1', payload, counted(result).fn);
      const effect = counted({ restoreJobId: 'job-2' });

      // Act
      const conflict = await runner
        .run('key-1', { ...payload, tags: ['c'] }, effect.fn)
        .catch((e: unknown) => e);
      const again = await runner.run('key-1', payload, effect.fn);

      // Assert
      expect(conflict).toBeInstanceOf(IdempotencyConflictError);
      expect(effect.calls()).toBe(0);
      expect(again).toEqual({ result, replayed: true });
    });

    it('refuses a key while its first run is in progress, then replays it', async () => {
      // Arrange
      const runner = await makeSubject();
      const first = held(result);
      const running = runner.run('key-1', payload, first.fn);
      // Let the first run write its claim before the others arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const effect = counted({ restoreJobId: 'job-2' });

      // Act
      const concurrent = await runner
        .run('key-1', payload, effect.fn)
        .catch((e: unknown) => e);
      const otherPayload = await runner
        .run('key-1', { ...payload, tags: [] }, effect.fn)
        .catch((e: unknown) => e);
      first.finish();
      const done = await running;
      const after = await runner.run('key-1', payload, effect.fn);

      // Assert
      expect(concurrent).toBeInstanceOf(RestoreInProgressError);
      expect(otherPayload).toBeInstanceOf(IdempotencyConflictError);
      expect(effect.calls()).toBe(0);
      expect(done).toEqual({ result, replayed: false });
      expect(after).toEqual({ result, replayed: true });
    });

    it('throws what the side effect threw and releases the key, so a retry runs it', async () => {
      // Arrange
      const runner = await makeSubject();
      const failure = new Error('StartRestoreJob failed');
      const effect = counted(result);

      // Act
      const thrown = await runner
        .run('key-1', payload, async () => {
          throw failure;
        })
        .catch((e: unknown) => e);
      const retry = await runner.run('key-1', payload, effect.fn);

      // Assert
      expect(thrown).toBe(failure);
      expect(retry).toEqual({ result, replayed: false });
      expect(effect.calls()).toBe(1);
    });

    it('keeps keys apart', async () => {
      // Arrange
      const runner = await makeSubject();
      await runner.run('key-1', payload, counted(result).fn);
      const effect = counted({ restoreJobId: 'job-2' });

      // Act
      const other = await runner.run('key-2', payload, effect.fn);
      const otherPayload = await runner.run('key-3', { other: 1 }, effect.fn);

      // Assert
      expect(other).toEqual({
        result: { restoreJobId: 'job-2' },
        replayed: false,
      });
      expect(otherPayload.replayed).toBe(false);
      expect(effect.calls()).toBe(2);
    });
  });
};
