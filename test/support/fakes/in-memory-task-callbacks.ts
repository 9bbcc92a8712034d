import type {
  CallbackResult,
  TaskCallbacks,
} from '#shared/ports/task-callbacks';

/** Fake Step Functions callbacks: every answer, in order. */
export class InMemoryTaskCallbacks implements TaskCallbacks {
  readonly answers: (
    | { kind: 'success'; taskToken: string; output: unknown }
    | { kind: 'failure'; taskToken: string; error: string; cause: string }
  )[] = [];
  /** Tokens whose task no longer waits. */
  readonly gone = new Set<string>();
  failures: Error[] = [];

  #answer(taskToken: string): CallbackResult {
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    if (this.gone.has(taskToken)) {
      return 'gone';
    }
    this.gone.add(taskToken);
    return 'sent';
  }

  async succeed(taskToken: string, output: unknown): Promise<CallbackResult> {
    const result = this.#answer(taskToken);
    if (result === 'sent') {
      this.answers.push({ kind: 'success', taskToken, output });
    }
    return result;
  }

  async fail(
    taskToken: string,
    error: string,
    cause: string
  ): Promise<CallbackResult> {
    const result = this.#answer(taskToken);
    if (result === 'sent') {
      this.answers.push({ kind: 'failure', taskToken, error, cause });
    }
    return result;
  }
}
