import type { ResourceType } from './resource-type.js';

/** One forbidden override: a key, or only one value of it. */
export interface ForbiddenOverride {
  /** Metadata key, matched case-insensitively. */
  readonly key: string;
  /** When set, only this value is forbidden (compared as sent to AWS). */
  readonly value?: string;
}

/**
 * What the deployment allows. Read from the environment once at cold start
 * (see `shared/config/relay-config.ts`); the request can narrow it, never
 * widen it (reliability-and-limits.md §5).
 */
export interface RestorePolicy {
  /** Vault names and vault ARNs, or `'*'` for any vault. */
  readonly allowedVaults: '*' | ReadonlySet<string>;
  readonly allowedResourceTypes: '*' | ReadonlySet<ResourceType>;
  /** Restore role name → IAM role ARN. */
  readonly restoreRoles: ReadonlyMap<string, string>;
  readonly defaultRestoreRole: string;
  /** Per resource type; `'*'` applies to every type. */
  readonly forbiddenOverrides: ReadonlyMap<
    ResourceType | '*',
    readonly ForbiddenOverride[]
  >;
  /** When set, recovery points and resources must be in this Region. */
  readonly region?: string;
  /** When set, recovery points and resources must be in this account. */
  readonly accountId?: string;
}
