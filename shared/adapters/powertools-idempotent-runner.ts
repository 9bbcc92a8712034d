import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyInconsistentStateError,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { JsonObject, JsonValue } from '../domain/json.js';
import {
  DependencyFailureError,
  IdempotencyConflictError,
  RestoreInProgressError,
} from '../errors/errors.js';
import type {
  IdempotentOutcome,
  IdempotentRunner,
} from '../ports/idempotent-runner.js';

const REPLAYED = '__restoreRelayReplayed';

/**
 * {@link IdempotentRunner} over Powertools idempotency with the DynamoDB
 * persistence layer, through `makeIdempotent` on the inner function: the
 * middy `makeHandlerIdempotent` middleware has the lock-deletion race #5675
 * at 2.35.0 (docs/reliability.md#powertools-idempotency).
 *
 * - The key prefix is fixed (not the function name), so one request is one
 *   record whichever source it came through.
 * - `payloadValidationJmesPath` covers the whole payload: the same key with
 *   other content is a conflict (docs/reliability.md#r6).
 * - `throwOnNoIdempotencyKey`, so a missing key never silently disables
 *   idempotency (#1501).
 * - One persistence layer per runner: a layer silently keeps the first
 *   configuration it saw (docs/reliability.md#powertools-idempotency).
 * - The payload object is built here and never mutated, which sidesteps
 *   #5715 (a mutated input hashes to another key).
 */
export class PowertoolsIdempotentRunner implements IdempotentRunner {
  readonly #store: DynamoDBPersistenceLayer;
  readonly #config: IdempotencyConfig;
  readonly #keyPrefix: string;

  constructor(deps: {
    readonly client: DynamoDBClient;
    readonly tableName: string;
    readonly expiresAfterSeconds: number;
    readonly keyPrefix: string;
  }) {
    this.#store = new DynamoDBPersistenceLayer({
      tableName: deps.tableName,
      awsSdkV3Client: deps.client,
    });
    this.#config = new IdempotencyConfig({
      eventKeyJmesPath: 'key',
      payloadValidationJmesPath: 'payload',
      throwOnNoIdempotencyKey: true,
      expiresAfterSeconds: deps.expiresAfterSeconds,
      responseHook: (response) =>
        typeof response === 'object' &&
        response !== null &&
        !Array.isArray(response)
          ? { ...response, [REPLAYED]: true }
          : response,
    });
    this.#keyPrefix = deps.keyPrefix;
  }

  /**
   * Gives Powertools the remaining time, so an in-progress claim expires
   * with the invocation. Without it there is no in-progress expiry at all.
   */
  registerLambdaContext(context: Context): void {
    this.#config.registerLambdaContext(context);
  }

  async run<T extends JsonObject>(
    key: string,
    payload: JsonValue,
    fn: () => Promise<T>
  ): Promise<IdempotentOutcome<T>> {
    const idempotent = makeIdempotent(
      async (_data: { key: string; payload: JsonValue }) => fn(),
      {
        persistenceStore: this.#store,
        config: this.#config,
        keyPrefix: this.#keyPrefix,
      }
    );
    let raw: T & { [REPLAYED]?: boolean };
    try {
      raw = (await idempotent({ key, payload })) as T & {
        [REPLAYED]?: boolean;
      };
    } catch (error) {
      throw mapError(error, key);
    }
    const { [REPLAYED]: replayed, ...result } = raw;
    return { result: result as unknown as T, replayed: replayed === true };
  }
}

const mapError = (error: unknown, key: string): unknown => {
  if (error instanceof IdempotencyValidationError) {
    return new IdempotencyConflictError(
      `requestId "${key}" was already used for a different restore; send a new requestId for a different restore`,
      { cause: error }
    );
  }
  if (
    error instanceof IdempotencyAlreadyInProgressError ||
    error instanceof IdempotencyInconsistentStateError
  ) {
    return new RestoreInProgressError(
      `request "${key}" is being processed by another delivery; retry later`,
      { cause: error }
    );
  }
  if (error instanceof IdempotencyPersistenceLayerError) {
    return new DependencyFailureError(
      'the idempotency store (DynamoDB) failed; retry later',
      { cause: error }
    );
  }
  return error;
};
