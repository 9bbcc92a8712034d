import { describe, expect, it } from 'vitest';
import type { TaskCallbacks } from '#shared/ports/task-callbacks';

/** How a task was answered, as the waiting side saw it. */
export type TaskAnswer =
  | { readonly kind: 'success'; readonly output: unknown }
  | {
      readonly kind: 'failure';
      readonly error: string;
      readonly cause: string;
    };

/** Task callbacks under test, and the tasks they answer. */
export interface TaskCallbacksSubject {
  readonly callbacks: TaskCallbacks;
  /** A new task waiting for its callback; returns its token. */
  waitingTask(): string;
  /** Ends a waiting task as its state's timeout would. */
  timeOut(taskToken: string): void;
  /** A token of no task at all. */
  unknownToken(): string;
  /** How the task was answered; undefined while it waits or timed out. */
  answerOf(taskToken: string): TaskAnswer | undefined;
}

/**
 * The behaviour the use cases rely on from {@link TaskCallbacks}: a task is
 * answered once, and a task that no longer waits is `gone` (reported, not
 * thrown), as one suite run against every implementation (the in-memory
 * fake, and Step Functions over the emulator).
 *
 * @param name - the implementation, in the suite's title
 * @param makeSubject - callbacks with no tasks answered (before each case)
 *
 * @example
 * ```ts
 * describeTaskCallbacksContract('InMemoryTaskCallbacks', async () => subjectOverTheFake());
 * ```
 */
export const describeTaskCallbacksContract = (
  name: string,
  makeSubject: () => Promise<TaskCallbacksSubject>
): void => {
  describe(`${name} keeps the TaskCallbacks contract`, () => {
    it('answers a waiting task with success and its output', async () => {
      // Arrange
      const subject = await makeSubject();
      const token = subject.waitingTask();
      const output = { restoreJobId: 'J-1', status: 'COMPLETED', parts: [1] };

      // Act
      const result = await subject.callbacks.succeed(token, output);

      // Assert
      expect(result).toBe('sent');
      expect(subject.answerOf(token)).toEqual({ kind: 'success', output });
    });

    it('answers a waiting task with failure, its error and cause', async () => {
      // Arrange
      const subject = await makeSubject();
      const token = subject.waitingTask();

      // Act
      const result = await subject.callbacks.fail(
        token,
        'RestoreFailed',
        'the restore job J-1 ended ABORTED'
      );

      // Assert
      expect(result).toBe('sent');
      expect(subject.answerOf(token)).toEqual({
        kind: 'failure',
        error: 'RestoreFailed',
        cause: 'the restore job J-1 ended ABORTED',
      });
    });

    it('answers a task once: a second answer is gone, and the first stays', async () => {
      // Arrange
      const subject = await makeSubject();
      const succeeded = subject.waitingTask();
      const failed = subject.waitingTask();
      await subject.callbacks.succeed(succeeded, { n: 1 });
      await subject.callbacks.fail(failed, 'E', 'first');

      // Act
      const results = [
        await subject.callbacks.succeed(succeeded, { n: 2 }),
        await subject.callbacks.fail(succeeded, 'E', 'late'),
        await subject.callbacks.succeed(failed, { n: 3 }),
        await subject.callbacks.fail(failed, 'E', 'second'),
      ];

      // Assert
      expect(results).toEqual(['gone', 'gone', 'gone', 'gone']);
      expect(subject.answerOf(succeeded)).toEqual({
        kind: 'success',
        output: { n: 1 },
      });
      expect(subject.answerOf(failed)).toEqual({
        kind: 'failure',
        error: 'E',
        cause: 'first',
      });
    });

    it('finds a task that timed out gone', async () => {
      // Arrange
      const subject = await makeSubject();
      const token = subject.waitingTask();
      subject.timeOut(token);

      // Act
      const success = await subject.callbacks.succeed(token, { n: 1 });
      const failure = await subject.callbacks.fail(token, 'E', 'late');

      // Assert
      expect([success, failure]).toEqual(['gone', 'gone']);
      expect(subject.answerOf(token)).toBeUndefined();
    });

    it('finds a token of no task gone', async () => {
      // Arrange
      const subject = await makeSubject();
      const token = subject.unknownToken();

      // Act
      const success = await subject.callbacks.succeed(token, { n: 1 });
      const failure = await subject.callbacks.fail(token, 'E', 'cause');

      // Assert
      expect([success, failure]).toEqual(['gone', 'gone']);
    });

    it('cuts a failure to the 256-character error and 32,768-character cause Step Functions takes', async () => {
      // Arrange
      const subject = await makeSubject();
      const token = subject.waitingTask();

      // Act
      const result = await subject.callbacks.fail(
        token,
        'E'.repeat(300),
        'c'.repeat(40_000)
      );

      // Assert
      expect(result).toBe('sent');
      expect(subject.answerOf(token)).toEqual({
        kind: 'failure',
        error: 'E'.repeat(256),
        cause: 'c'.repeat(32_768),
      });
    });
  });
};
