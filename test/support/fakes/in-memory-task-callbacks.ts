import type {
  CallbackResult,
  TaskCallbacks,
} from '#shared/ports/task-callbacks';

// SendTaskFailure takes at most 256 characters of `error` and 32,768 of
// `cause`; SfnTaskCallbacks cuts longer ones, and so does the fake.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html
const MAX_ERROR = 256;
const MAX_CAUSE = 32_768;

/**
 * Fake Step Functions callbacks: every answer, in order. A token is
 * answered once; after that, or once added to `gone` (timed out, never a
 * task), it is `gone`. The TaskCallbacks contract suite
 * (test/integration/contract/task-callbacks-contract.ts) runs against both
 * this fake and SfnTaskCallbacks.
 */
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
      this.answers.push({
        kind: 'failure',
        taskToken,
        error: error.slice(0, MAX_ERROR),
        cause: cause.slice(0, MAX_CAUSE),
      });
    }
    return result;
  }
}
