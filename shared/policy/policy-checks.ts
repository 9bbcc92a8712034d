import type { ResourceType } from '../domain/resource-type.js';
import type { RestorePolicy } from '../domain/restore-policy.js';
import { PolicyViolationError } from '../errors/errors.js';
import { arnLocationProblem } from './location-checks.js';

const list = (values: Iterable<string>): string => [...values].join(', ');

/**
 * The IAM role ARN to pass for a requested role name (or the default). An
 * ARN in the request is accepted only when it is one of the allowlisted
 * ARNs, so a message can never choose an arbitrary role
 * (docs/policy.md).
 *
 * @throws PolicyViolationError when the role is not on the allowlist
 */
export const resolveRoleArn = (
  policy: RestorePolicy,
  requested: string | undefined
): string => {
  const name = requested ?? policy.defaultRestoreRole;
  const byName = policy.restoreRoles.get(name);
  if (byName !== undefined) {
    return byName;
  }
  if ([...policy.restoreRoles.values()].includes(name)) {
    return name;
  }
  throw new PolicyViolationError(
    'restoreRole',
    `"${name}" is not an allowed restore role; allowed: ${list(policy.restoreRoles.keys())}`
  );
};

/**
 * @throws PolicyViolationError when the vault is not allowed
 */
export const checkVault = (
  policy: RestorePolicy,
  vault: { readonly name: string; readonly arn?: string | undefined },
  path: string
): void => {
  if (vault.arn !== undefined) {
    checkArnLocation(policy, vault.arn, path);
  }
  const allowed = policy.allowedVaults;
  if (allowed === '*' || allowed.has(vault.name)) {
    return;
  }
  throw new PolicyViolationError(
    path,
    `vault "${vault.name}" is not allowed; allowed vaults: ${list(allowed)}`
  );
};

/** The allowed vault names, for filtering listings; undefined means any. */
export const allowedVaultNames = (
  policy: RestorePolicy
): ReadonlySet<string> | undefined =>
  policy.allowedVaults === '*' ? undefined : policy.allowedVaults;

/**
 * @throws PolicyViolationError when the resource type is not allowed
 */
export const checkResourceType = (
  policy: RestorePolicy,
  type: ResourceType,
  path: string
): void => {
  const allowed = policy.allowedResourceTypes;
  if (allowed !== '*' && !allowed.has(type)) {
    throw new PolicyViolationError(
      path,
      `resource type "${type}" is not allowed; allowed: ${list(allowed)}`
    );
  }
};

/**
 * Checks that a request's ARN is in the deployment's partition, Region and
 * account: an ARN with an empty Region or account passes only where AWS
 * writes none (global services; S3 buckets, EBS and EC2 snapshots).
 *
 * @throws PolicyViolationError when the ARN is elsewhere
 */
export const checkArnLocation = (
  policy: RestorePolicy,
  arn: string,
  path: string
): void => {
  const problem = arnLocationProblem(policy, arn);
  if (problem !== undefined) {
    throw new PolicyViolationError(path, problem);
  }
};
