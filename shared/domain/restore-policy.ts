import type { ResourceType } from './resource-type.js';
import type { RestoreProfile } from './restore-profile.js';

/**
 * What the deployment allows. Read from the environment once at cold start
 * (see `shared/config/relay-config.ts`); the request can narrow it, never
 * widen it. Deny by default: a request may set only what its type's
 * restore profile allows, checked on the final StartRestoreJob input
 * (docs/policy.md).
 */
export interface RestorePolicy {
  /** Vault names (ARNs in configuration are read as their names), or `'*'`. */
  readonly allowedVaults: '*' | ReadonlySet<string>;
  readonly allowedResourceTypes: '*' | ReadonlySet<ResourceType>;
  /** Restore role name → IAM role ARN. */
  readonly restoreRoles: ReadonlyMap<string, string>;
  readonly defaultRestoreRole: string;
  /** One profile for every resource type: the defaults, extended. */
  readonly profiles: ReadonlyMap<ResourceType, RestoreProfile>;
  /** ARNs allowed outside the account, Region or partition. */
  readonly trustedArns: readonly string[];
  /** When set, every ARN must be in this partition (from the Region). */
  readonly partition?: string;
  /** When set, recovery points, resources and metadata ARNs must be here. */
  readonly region?: string;
  /** When set, recovery points, resources and metadata ARNs must be here. */
  readonly accountId?: string;
}
