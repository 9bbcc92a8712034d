import { resourceTypeFromArn } from '../domain/resource-type-from-arn.js';
import { stringifyOverrides } from '../restore-metadata/to-metadata-string.js';
import type { RestoreRequest } from './restore-request.js';
import { requestKeyOf } from './restore-request-key.js';

/**
 * A valid restore request with what is derived from it, computed once when
 * it is read and passed down unchanged: its key (the requestId, or the
 * content hash) and the resource type it names or implies.
 */
export interface ReceivedRequest {
  readonly request: RestoreRequest;
  /** The request key ({@link requestKeyOf}): claims, names and tokens. */
  readonly key: string;
  /** The resource type the request names or its ARN implies, if any. */
  readonly resourceType?: string;
  /**
   * The request's metadata overrides as StartRestoreJob would receive them
   * (strings), for the policy checks; a value that cannot be sent is left
   * out here and reported by the metadata builder.
   */
  readonly sentOverrides: Readonly<Record<string, string>>;
}

/**
 * Derives the key, implied type and sent overrides of a validated request,
 * once.
 *
 * @example
 * ```ts
 * const received = receiveRequest(parseRestoreRequest(body));
 * await startRestore(received, deps, { source: 'sqs' });
 * ```
 */
export const receiveRequest = (request: RestoreRequest): ReceivedRequest => {
  const arn = request.recoveryPointArn ?? request.resourceArn;
  const resourceType =
    request.resourceType ??
    (arn === undefined ? undefined : resourceTypeFromArn(arn));
  return {
    request,
    key: requestKeyOf(request),
    sentOverrides: stringifyOverrides(request.metadata ?? {}, () => true)
      .values,
    ...(resourceType === undefined ? {} : { resourceType }),
  };
};
