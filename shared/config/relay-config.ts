import * as z from 'zod';
import {
  RESOURCE_TYPES,
  type ResourceType,
  toResourceType,
} from '../domain/resource-type.js';
import type { RestorePolicy } from '../domain/restore-policy.js';
import { partitionOf } from '../policy/location-checks.js';
import { AlarmRulesSchema, alarmRulePolicyProblems } from './alarm-rules.js';
import { parseJsonEnv } from './json-env.js';
import { RestoreProfilesSchema } from './restore-profiles.js';

const csv = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

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

const positiveInt = (fallback: number, min = 1) =>
  z.coerce.number().int().min(min).default(fallback);

const PolicyEnvShape = {
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
        "was replaced by RESTORE_PROFILES (deny by default: a request may set only what its type's profile allows); see README, Policy",
    })
    .optional(),
  AWS_REGION: z.string().min(1).optional(),
  ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, { error: 'must be a 12-digit account id' })
    .optional(),
};

type PolicyEnv = z.output<z.ZodObject<typeof PolicyEnvShape>>;

const defaultRoleOf = (env: PolicyEnv): string | undefined =>
  env.DEFAULT_RESTORE_ROLE ??
  (env.RESTORE_ROLES.size === 1 ? [...env.RESTORE_ROLES.keys()][0] : undefined);

