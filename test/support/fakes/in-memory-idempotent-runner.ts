import { canonicalJson } from '#shared/domain/canonical-json';
import type { JsonObject, JsonValue } from '#shared/domain/json';
import {
  IdempotencyConflictError,
  RestoreInProgressError,
} from '#shared/errors/errors';
import type {
  IdempotentOutcome,
  IdempotentRunner,
} from '#shared/ports/idempotent-runner';

/**
 * The semantics of Powertools idempotency, in memory: the payload is
 * compared in canonical form, and the result is stored and replayed as a
 * copy, as a record in DynamoDB would be. No record expires. The
 * IdempotentRunner contract suite
 * (test/integration/contract/idempotent-runner-contract.ts) runs against
 * both.
 */
export class InMemoryIdempotentRunner implements IdempotentRunner {
  readonly #records = new Map<
    string,
    { payload: string; result?: JsonObject }
  >();

  async run<T extends JsonObject>(
    key: string,
    payload: JsonValue,
    fn: () => Promise<T>
  ): Promise<IdempotentOutcome<T>> {
    const text = canonicalJson(payload);
    const existing = this.#records.get(key);
    if (existing) {
      if (existing.payload !== text) {
        throw new IdempotencyConflictError(`conflict on ${key}`);
      }
      if (existing.result === undefined) {
        throw new RestoreInProgressError(`${key} in progress`);
      }
      return { result: structuredClone(existing.result) as T, replayed: true };
    }
    this.#records.set(key, { payload: text });
    try {
      const result = await fn();
      this.#records.set(key, {
        payload: text,
        result: structuredClone(result),
      });
      return { result, replayed: false };
    } catch (error) {
      this.#records.delete(key);
      throw error;
    }
  }
}
