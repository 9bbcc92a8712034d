import middy from '@middy/core';
import { getTrackingDeps } from '#shared/adapters/tracking-deps';
import { baseMiddleware } from '#shared/middleware/base-middleware';
import {
  type ReconcileSummary,
  reconcileRestores,
} from '#shared/use-cases/reconcile-restores';

const run = async (): Promise<ReconcileSummary> =>
  reconcileRestores(getTrackingDeps());

/**
 * Scheduled: publishes the outcome of restore jobs whose AWS Backup event
 * never came (events are best effort), and warns once about jobs open past
 * the maximum age. The scheduled event itself carries nothing to read.
 */
export const handler = middy<unknown, ReconcileSummary>()
  .use(baseMiddleware(getTrackingDeps))
  .handler(run);
