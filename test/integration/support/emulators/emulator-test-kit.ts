/**
 * What the emulator tests share: SDK clients pointed at an emulator, the
 * `/_emulator/*` control endpoints over HTTP, fault rules, and a retry
 * strategy without delays. Each test file keeps its own service calls and
 * assertions.
 */
import { sdkClientOptions } from '#shared/clients/sdk-settings';
import type { FaultRule } from '#test/support/emulators/fault-rules';

/**
 * The settings every SDK client under test starts from: the emulator as
 * endpoint, fake credentials, one attempt (so a test sees each failure) and
 * short timeouts (so a hang fails fast).
 *
 * @example
 * ```ts
 * new SNSClient({ ...emulatorClientConfig(sns.url), maxAttempts: 2 });
 * ```
 */
export const emulatorClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  ...sdkClientOptions({
    requestTimeoutMs: 2_000,
    connectionTimeoutMs: 1_000,
    maxAttempts: 1,
  }),
});

/**
 * Client overrides that give up on a request after 100 ms, shorter than the
 * hang faults the tests arm. @smithy/node-http-handler 4.14 only logs a
 * warning on `requestTimeout` unless `throwOnRequestTimeout` is set.
 *
 * @example
 * ```ts
 * client = clientWith(GIVES_UP_AFTER_100_MS);
 * ```
 */
export const GIVES_UP_AFTER_100_MS = {
  requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
};

/**
 * The SDK clients a test file created, destroyed together after each test
 * so that no keep-alive socket outlives its emulator.
 *
 * @example
 * ```ts
 * const clients = new SdkClients<SQSClient>();
 * const client = clients.add(new SQSClient(emulatorClientConfig(sqs.url)));
 * clients.destroyAll();
 * ```
 */
export class SdkClients<Client extends { destroy(): void }> {
  readonly #clients: Client[] = [];

  /** Tracks a client and returns it. */
  add(client: Client): Client {
    this.#clients.push(client);
    return client;
  }

  /** Destroys every tracked client and forgets them. */
  destroyAll(): void {
    for (const client of this.#clients.splice(0)) {
      client.destroy();
    }
  }
}

/** Calls one control endpoint (`/_emulator/<path>`) with an optional JSON body. */
export type ControlCall = (
  method: string,
  path: string,
  body?: unknown
) => Promise<{ status: number; json: unknown }>;

/**
 * A {@link ControlCall} for the emulator at `baseUrl()` (read per call, as
 * tests start a new emulator for each test).
 *
 * @example
 * ```ts
 * const control = controlClient(() => emulator.url);
 * const { status, json } = await control('POST', 'reset');
 * ```
 */
export const controlClient =
  (baseUrl: () => string): ControlCall =>
  async (method, path, body) => {
    const response = await fetch(`${baseUrl()}/_emulator/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            body: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          }),
    });
    return { status: response.status, json: await response.json() };
  };

/**
 * A fault rule that answers the next call of `operation` with an error.
 *
 * @example
 * ```ts
 * sqs.addFault(errorFault('SendMessage', 'InternalError', 500));
 * backup.addFault(errorFault('StartRestoreJob', 'ServiceUnavailableException', 500, 2));
 * ```
 */
export const errorFault = <Op extends string>(
  operation: Op,
  errorName: string,
  status: number,
  count?: number
): FaultRule<Op> => ({
  operation,
  ...(count === undefined ? {} : { count }),
  kind: 'error',
  errorName,
  status,
});

/** A retry token as the SDK's retry strategies hand them around. */
interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

/**
 * A retry strategy (the SDK's `RetryStrategyV2` shape, so any client's
 * `retryStrategy` takes it) that retries like the SDK's standard strategy
 * (throttling and transient errors, up to `maxAttempts` attempts) but
 * without delays, and records the error type the SDK classified each
 * failed attempt as.
 *
 * @example
 * ```ts
 * const { strategy, errorTypes } = recordingRetries(3);
 * client = clientWith({ retryStrategy: strategy });
 * // … a call that fails twice, then succeeds …
 * expect(errorTypes).toEqual(['THROTTLING', 'TRANSIENT']);
 * ```
 */
export const recordingRetries = (
  maxAttempts: number
): {
  strategy: {
    acquireInitialRetryToken(scope: string): Promise<RetryToken>;
    refreshRetryTokenForRetry(
      previous: RetryToken,
      info: { errorType: string }
    ): Promise<RetryToken>;
    recordSuccess(token: RetryToken): void;
  };
  errorTypes: string[];
} => {
  const errorTypes: string[] = [];
  const token = (count: number): RetryToken => ({
    getRetryCount: () => count,
    getRetryDelay: () => 0,
  });
  return {
    errorTypes,
    strategy: {
      acquireInitialRetryToken: async () => token(0),
      refreshRetryTokenForRetry: async (previous, info) => {
        errorTypes.push(info.errorType);
        const retryable =
          info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
        if (!retryable || previous.getRetryCount() + 1 >= maxAttempts) {
          throw new Error('no retry');
        }
        return token(previous.getRetryCount() + 1);
      },
      recordSuccess: () => undefined,
    },
  };
};
