import type { ResourceType } from '../domain/resource-type.js';
import { resourceTypeFromArn } from '../domain/resource-type-from-arn.js';
import type { RestorePolicy } from '../domain/restore-policy.js';
import type { ReceivedRequest } from '../events/received-request.js';
import { checkRequestOverrides } from './apply-restore-profile.js';
import {
  checkArnLocation,
  checkResourceType,
  checkVault,
  resolveRoleArn,
} from './policy-checks.js';

/**
 * The type a resource ARN shows, when only one type has ARNs of that form.
 * An RDS `cluster:` ARN may be Aurora, DocumentDB or Neptune, so it shows
 * none: the recovery point will tell.
 */
const typeNamedBy = (arn: string | undefined): ResourceType | undefined => {
  const type = arn === undefined ? undefined : resourceTypeFromArn(arn);
  return type === 'Aurora' ? undefined : type;
};

/**
 * Checks what the request alone shows, before any AWS call: the role, the
 * vaults it names, its resource type (given, or shown by its resource ARN)
 * and the overrides its type's restore profile refuses whatever was backed
 * up, the partition, Region and account of its ARNs. Alarm rules are
 * checked with it at cold start.
 *
 * @returns the IAM role ARN to pass
 * @throws PolicyViolationError
 */
export const checkRequestPolicy = (
  received: Pick<ReceivedRequest, 'request' | 'sentOverrides'>,
  policy: RestorePolicy
): string => {
  const { request } = received;
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
    checkRequestOverrides(policy, type, received.sentOverrides);
  }
  return roleArn;
};
