import type {
  DeadLetter,
  DeadLetterQueue,
} from '#shared/ports/dead-letter-queue';

/** A fake dead-letter queue: keeps every letter; `failWith` makes it fail. */
export class InMemoryDeadLetterQueue implements DeadLetterQueue {
  readonly letters: DeadLetter[] = [];
  failWith: Error | undefined;
  async send(letter: DeadLetter): Promise<void> {
    if (this.failWith !== undefined) {
      throw this.failWith;
    }
    this.letters.push(letter);
  }
}
