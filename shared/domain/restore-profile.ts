import type { ResourceType } from './resource-type.js';

/**
 * What a *request* may set one metadata key to. Saved values (what AWS
 * returned for the recovery point) and values restore-relay derives are not
 * request values: they pass the key rule, but not the requirements and
 * location checks, which hold on every final value (docs/policy.md).
 *
 * - `any`: any value the type's format rule accepts;
 * - `one-of`: one of an allowlist (a JSON list value: every item on it);
 * - `prefix`: a value starting with one of the prefixes (bucket or table
 *   names);
 * - `as-backed-up`: only the value the recovery point was saved with;
 * - `never`: a request may not set it.
 */
export type KeyRule =
  | { readonly allow: 'any' }
  | { readonly allow: 'one-of'; readonly values: readonly string[] }
  | { readonly allow: 'prefix'; readonly prefixes: readonly string[] }
  | { readonly allow: 'as-backed-up' }
  | { readonly allow: 'never' };

/** Where a profile's rule for a key came from. */
export type RuleOrigin = 'default' | 'deployment';

/** One key of a profile, in its documented spelling. */
export interface ProfileKey {
  readonly key: string;
  readonly rule: KeyRule;
  readonly origin: RuleOrigin;
}

/**
 * A pinned value: it holds on the final metadata whatever the saved map or
 * the request says (e.g. RDS `PubliclyAccessible` = `false`).
 */
export interface Requirement {
  readonly key: string;
  readonly value: string;
  /**
   * `always`: the key is sent with this value on every restore;
   * `if-present`: only when the final metadata carries the key (for types
   * where AWS does not document the key, sending it could fail the job).
   */
  readonly when: 'always' | 'if-present';
  /** A saved value that breaks it is rewritten (with a warning) or refused. */
  readonly onSaved: 'rewrite' | 'refuse';
  readonly origin: RuleOrigin;
}

/**
 * The restore profile of one resource type: which metadata keys a request
 * may set and how, the pinned values, and whether in-place (overwriting)
 * restores are allowed. Deny by default: a key without a rule is refused.
 */
export interface RestoreProfile {
  readonly resourceType: ResourceType;
  /** Keyed by the lower-cased key: AWS matches some types' keys so. */
  readonly keys: ReadonlyMap<string, ProfileKey>;
  readonly requirements: readonly Requirement[];
  /**
   * Whether restores that overwrite an existing resource are allowed:
   * never, always, or only from recovery points in these vaults.
   */
  readonly inPlace: boolean | { readonly vaults: ReadonlySet<string> };
}

/** Where a final metadata value came from, as the plan shows it. */
export type DecisionSource = 'saved' | 'request' | 'derived' | 'pinned';

/** Why one key of the final metadata is there. */
export interface ProfileDecision {
  readonly key: string;
  readonly source: DecisionSource;
  /** The rule that allowed it, e.g. `any (default)` or `pinned false (default)`. */
  readonly rule: string;
}

/** The lower-cased form keys of a profile are looked up by. */
export const foldKey = (key: string): string => key.toLowerCase();

/**
 * How a rule reads in messages, the plan output and docs/policy.md.
 *
 * @example
 * ```ts
 * describeRule({ allow: 'prefix', prefixes: ['restored-'] }); // 'prefix restored-'
 * ```
 */
export const describeRule = (rule: KeyRule): string => {
  switch (rule.allow) {
    case 'one-of':
      return `one of ${rule.values.join(', ')}`;
    case 'prefix':
      return `prefix ${rule.prefixes.join(' | ')}`;
    default:
      return rule.allow;
  }
};
