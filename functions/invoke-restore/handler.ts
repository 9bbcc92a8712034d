import middy from '@middy/core';
import {
  baseMiddleware,
  idempotencyContext,
  type RelayContext,
} from '#shared/middleware/base-middleware';
import { invokeErrors } from '#shared/middleware/invoke-error';
import type { StartDeps } from '#shared/wiring/start-deps';
import { getInvokeRestoreDeps } from './deps.js';
import type { InvokeRestoreResult } from './invoke-result.js';
import { restoreFromInvocation } from './restore-from-invocation.js';

/**
 * Direct invocation (Step Functions, another Lambda, `aws lambda invoke`):
 * the request is the payload; the result carries the RestoreJobId; failures
 * are errors named by their code, for Step Functions `Retry`/`Catch`.
 */
export const handler = middy<
  unknown,
  InvokeRestoreResult,
  Error,
  RelayContext<StartDeps>
>()
  .use(baseMiddleware(getInvokeRestoreDeps))
  .use(idempotencyContext<StartDeps>())
  .use(invokeErrors())
  .handler((event, context) => restoreFromInvocation(event, context.deps));
