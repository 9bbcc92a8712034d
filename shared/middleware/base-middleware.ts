import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { ConfigInvalidError } from '../errors/errors.js';
import { logger } from '../observability/logger.js';
import { metrics } from '../observability/metrics.js';

/**
 * The Lambda context of a restore-relay function: Lambda's, plus the
 * function's deps, set by {@link baseMiddleware} before the handler runs.
 */
export interface RelayContext<Deps> extends Context {
  deps: Deps;
}

/**
 * Builds the function's deps (once per container: `getDeps` memoises)
 * before anything else and puts them on the context, so a bad deployment
 * fails its first invocation loudly, with a CRITICAL log that names every
 * wrong variable, and never half-processes a request.
 */
const relayDeps = <Deps>(
  getDeps: () => Deps
): MiddlewareObj<unknown, unknown, Error, RelayContext<Deps>> => ({
  name: 'relayDeps',
  before: (request) => {
    try {
      request.context.deps = getDeps();
    } catch (error) {
      if (error instanceof ConfigInvalidError) {
        logger.critical('invalid configuration', { error });
      }
      throw error;
    }
  },
});

/** Publishes the Powertools ColdStart metric on a container's first call. */
const coldStartMetric = (): MiddlewareObj => ({
  name: 'coldStartMetric',
  before: (request) => {
    metrics.captureColdStartMetric(request.context.functionName);
  },
});

/**
 * The middleware every restore-relay function starts with, in this order
 * (docs/architecture.md#middleware):
 *
 * 1. the function's deps, from its composition root
 *    (`functions/<name>/deps.ts`: its own configuration schema, parsed
 *    once, and only the adapters it uses), set on `context.deps`;
 * 2. the Powertools Logger with the Lambda context (`resetKeys`, so no key
 *    leaks from one invocation into the next). The event is never logged:
 *    it carries restore metadata, which AWS marks sensitive;
 * 3. the ColdStart metric. Restore metrics are emitted as they happen
 *    (see `PowertoolsRestoreMetrics`).
 *
 * @example
 * ```ts
 * export const handler = middy<SQSEvent, SQSBatchResponse, Error, RelayContext<SqsRestoreDeps>>()
 *   .use(baseMiddleware(getSqsRestoreDeps))
 *   .handler((event, context) => run(event, context.deps));
 * ```
 */
export const baseMiddleware = <Deps>(
  getDeps: () => Deps
): MiddlewareObj<unknown, unknown, Error, RelayContext<Deps>>[] => [
  relayDeps(getDeps),
  injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj<
    unknown,
    unknown,
    Error,
    RelayContext<Deps>
  >,
  coldStartMetric() as MiddlewareObj<
    unknown,
    unknown,
    Error,
    RelayContext<Deps>
  >,
];

/**
 * Hands the Lambda context to Powertools idempotency (start functions), so
 * an in-progress claim expires with the invocation's remaining time.
 */
export const idempotencyContext = <
  Deps extends {
    readonly idempotency: { registerLambdaContext(context: Context): void };
  },
>(): MiddlewareObj<unknown, unknown, Error, RelayContext<Deps>> => ({
  name: 'idempotencyContext',
  before: (request) => {
    request.context.deps.idempotency.registerLambdaContext(request.context);
  },
});
