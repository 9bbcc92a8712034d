import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import { ConfigError } from '../errors/config-error.js';
import { logger } from '../observability/logger.js';
import { metrics } from '../observability/metrics.js';

/**
 * Parses the configuration (once per container) before anything else, so
 * a bad deployment fails its first invocation loudly, with a CRITICAL log
 * that names every wrong variable, and never half-processes a request.
 */
const relayConfig = (getDeps: () => unknown): MiddlewareObj => ({
  name: 'relayConfig',
  before: () => {
    try {
      getDeps();
    } catch (error) {
      if (error instanceof ConfigError) {
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
 * (house-style.md Part 2 §6):
 *
 * 1. configuration, parsed once and validated, and the function's deps
 *    built over it (`getDeps`: each function passes its own, so its bundle
 *    carries only the adapters it uses);
 * 2. the Powertools Logger with the Lambda context (`resetKeys`, so no key
 *    leaks from one invocation into the next). The event is never logged:
 *    it carries restore metadata, which AWS marks sensitive;
 * 3. the ColdStart metric. Restore metrics are emitted as they happen
 *    (see `PowertoolsRestoreMetrics`).
 *
 * @example
 * ```ts
 * export const handler = middy().use(baseMiddleware(getRelayDeps)).handler(run);
 * ```
 */
export const baseMiddleware = (getDeps: () => unknown): MiddlewareObj[] => [
  relayConfig(getDeps),
  injectLambdaContext(logger, { resetKeys: true }),
  coldStartMetric(),
];
