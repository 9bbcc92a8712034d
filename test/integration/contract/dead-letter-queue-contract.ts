import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors/app-error';
import type {
  DeadLetter,
  DeadLetterQueue,
} from '#shared/ports/dead-letter-queue';

/** A dead-letter queue under test, and what it kept. */
export interface DeadLetterQueueSubject {
  readonly queue: DeadLetterQueue;
  /** Every letter the queue kept, oldest first. */
  kept(): Promise<readonly DeadLetter[]>;
  /** A queue of the same kind that cannot keep anything. */
  broken(): DeadLetterQueue;
}

const letter = (requestId: string, body: string): DeadLetter => ({
  body,
  attributes: {
    errorCode: 'PolicyViolation',
    errorMessage: 'the vault prod-primary is not allowed',
    source: 'sqs',
    requestId,
    rejectedAt: '2026-03-01T05:00:00.000Z',
  },
});

/**
 * The behaviour the reject use case relies on from a
 * {@link DeadLetterQueue}, as one suite run against every implementation
 * (the in-memory fake, and SQS over the emulator). How the SQS adapter fits
 * a letter into SendMessage's limits (escaping, cuts, the attribute budget)
 * is the adapter's own business, and not part of this suite.
 *
 * @param name - the implementation, in the suite's title
 * @param makeSubject - an empty queue (called before each case)
 *
 * @example
 * ```ts
 * describeDeadLetterQueueContract('InMemoryDeadLetterQueue', async () => {
 *   const queue = new InMemoryDeadLetterQueue();
 *   return { queue, kept: async () => queue.letters, broken: () => … };
 * });
 * ```
 */
export const describeDeadLetterQueueContract = (
  name: string,
  makeSubject: () => Promise<DeadLetterQueueSubject>
): void => {
  describe(`${name} keeps the DeadLetterQueue contract`, () => {
    it('keeps a refused request as received, with why it was refused', async () => {
      // Arrange
      const subject = await makeSubject();
      const refused = letter(
        'inc-42',
        '{"version":"1","requestId":"inc-42","note":"élan ✓ 🚀"}'
      );

      // Act
      await subject.queue.send(refused);

      // Assert
      expect(await subject.kept()).toEqual([refused]);
    });

    it('keeps every letter, in order, a repeated one too', async () => {
      // Arrange
      const subject = await makeSubject();
      const first = letter('inc-1', '{"requestId":"inc-1"}');
      const second = letter('inc-2', 'not JSON at all');

      // Act
      await subject.queue.send(first);
      await subject.queue.send(second);
      await subject.queue.send(first);

      // Assert
      expect(await subject.kept()).toEqual([first, second, first]);
    });

    it('throws a retryable error when it cannot keep a letter', async () => {
      // Arrange
      const subject = await makeSubject();

      // Act
      const error = await subject
        .broken()
        .send(letter('inc-1', '{}'))
        .catch((e: unknown) => e);

      // Assert
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ retryable: true });
      expect(await subject.kept()).toEqual([]);
    });
  });
};
