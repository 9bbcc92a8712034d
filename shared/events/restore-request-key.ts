import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import type { JsonObject } from '../domain/json.js';
import { toMetadataString } from '../restore-metadata/to-metadata-string.js';
import type { RestoreRequest } from './restore-request.js';

const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('hex');

const canonicalDate = (iso: string | undefined): string | undefined =>
  iso === undefined ? undefined : new Date(iso).toISOString();

// A number or boolean hashes as the string StartRestoreJob receives for it,
// so that `1e21` and "1000000000000000000000" hash alike (their JSON texts
// differ); lists and objects hash as canonical JSON, so key order inside a
// value does not matter.
const canonicalValue = (value: unknown): string => {
  if (typeof value === 'number' || typeof value === 'boolean') {
    const sent = toMetadataString(value);
    if (sent.ok) {
      return sent.value;
    }
  }
  return typeof value === 'string' ? value : canonicalJson(value);
};

/**
 * The part of a request that decides which restore it asks for. `dryRun`,
 * `taskToken` and `context` are left out on purpose: a preview must show the
 * same names and token as the real run, and a redelivery with a new task
 * token or context must not start a second restore (a duplicate restore is
 * the costly failure; callers who want two restores of the same point send
 * two requestIds).
 */
const canonicalContent = (r: RestoreRequest): unknown => ({
  recoveryPointArn: r.recoveryPointArn,
  backupVaultName: r.backupVaultName,
  resourceArn: r.resourceArn,
  selection: r.selection && {
    strategy: r.selection.strategy,
    before: canonicalDate(r.selection.before),
    after: canonicalDate(r.selection.after),
    vaults: r.selection.vaults && [...new Set(r.selection.vaults)].sort(),
  },
  resourceType: r.resourceType,
  // `true` and "true", 5 and "5" send the same Metadata, so they hash alike.
  metadata:
    r.metadata &&
    Object.fromEntries(
      Object.entries(r.metadata).map(([k, v]) => [k, canonicalValue(v)])
    ),
  restoreRole: r.restoreRole,
  copySourceTags: r.copySourceTags ?? false,
});

/**
 * What the request asks for, as JSON in canonical form (sorted keys, absent
 * fields left out): the payload the idempotency record compares. The same
 * request key with other content is then a conflict before any AWS Backup
 * call (docs/reliability.md#r6).
 */
export const restoreContentOf = (request: RestoreRequest): JsonObject =>
  JSON.parse(canonicalJson(canonicalContent(request))) as JsonObject;

/**
 * The request key: the caller's `requestId`, or a hash of the canonical
 * request, so that key order and value formatting do not change it.
 *
 * @example
 * ```ts
 * requestKeyOf({ requestId: 'inc-42', ... }); // 'inc-42'
 * requestKeyOf({ resourceArn, selection }); // 'auto-3f1c…' (40 hex)
 * ```
 */
export const requestKeyOf = (request: RestoreRequest): string =>
  request.requestId ??
  `auto-${sha256(canonicalJson(canonicalContent(request))).slice(0, 40)}`;

/**
 * The `IdempotencyToken` sent to `StartRestoreJob`: a pure function of the
 * request key, never the SDK's random default, so that a redelivery after a
 * crash between StartRestoreJob and the idempotency record's completion does
 * not start a second job (docs/reliability.md#idempotency-token).
 *
 * The deployment (stack and stage) is part of it: two stages in one
 * account that see the same `requestId` must not share a token, or one
 * stage's restore would answer the other's.
 *
 * Shaped as a UUID because that is what AWS's own callers send.
 */
export const idempotencyTokenOf = (
  requestKey: string,
  deployment?: string
): string => {
  const h = sha256(
    deployment === undefined
      ? `restore-relay:idempotency-token:${requestKey}`
      : `restore-relay:idempotency-token:${deployment}/${requestKey}`
  );
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
