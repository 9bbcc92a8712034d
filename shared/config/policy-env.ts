import * as z from 'zod';
import {
  RESOURCE_TYPES,
  type ResourceType,
  toResourceType,
} from '../domain/resource-type.js';
import type { RestorePolicy } from '../domain/restore-policy.js';
import { partitionOf } from '../policy/location-checks.js';
import { csv, describedEnv } from './env-values.js';
import { parseJsonEnv } from './json-env.js';
import { RestoreProfilesSchema } from './restore-profiles.js';

const RoleArn = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const RoleName = /^[\w+=,.@-]{1,64}$/;

/**
 * `RESTORE_ROLES`: either JSON (`{"default":"arn:aws:iam::…:role/x"}`), or a
 * comma-separated list of `name=arn` or bare role ARNs (named after the
 * role: `arn:aws:iam::…:role/service-role/db-restore` is `db-restore`).
 */
const RestoreRoles = z
  .string()
  .min(1)
  .transform((raw, ctx) => {
    let pairs: [string, unknown][];
    if (raw.trim().startsWith('{')) {
      const parsed = parseJsonEnv(raw, ctx);
      if (parsed === z.NEVER) {
        return z.NEVER;
      }
      if (typeof parsed !== 'object' || parsed === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a JSON object of role name to role ARN',
        });
        return z.NEVER;
      }
      pairs = Object.entries(parsed);
    } else {
      pairs = csv(raw).map((entry) => {
        // A bare role ARN is named after the role itself, so a deployment
        // can pass the same list to IAM (PassRole) and to the function.
        if (RoleArn.test(entry)) {
          return [entry.slice(entry.lastIndexOf('/') + 1), entry];
        }
        const at = entry.indexOf('=');
        return at < 0
          ? [entry, undefined]
          : [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
      });
    }
    const roles = new Map<string, string>();
    for (const [name, arn] of pairs) {
      if (roles.has(name)) {
        // Two ARNs whose last segments match would silently merge, and the
        // last would win (a different role than the operator meant).
        ctx.addIssue({
          code: 'custom',
          message: `role name "${name}" is given twice; name the roles explicitly (name=arn)`,
        });
      } else if (!RoleName.test(name)) {
        ctx.addIssue({
          code: 'custom',
          message: `role name "${name}" must be 1–64 of A-Z a-z 0-9 + = , . @ _ -`,
        });
      } else if (typeof arn !== 'string' || !RoleArn.test(arn)) {
        ctx.addIssue({
          code: 'custom',
          message: `role "${name}" must map to an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
        });
      } else {
        roles.set(name, arn);
      }
    }
    if (roles.size === 0) {
      ctx.addIssue({ code: 'custom', message: 'names no restore role' });
    }
    return roles;
  });

const ResourceTypes = z.string().transform((raw, ctx) => {
  if (raw.trim() === '*') {
    return '*' as const;
  }
  const types = new Set<ResourceType>();
  for (const name of csv(raw)) {
    const type = toResourceType(name);
    if (type === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown resource type "${name}"; allowed: * or ${RESOURCE_TYPES.join(', ')}`,
      });
    } else {
      types.add(type);
    }
  }
  return types;
});

const VaultArn =
  /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:([a-zA-Z0-9_-]{2,50})$/;
const VaultName = /^[a-zA-Z0-9_-]{2,50}$/;

/**
 * `ALLOWED_VAULTS`: vault names or vault ARNs (read as their names:
 * recovery points name their vault by name, and the vault ARN's account and
 * Region are checked like every other ARN), or `*`.
 */
const Vaults = z.string().transform((raw, ctx) => {
  const entries = csv(raw);
  if (entries.includes('*')) {
    return '*' as const;
  }
  if (entries.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: 'names no vault; give vault names or ARNs, or *',
    });
  }
  const names = new Set<string>();
  for (const entry of entries) {
    const name = VaultArn.exec(entry)?.[1] ?? entry;
    if (VaultName.test(name)) {
      names.add(name);
    } else {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not a vault name (2–50 of A-Z a-z 0-9 _ -) or a vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)`,
      });
    }
  }
  return names;
});

/**
 * `TRUSTED_ARNS`: ARNs a restore may use outside this deployment's
 * account, Region or partition (a shared KMS key, a central gateway):
 * comma-separated, each exact or a prefix ending in `*`.
 */
const TrustedArns = z
  .string()
  .default('')
  .transform((raw, ctx) => {
    const entries = csv(raw);
    for (const entry of entries) {
      if (!/^arn:[a-z-]+:[a-z0-9-]+:/.test(entry)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not an ARN or ARN prefix (arn:<partition>:<service>:…, * at the end for a prefix)`,
        });
      }
    }
    return entries;
  });

/**
 * The environment variables of the restore policy, shared by the functions
 * that start restores (see docs/configuration.md).
 */
