import { compact } from '../domain/compact.js';
import {
  allowedVaultNames,
  checkArnLocation,
  checkOverrides,
  checkResourceType,
  checkVault,
  resolveRoleArn,
} from '../domain/policy-checks.js';
import type { RecoveryPoint } from '../domain/recovery-point.js';
import { type ResourceType, toResourceType } from '../domain/resource-type.js';
import { resourceTypeFromArn } from '../domain/resource-type-from-arn.js';
import type { RestorePlan } from '../domain/restore-plan.js';
import type { RestorePolicy } from '../domain/restore-policy.js';
import {
  describeFilters,
  RESTORABLE_STATUS,
  type RecoveryPointFilters,
  selectLatest,
} from '../domain/select-recovery-point.js';
import type { StartRestoreJobInput } from '../domain/start-restore-job-input.js';
import { RecoveryPointNotFoundError } from '../errors/recovery-point-not-found-error.js';
import { RecoveryPointNotRestorableError } from '../errors/recovery-point-not-restorable-error.js';
import { RequestValidationError } from '../errors/request-validation-error.js';
import type { RestoreRequest } from '../events/restore-request.js';
import {
  idempotencyTokenOf,
  requestKeyOf,
} from '../events/restore-request-key.js';
import type { RecoveryPointCatalog } from '../ports/recovery-point-catalog.js';
import { buildRestoreMetadata } from '../restore-metadata/build-restore-metadata.js';
import { getMetadataBuilder } from '../restore-metadata/builders.js';

/** What planning needs: reads only, never a write. */
export interface PlanRestoreDeps {
  readonly catalog: RecoveryPointCatalog;
  readonly policy: RestorePolicy;
}

/** How the request reached restore-relay. */
export interface PlanRestoreOptions {
  /**
   * An upper bound for `latest` selection that is stable across
   * redeliveries (e.g. when the message was first sent), so that a
   * redelivery picks the same point even after a newer backup completed.
   */
  readonly asOf?: Date;
}

/**
 * Checks what the request alone shows, before any AWS call: the role, the
 * vaults it names, its resource type (given, or shown by its resource ARN)
 * and overrides, the Region and account of its ARNs
 * (reliability-and-limits.md §5, R5).
 *
 * @returns the IAM role ARN to pass
 * @throws PolicyViolationError
 */
export const checkRequestPolicy = (
  request: RestoreRequest,
  policy: RestorePolicy
): string => {
  const roleArn = resolveRoleArn(policy, request.restoreRole);
  if (request.recoveryPointArn !== undefined) {
    checkArnLocation(policy, request.recoveryPointArn, 'recoveryPointArn');
  }
  if (request.resourceArn !== undefined) {
    checkArnLocation(policy, request.resourceArn, 'resourceArn');
  }
  if (request.backupVaultName !== undefined) {
    checkVault(policy, { name: request.backupVaultName }, 'backupVaultName');
  }
  for (const [i, name] of (request.selection?.vaults ?? []).entries()) {
    checkVault(policy, { name }, `selection.vaults.${i}`);
  }
  const type = request.resourceType ?? typeNamedBy(request.resourceArn);
  if (type !== undefined) {
    checkResourceType(policy, type, 'resourceType');
    checkOverrides(policy, type, request.metadata ?? {});
  }
  return roleArn;
};

/**
 * The type a resource ARN shows, when only one type has ARNs of that form.
 * An RDS `cluster:` ARN may be Aurora, DocumentDB or Neptune, so it shows
 * none: the recovery point will tell.
 */
const typeNamedBy = (arn: string | undefined): ResourceType | undefined => {
  const type = arn === undefined ? undefined : resourceTypeFromArn(arn);
  return type === 'Aurora' ? undefined : type;
};

const earliest = (...dates: (Date | undefined)[]): Date | undefined =>
  dates
    .filter((d): d is Date => d !== undefined)
    .sort((a, b) => a.getTime() - b.getTime())[0];

const resolveRecoveryPoint = async (
  request: RestoreRequest,
  deps: PlanRestoreDeps,
  options: PlanRestoreOptions
): Promise<RecoveryPoint> => {
  if (request.recoveryPointArn !== undefined) {
    const point = await deps.catalog.describe(
      request.backupVaultName ?? '',
      request.recoveryPointArn
    );
    if (point.status !== RESTORABLE_STATUS) {
      throw new RecoveryPointNotRestorableError(
        `recoveryPointArn: recovery point ${point.recoveryPointArn} is ${point.status}${point.statusMessage ? ` (${point.statusMessage})` : ''}; only ${RESTORABLE_STATUS} points can be restored`
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
      options.asOf
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
      throw new RequestValidationError([
        {
          path: 'resourceType',
          message: `is ${request.resourceType}, but the recovery point holds ${actual}`,
        },
      ]);
    }
    return request.resourceType;
  }
  if (actual === undefined) {
    throw new RequestValidationError([
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
 *
 * @throws RequestValidationError, PolicyViolationError,
 *   RecoveryPointNotFoundError, RecoveryPointNotRestorableError, or a
 *   retryable error from AWS
 */
export const planRestore = async (
  request: RestoreRequest,
  deps: PlanRestoreDeps,
  options: PlanRestoreOptions = {}
): Promise<RestorePlan> => {
  const requestId = requestKeyOf(request);
  const roleArn = checkRequestPolicy(request, deps.policy);
  const point = await resolveRecoveryPoint(request, deps, options);
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
  checkOverrides(deps.policy, resourceType, request.metadata ?? {});
  if (
    request.copySourceTags === true &&
    !getMetadataBuilder(resourceType).copySourceTagsSupported
  ) {
    throw new RequestValidationError([
      {
        path: 'copySourceTags',
        message: `is not supported for ${resourceType}: AWS fails the restore job when it is set`,
      },
    ]);
  }
  const built = buildRestoreMetadata({
    resourceType,
    saved: saved.metadata,
    overrides: request.metadata ?? {},
    recoveryPoint: compact({
      recoveryPointArn: point.recoveryPointArn,
      backupVaultName: point.backupVaultName,
      resourceArn: point.resourceArn ?? request.resourceArn,
      resourceName: point.resourceName,
    }),
    requestKey: requestId,
  });
  if (built.problems.length > 0) {
    throw new RequestValidationError(built.problems);
  }
  const input: StartRestoreJobInput = {
    RecoveryPointArn: point.recoveryPointArn,
    Metadata: built.metadata,
    IamRoleArn: roleArn,
    IdempotencyToken: idempotencyTokenOf(requestId),
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
    warnings: built.warnings,
  };
};
