import type { Arrival } from '../domain/arrival.js';
import { compact } from '../domain/compact.js';
import type { RecoveryPoint } from '../domain/recovery-point.js';
import { type ResourceType, toResourceType } from '../domain/resource-type.js';
import { resourceTypeFromArn } from '../domain/resource-type-from-arn.js';
import type { RestorePlan } from '../domain/restore-plan.js';
import type { RestorePolicy } from '../domain/restore-policy.js';
import {
  describeFilters,
  RESTORABLE_STATUS_TEXT,
  RESTORABLE_STATUSES,
  type RecoveryPointFilters,
  selectLatest,
} from '../domain/select-recovery-point.js';
import type { StartRestoreJobInput } from '../domain/start-restore-job-input.js';
import {
  RecoveryPointNotFoundError,
  RecoveryPointNotRestorableError,
  RestoreRequestInvalidError,
} from '../errors/errors.js';
import type { ReceivedRequest } from '../events/received-request.js';
import type { RestoreRequest } from '../events/restore-request.js';
import { idempotencyTokenOf } from '../events/restore-request-key.js';
import { applyRestoreProfile } from '../policy/apply-restore-profile.js';
import { checkRequestPolicy } from '../policy/check-request-policy.js';
import {
  allowedVaultNames,
  checkResourceType,
  checkVault,
} from '../policy/policy-checks.js';
import type { RecoveryPointCatalog } from '../ports/recovery-point-catalog.js';
import { buildRestoreMetadata } from '../restore-metadata/build-restore-metadata.js';
import { getMetadataBuilder } from '../restore-metadata/builders.js';
import { savedValue } from '../restore-metadata/metadata-keys.js';
import type { MetadataSource } from '../restore-metadata/metadata-map.js';

/** What planning needs: reads only, never a write. */
export interface PlanRestoreDeps {
  readonly catalog: RecoveryPointCatalog;
  readonly policy: RestorePolicy;
  /**
   * The deployment (stack and stage) the token and derived names are
   * namespaced by, so that two stages that see the same requestId never
   * send the same IdempotencyToken or pick the same names.
   */
  readonly deployment?: string;
}

/** What planning reads of the arrival: the fixed upper bound of `latest`. */
type PlanArrival = Pick<Arrival, 'asOf'>;

const earliest = (...dates: (Date | undefined)[]): Date | undefined =>
  dates
    .filter((d): d is Date => d !== undefined)
    .sort((a, b) => a.getTime() - b.getTime())[0];

const resolveRecoveryPoint = async (
  request: RestoreRequest,
  deps: PlanRestoreDeps,
  arrival: PlanArrival
): Promise<RecoveryPoint> => {
  if (request.recoveryPointArn !== undefined) {
    const point = await deps.catalog.describe(
      request.backupVaultName ?? '',
      request.recoveryPointArn
    );
    if (!RESTORABLE_STATUSES.has(point.status)) {
      throw new RecoveryPointNotRestorableError(
        `recoveryPointArn: recovery point ${point.recoveryPointArn} is ${point.status}${point.statusMessage ? ` (${point.statusMessage})` : ''}; only ${RESTORABLE_STATUS_TEXT} points can be restored`
      );
    }
    return point;
  }
  const resourceArn = request.resourceArn ?? '';
  const requested = request.selection?.vaults;
  const allowed = allowedVaultNames(deps.policy);
  const vaults =
    requested === undefined
      ? allowed
      : new Set(
          requested.filter((v) => allowed === undefined || allowed.has(v))
        );
  const before = request.selection?.before;
  const after = request.selection?.after;
  const filters: RecoveryPointFilters = compact({
    resourceArn,
    vaults,
    before: earliest(
      before === undefined ? undefined : new Date(before),
      arrival.asOf
    ),
    after: after === undefined ? undefined : new Date(after),
  });
  const points = await deps.catalog.listByResource(resourceArn);
  const point = selectLatest(points, filters);
  if (point === undefined) {
    throw new RecoveryPointNotFoundError(
      `no recovery point matches: ${describeFilters(filters, points.length)}`
    );
  }
  return point;
};

const resolveResourceType = (
  request: RestoreRequest,
  point: RecoveryPoint,
  reported: string | undefined
): ResourceType => {
  const fromAws = [point.resourceType, reported]
    .map((t) => (t === undefined ? undefined : toResourceType(t)))
    .find((t) => t !== undefined);
  const actual =
    fromAws ??
    (point.resourceArn === undefined
      ? undefined
      : resourceTypeFromArn(point.resourceArn));
  if (request.resourceType !== undefined) {
    if (actual !== undefined && actual !== request.resourceType) {
      throw new RestoreRequestInvalidError([
        {
          path: 'resourceType',
          message: `is ${request.resourceType}, but the recovery point holds ${actual}`,
        },
      ]);
    }
    return request.resourceType;
  }
  if (actual === undefined) {
    throw new RestoreRequestInvalidError([
      {
        path: 'resourceType',
        message: `AWS did not report the recovery point's type (${point.resourceType ?? reported ?? 'none'}); give resourceType`,
      },
    ]);
  }
  return actual;
};

