import { serializeJson } from '#shared/domain/serialize-json';
import { readRestoreRequest } from '#shared/events/read-restore-request';
import {
  type StartOrRejectDeps,
  startOrReject,
} from '#shared/use-cases/start-or-reject';
import type { InvokeRestoreResult } from './invoke-result.js';
import { requestedByOfInvocation } from './requested-by.js';

/**
 * Handles one direct invocation: the payload is the request. A rejected
 * request (kept and notified like at every source) is thrown, so the
 * caller sees the error by its code; a started or replayed one returns
 * its RestoreJobId.
 *
 * @throws AppError the rejection, or a retryable failure
 */
export const restoreFromInvocation = async (
  event: unknown,
  deps: StartOrRejectDeps
): Promise<InvokeRestoreResult> => {
  // Iterative: a deeply nested payload must still be kept and rejected.
  const original = serializeJson(event);
  const reading = readRestoreRequest(event, {
    sizeBytes: Buffer.byteLength(original, 'utf8'),
  });
  const result = await startOrReject(reading, deps, {
    source: 'invoke',
    original,
    requestedBy: requestedByOfInvocation(event),
  });
  if (result.status === 'rejected') {
    throw result.error;
  }
  return result.result;
};
