import type { StartRestoreJobInput } from '#shared/domain/start-restore-job-input';
import type {
  RestoreJobStarter,
  StartContext,
} from '#shared/ports/restore-job-starter';

/** A fake starter that honours the token rule, with injectable failures. */
export class InMemoryStarter implements RestoreJobStarter {
  readonly inputs: StartRestoreJobInput[] = [];
  readonly contexts: StartContext[] = [];
  readonly #byToken = new Map<string, string>();
  failures: Error[] = [];

  async start(
    input: StartRestoreJobInput,
    context: StartContext
  ): Promise<{ restoreJobId: string }> {
    this.inputs.push(input);
    this.contexts.push(context);
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    let id = this.#byToken.get(input.IdempotencyToken);
    if (id === undefined) {
      id = `job-${this.#byToken.size + 1}`;
      this.#byToken.set(input.IdempotencyToken, id);
    }
    return { restoreJobId: id };
  }

  get jobCount(): number {
    return this.#byToken.size;
  }
}
