import type { JsonObject, JsonValue } from '../domain/json.js';

/** The result of an idempotent run. */
export interface IdempotentOutcome<T extends JsonObject> {
  readonly result: T;
  /** True when the result is the stored result of an earlier run. */
  readonly replayed: boolean;
}

/**
 * Runs a side effect at most once per key at a time, and replays the stored
 * result for later runs with the same key.
 */
export interface IdempotentRunner {
  /**
   * @param key - the request key
   * @param payload - what must be identical for a replay; a different
   *   payload under the same key is an IdempotencyConflictError
   * @throws IdempotencyConflictError, RestoreInProgressError, DependencyFailureError,
   *   or whatever `fn` throws (the claim is then released)
   */
  run<T extends JsonObject>(
    key: string,
    payload: JsonValue,
    fn: () => Promise<T>
  ): Promise<IdempotentOutcome<T>>;
}