/**
 * Turns a restore request into the exact `StartRestoreJob` input, reading
 * AWS but writing nothing: the dry run, the plan command, and the first
 * half of {@link startRestore}.
 *
 * 1. Check the request against policy (no AWS call yet).
 * 2. Resolve the recovery point: the explicit ARN (`DescribeRecoveryPoint`,
 *    must be COMPLETED) or the latest matching point of the resource.
 * 3. Read the saved metadata (`GetRecoveryPointRestoreMetadata`).
 * 4. Check the resolved vault and type against policy.
 * 5. Build and validate the metadata for the type.
 * 6. Apply the type's restore profile to the final metadata: pinned
 *    values, what the request may set, in-place restores, and where every
 *    ARN in it points (docs/policy.md).
 *
 * @throws RestoreRequestInvalidError, PolicyViolationError,
 *   RecoveryPointNotFoundError, RecoveryPointNotRestorableError, or a
 *   retryable error from AWS
 */
export const planRestore = async (
  received: ReceivedRequest,
  deps: PlanRestoreDeps,
  arrival: PlanArrival = {},
  checkedRoleArn?: string
): Promise<RestorePlan> => {
  const { request, key: requestId } = received;
  const roleArn = checkedRoleArn ?? checkRequestPolicy(received, deps.policy);
  const point = await resolveRecoveryPoint(request, deps, arrival);
  const saved = await deps.catalog.getRestoreMetadata(
    point.backupVaultName,
    point.recoveryPointArn
  );
  const resourceType = resolveResourceType(request, point, saved.resourceType);
  checkVault(
    deps.policy,
    { name: point.backupVaultName, arn: point.backupVaultArn },
    'recoveryPoint'
  );
  checkResourceType(deps.policy, resourceType, 'resourceType');
  if (
    request.copySourceTags === true &&
    !getMetadataBuilder(resourceType).copySourceTagsSupported
  ) {
    throw new RestoreRequestInvalidError([
      {
        path: 'copySourceTags',
        message: `is not supported for ${resourceType}: AWS fails the restore job when it is set`,
      },
    ]);
  }
  const resourceArn = point.resourceArn ?? request.resourceArn;
  const built = buildRestoreMetadata({
    resourceType,
    saved: saved.metadata,
    overrides: request.metadata ?? {},
    recoveryPoint: compact({
      recoveryPointArn: point.recoveryPointArn,
      backupVaultName: point.backupVaultName,
      resourceArn,
      resourceName: point.resourceName,
    }),
    requestKey: namespacedKey(deps.deployment, requestId),
  });
  if (built.problems.length > 0) {
    throw new RestoreRequestInvalidError(built.problems);
  }
  const profiled = applyRestoreProfile(deps.policy, {
    resourceType,
    metadata: built.metadata,
    sources: sourcesOf(built.metadata, request.metadata, saved.metadata),
    saved: saved.metadata,
    requested: received.sentOverrides,
    vault: point.backupVaultName,
    ...(resourceArn === undefined ? {} : { resourceArn }),
  });
  const input: StartRestoreJobInput = {
    RecoveryPointArn: point.recoveryPointArn,
    Metadata: profiled.metadata,
    IamRoleArn: roleArn,
    IdempotencyToken: idempotencyTokenOf(requestId, deps.deployment),
    ResourceType: resourceType,
    ...(request.copySourceTags === undefined
      ? {}
      : { CopySourceTagsToRestoredResource: request.copySourceTags }),
  };
  return {
    requestId,
    resourceType,
    recoveryPoint: point,
    input,
    warnings: [...built.warnings, ...profiled.warnings],
    decisions: profiled.decisions,
  };
};

/** The key names and tokens are derived from: the deployment's, then the request's. */
const namespacedKey = (deployment: string | undefined, key: string): string =>
  deployment === undefined ? key : `${deployment}/${key}`;

/**
 * Where each built key came from, read strictly: a key the request set (in
 * any case) counts as the request's, so the profile judges it even when the
 * builder kept or reshaped it; a key with its saved value is saved; the
 * rest restore-relay derived.
 */
const sourcesOf = (
  metadata: Readonly<Record<string, string>>,
  overrides: RestoreRequest['metadata'],
  saved: Readonly<Record<string, string>>
): Record<string, MetadataSource> => {
  const requested = new Set(
    Object.keys(overrides ?? {}).map((k) => k.toLowerCase())
  );
  return Object.fromEntries(
    Object.entries(metadata).map(([key, value]) => [
      key,
      requested.has(key.toLowerCase())
        ? 'override'
        : savedValue(saved, key) === value
          ? 'saved'
          : 'derived',
    ])
  );
};
