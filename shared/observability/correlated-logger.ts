import type { Logger } from '@aws-lambda-powertools/logger';
import { logger } from './logger.js';

/**
 * A child of the container's logger whose every line carries the request
 * key as `correlation_id`. A child per request, not `setCorrelationId` on
 * the shared logger, because the records of one batch run concurrently.
 *
 * @example
 * ```ts
 * const log = correlatedLogger(reading.key);
 * log.info('restore job started', { restoreJobId });
 * ```
 */
export const correlatedLogger = (requestKey: string): Logger => {
  const child = logger.createChild();
  child.setCorrelationId(requestKey);
  return child;
};
