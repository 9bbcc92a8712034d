import middy from '@middy/core';
import {
  baseMiddleware,
  type RelayContext,
} from '#shared/middleware/base-middleware';
import {
  type ReconcileDeps,
  type ReconcileSummary,
  reconcileRestores,
} from '#shared/use-cases/reconcile-restores';
import { getReconcileRestoresDeps } from './deps.js';

/**
 * Scheduled: publishes the outcome of restore jobs whose AWS Backup event
 * never came (events are best effort), and warns once about jobs open past
 * the maximum age. The scheduled event itself carries nothing to read.
 */
export const handler = middy<
  unknown,
  ReconcileSummary,
  Error,
  RelayContext<ReconcileDeps>
>()
  .use(baseMiddleware(getReconcileRestoresDeps))
  .handler((_event, context) => reconcileRestores(context.deps));