export const policyEnvShape = describedEnv(
  {
    RESTORE_ROLES: RestoreRoles,
    // Empty means unset: serverless.yml passes '' when no default is chosen.
    DEFAULT_RESTORE_ROLE: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? undefined : v)),
    ALLOWED_VAULTS: Vaults,
    ALLOWED_RESOURCE_TYPES: ResourceTypes,
    RESTORE_PROFILES: RestoreProfilesSchema,
    TRUSTED_ARNS: TrustedArns,
    // Removed in 0.2: a denylist cannot be deny by default. Refused, not
    // ignored, so a deployment that relied on it learns that it changed.
    FORBIDDEN_OVERRIDES: z
      .undefined({
        error:
          "was replaced by RESTORE_PROFILES (deny by default: a request may set only what its type's profile allows); see docs/policy.md",
      })
      .optional(),
    AWS_REGION: z.string().min(1).optional(),
    ACCOUNT_ID: z
      .string()
      .regex(/^\d{12}$/, { error: 'must be a 12-digit account id' })
      .optional(),
  },
  {
    RESTORE_ROLES:
      'The IAM roles a restore may run as: JSON {"name":"arn"}, or comma-separated name=arn or bare role ARNs (named after the role).',
    DEFAULT_RESTORE_ROLE:
      'The role name used when a request names none; required when RESTORE_ROLES names more than one role.',
    ALLOWED_VAULTS:
      'The vaults restores may come from: names or vault ARNs, comma-separated, or *.',
    ALLOWED_RESOURCE_TYPES:
      'The resource types that may be restored: comma-separated names (aliases allowed), or *.',
    RESTORE_PROFILES:
      'JSON merged into the built-in restore profiles, per type and key (docs/policy.md; schema restore-profiles.v1).',
    TRUSTED_ARNS:
      'ARNs a restore may use outside this account, Region or partition: comma-separated, exact or a prefix ending in *.',
    FORBIDDEN_OVERRIDES:
      'Removed in 0.2 and refused: replaced by RESTORE_PROFILES.',
    AWS_REGION:
      'Set by Lambda: the Region every ARN in a restore must be in, unless trusted.',
    ACCOUNT_ID:
      'The account every ARN in a restore must be in, unless trusted (set by serverless.yml).',
  }
);

type PolicyEnv = z.output<z.ZodObject<typeof policyEnvShape>>;

const defaultRoleOf = (env: PolicyEnv): string | undefined =>
  env.DEFAULT_RESTORE_ROLE ??
  (env.RESTORE_ROLES.size === 1 ? [...env.RESTORE_ROLES.keys()][0] : undefined);

/** Checks `DEFAULT_RESTORE_ROLE` against `RESTORE_ROLES` (a refinement). */
export const checkDefaultRole = (
  env: PolicyEnv,
  ctx: z.RefinementCtx
): void => {
  const name = defaultRoleOf(env);
  if (name === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['DEFAULT_RESTORE_ROLE'],
      message: 'is required when RESTORE_ROLES names more than one role',
    });
  } else if (!env.RESTORE_ROLES.has(name)) {
    ctx.addIssue({
      code: 'custom',
      path: ['DEFAULT_RESTORE_ROLE'],
      message: `"${name}" is not in RESTORE_ROLES (${[...env.RESTORE_ROLES.keys()].join(', ')})`,
    });
  }
};

/** The restore policy the policy variables describe. */
export const policyOf = (env: PolicyEnv): RestorePolicy => ({
  allowedVaults: env.ALLOWED_VAULTS,
  allowedResourceTypes: env.ALLOWED_RESOURCE_TYPES,
  restoreRoles: env.RESTORE_ROLES,
  defaultRestoreRole: defaultRoleOf(env) ?? '',
  profiles: env.RESTORE_PROFILES,
  trustedArns: env.TRUSTED_ARNS,
  ...(env.AWS_REGION === undefined
    ? {}
    : { region: env.AWS_REGION, partition: partitionOf(env.AWS_REGION) }),
  ...(env.ACCOUNT_ID === undefined ? {} : { accountId: env.ACCOUNT_ID }),
});

/**
 * The restore policy alone, for tools that run outside a deployment (the
 * plan command): vaults and resource types default to `*` there.
 */
export const PolicyEnvSchema = z
  .object({
    ...policyEnvShape,
    ALLOWED_VAULTS: Vaults.default('*'),
    ALLOWED_RESOURCE_TYPES: ResourceTypes.default('*'),
  })
  .superRefine(checkDefaultRole)
  .transform(policyOf);

/**
 * The restore policy of a deployment, from its environment (vaults and
 * resource types required): what tests and tools parse to hold the same
 * policy a start function holds.
 */
export const RestorePolicySchema = z
  .object(policyEnvShape)
  .superRefine(checkDefaultRole)
  .transform(policyOf);