const checkDefaultRole = (env: PolicyEnv, ctx: z.RefinementCtx): void => {
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

const toPolicy = (env: PolicyEnv): RestorePolicy => ({
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
    ...PolicyEnvShape,
    ALLOWED_VAULTS: Vaults.default('*'),
    ALLOWED_RESOURCE_TYPES: ResourceTypes.default('*'),
  })
  .superRefine(checkDefaultRole)
  .transform(toPolicy);

/**
 * The deployment's configuration, from the environment. Resource names have
 * no defaults: a function without its table or topic must not start.
 */
export const RelayConfigSchema = z
  .object({
    ...PolicyEnvShape,
    RELAY_TABLE_NAME: z.string().min(3).max(255),
    RELAY_TOPIC_ARN: z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}(\.fifo)?$/, {
        error: 'must be an SNS topic ARN',
      }),
    // At least the longest redelivery horizon: SQS keeps a message up to 14
    // days, EventBridge retries for 24 h (reliability-and-limits.md §6, R2).
    IDEMPOTENCY_TTL_SECONDS: positiveInt(14 * 24 * 3600, 24 * 3600),
    JOB_RECORD_TTL_SECONDS: positiveInt(90 * 24 * 3600, 24 * 3600),
    IDEMPOTENCY_KEY_PREFIX: z.string().min(1).default('restore-relay'),
    // The stack and stage (serverless.yml: <service>-<stage>). The
    // IdempotencyToken and derived names include it, so two stages in one
    // account never share a token for the same requestId.
    DEPLOYMENT_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, {
      error: 'must be 1–64 of A-Z a-z 0-9 . _ - (the stack and stage)',
    }),
    // Rejected requests are kept here, with the error as attributes.
    RELAY_DLQ_URL: z.url({ error: 'must be an SQS queue URL' }),
    // Sources allowed to send "Restore Requested" events.
    RELAY_EVENT_SOURCES: z
      .string()
      .default('restore-relay')
      .transform((raw) => new Set(csv(raw))),
    ALARM_RULES: AlarmRulesSchema,
    // Where outcomes are put for other workflows to chain on: a bus *name*
    // (IAM scopes events:PutEvents to exactly this bus) and the `source`.
    OUTCOME_EVENT_BUS_NAME: z
      .string()
      .regex(/^[.\-_A-Za-z0-9]{1,256}$/, {
        error: 'must be an EventBridge bus name (not an ARN), e.g. default',
      })
      .default('default'),
    // EventBridge reserves sources starting with "aws." for AWS services.
    OUTCOME_EVENT_SOURCE: z
      .string()
      .min(1)
      .max(256)
      .refine((v) => !v.startsWith('aws.'), {
        error: 'must not start with "aws." (reserved for AWS services)',
      })
      .default('restore-relay'),
    // Report the outcome of restore jobs restore-relay did not start too.
    REPORT_ALL_JOBS: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    // AWS Backup sends job events "about every 5 minutes", best effort
    // (events.md §2.1): open jobs older than this are asked about.
    RECONCILE_AFTER_SECONDS: positiveInt(900, 0),
    // Open jobs older than this are reported restore.stale (once).
    STALE_AFTER_SECONDS: positiveInt(86_400, 60),
    // Jobs one reconciler run checks: DescribeRestoreJob allows 15/s.
    RECONCILE_MAX_JOBS: positiveInt(100).pipe(z.number().max(1000)),
    // Records of one SQS batch in flight at once. The rate below, not this,
    // keeps AWS Backup under its quotas: a batch's claims, replays and
    // notifications need not queue behind one another.
    RECORD_CONCURRENCY: positiveInt(10).pipe(z.number().max(10)),
    // Restores one environment starts per second, on average (a token
    // bucket before each plan-and-start; replays take no token). Every
    // caller in the account shares StartRestoreJob's 5/s and the reads'
    // 15/s, so maximumConcurrency × this stays at or under 4/s
    // (reliability-and-limits.md §1.1, §6).
    START_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(2),
    // The SDK has no request timeout by default (reliability-and-limits.md
    // §2.4); these keep the worst case inside the function timeout.
    AWS_SDK_REQUEST_TIMEOUT_MS: positiveInt(5000),
    AWS_SDK_CONNECTION_TIMEOUT_MS: positiveInt(1000),
    AWS_SDK_MAX_ATTEMPTS: positiveInt(3),
  })
  .superRefine(checkDefaultRole)
  .transform((env, ctx) => {
    const policy = toPolicy(env);
    for (const message of alarmRulePolicyProblems(env.ALARM_RULES, policy)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALARM_RULES'],
        message: `${message} (checked against the restore policy)`,
      });
    }
    return { env, policy };
  })
  .transform(({ env, policy }) => ({
    tableName: env.RELAY_TABLE_NAME,
    deployment: env.DEPLOYMENT_ID,
    topicArn: env.RELAY_TOPIC_ARN,
    idempotencyTtlSeconds: env.IDEMPOTENCY_TTL_SECONDS,
    jobRecordTtlSeconds: env.JOB_RECORD_TTL_SECONDS,
    idempotencyKeyPrefix: env.IDEMPOTENCY_KEY_PREFIX,
    deadLetterQueueUrl: env.RELAY_DLQ_URL,
    eventSources: env.RELAY_EVENT_SOURCES,
    alarmRules: env.ALARM_RULES,
    recordConcurrency: env.RECORD_CONCURRENCY,
    startRatePerSecond: env.START_RATE_PER_SECOND,
    outcomeEventBusName: env.OUTCOME_EVENT_BUS_NAME,
    outcomeEventSource: env.OUTCOME_EVENT_SOURCE,
    reportAllJobs: env.REPORT_ALL_JOBS,
    reconcile: {
      reconcileAfterSeconds: env.RECONCILE_AFTER_SECONDS,
      staleAfterSeconds: env.STALE_AFTER_SECONDS,
      maxJobs: env.RECONCILE_MAX_JOBS,
    },
    sdk: {
      requestTimeoutMs: env.AWS_SDK_REQUEST_TIMEOUT_MS,
      connectionTimeoutMs: env.AWS_SDK_CONNECTION_TIMEOUT_MS,
      maxAttempts: env.AWS_SDK_MAX_ATTEMPTS,
    },
    policy,
  }));

/** The parsed configuration every restore-relay function runs with. */
export type RelayConfig = z.output<typeof RelayConfigSchema>;
