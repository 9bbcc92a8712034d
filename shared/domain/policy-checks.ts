import { PolicyViolationError } from '../errors/policy-violation-error.js';
import { canonicalJson } from './canonical-json.js';
import type { ResourceType } from './resource-type.js';
import type { RestorePolicy } from './restore-policy.js';

const list = (values: Iterable<string>): string => [...values].join(', ');

/**
 * The IAM role ARN to pass for a requested role name (or the default). An
 * ARN in the request is accepted only when it is one of the allowlisted
 * ARNs, so a message can never choose an arbitrary role
 * (reliability-and-limits.md §5.2).
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
  const allowed = policy.allowedVaults;
  if (
    allowed === '*' ||
    allowed.has(vault.name) ||
    (vault.arn !== undefined && allowed.has(vault.arn))
  ) {
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
  policy.allowedVaults === '*'
    ? undefined
    : new Set(
        [...policy.allowedVaults].map((v) =>
          v.startsWith('arn:') ? (v.split(':backup-vault:')[1] ?? v) : v
        )
      );

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
 * Rejects overrides the deployment forbids for this type (keys compared
 * case-insensitively, because AWS treats some types' keys so).
 *
 * @throws PolicyViolationError naming the first forbidden override
 */
export const checkOverrides = (
  policy: RestorePolicy,
  type: ResourceType,
  overrides: Readonly<Record<string, unknown>>
): void => {
  const rules = [
    ...(policy.forbiddenOverrides.get('*') ?? []),
    ...(policy.forbiddenOverrides.get(type) ?? []),
  ];
  for (const [key, raw] of Object.entries(overrides)) {
    // Compared as sent to AWS: `false` and "false" are the same value.
    const value = typeof raw === 'string' ? raw : canonicalJson(raw);
    const rule = rules.find(
      (r) =>
        r.key.toLowerCase() === key.toLowerCase() &&
        (r.value === undefined || r.value === value)
    );
    if (rule !== undefined) {
      throw new PolicyViolationError(
        `metadata.${key}`,
        rule.value === undefined
          ? `overriding ${rule.key} is forbidden for ${type} by this deployment`
          : `${rule.key}=${rule.value} is forbidden for ${type} by this deployment`
      );
    }
  }
};

/**
 * Checks that an ARN is in the deployment's Region and account, when those
 * are configured. EBS and EC2 snapshot ARNs carry no account; only the
 * Region is checked for them.
 *
 * @throws PolicyViolationError when the ARN is elsewhere
 */
export const checkArnLocation = (
  policy: RestorePolicy,
  arn: string,
  path: string
): void => {
  const [, , , region, account] = arn.split(':');
  if (policy.region !== undefined && region && region !== policy.region) {
    throw new PolicyViolationError(
      path,
      `Region ${region} is not this deployment's Region (${policy.region})`
    );
  }
  if (
    policy.accountId !== undefined &&
    account &&
    account !== policy.accountId
  ) {
    throw new PolicyViolationError(
      path,
      `account ${account} is not this deployment's account (${policy.accountId})`
    );
  }
};
