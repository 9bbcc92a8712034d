/** Timeouts and retries every SDK client is created with. */
export interface SdkSettings {
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  readonly maxAttempts: number;
}

/**
 * The client options for {@link SdkSettings}. The SDK's default request
 * timeout is none at all, so a hung connection could use up the whole
 * function timeout (docs/reliability.md#sdk-timeouts). Endpoints come from the
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables, read by the SDK itself.
 *
 * @example
 * ```ts
 * new BackupClient(sdkClientOptions({ requestTimeoutMs: 5000, connectionTimeoutMs: 1000, maxAttempts: 3 }));
 * ```
 */
export const sdkClientOptions = (settings: SdkSettings) => ({
  maxAttempts: settings.maxAttempts,
  requestHandler: {
    requestTimeout: settings.requestTimeoutMs,
    connectionTimeout: settings.connectionTimeoutMs,
    // @smithy/node-http-handler 4.14 only logs a warning when requestTimeout
    // passes, unless this is set; with it the request is aborted and the
    // SDK sees a retryable TimeoutError.
    throwOnRequestTimeout: true,
  },
});
