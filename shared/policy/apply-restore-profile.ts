import type { ResourceType } from '../domain/resource-type.js';
import type { RestorePolicy } from '../domain/restore-policy.js';
import {
  type DecisionSource,
  describeRule,
  foldKey,
  type ProfileDecision,
  type ProfileKey,
  type RestoreProfile,
} from '../domain/restore-profile.js';
import { PolicyViolationError } from '../errors/errors.js';
import { getMetadataBuilder } from '../restore-metadata/builders.js';
import { savedValue } from '../restore-metadata/metadata-keys.js';
import type { MetadataSource } from '../restore-metadata/metadata-map.js';
import { inPlaceReason } from './in-place-restores.js';
import { metadataLocationProblem } from './location-checks.js';
import { passesValueRule, sameValue } from './profile-values.js';

/** The built metadata, before the policy has seen it. */
export interface ProfileInput {
  readonly resourceType: ResourceType;
  readonly metadata: Readonly<Record<string, string>>;
  /** Where each key's value came from (the builder's record). */
  readonly sources: Readonly<Record<string, MetadataSource>>;
  /** What `GetRecoveryPointRestoreMetadata` returned. */
  readonly saved: Readonly<Record<string, string>>;
  /**
   * The request's overrides as sent: a key the builder dropped (EC2
   * `NetworkInterfaces` beside a subnet) was still asked for, and is
   * judged by the profile's rule for it.
   */
  readonly requested?: Readonly<Record<string, string>>;
  /** ARN of the backed-up resource, when known. */
  readonly resourceArn?: string;
  /** The vault of the recovery point (in-place opt-ins may name vaults). */
  readonly vault?: string;
}

/** The final metadata, with what the policy rewrote and why each key is there. */
export interface ProfiledMetadata {
  readonly metadata: Record<string, string>;
  readonly warnings: readonly string[];
  readonly decisions: readonly ProfileDecision[];
}

interface Entry {
  key: string;
  value: string;
  source: DecisionSource;
  rule: string;
}

const profileOf = (
  policy: RestorePolicy,
  type: ResourceType
): RestoreProfile => {
  const profile = policy.profiles.get(type);
  if (profile === undefined) {
    // Configuration builds a profile for every type; a missing one is a
    // programming error, and refusing is the safe answer.
    throw new PolicyViolationError(
      'resourceType',
      `no restore profile for ${type}`
    );
  }
  return profile;
};

const settable = (profile: RestoreProfile): string =>
  [...profile.keys.values()]
    .filter((k) => k.rule.allow !== 'never')
    .map((k) => k.key)
    .join(', ') || 'none';

const ruleLabel = (k: ProfileKey): string =>
  `${describeRule(k.rule)} (${k.origin})`;

/**
 * Why a request value of `key` is refused by the profile, or `undefined`.
 * `saved` is the backed-up value, for `as-backed-up`; `undefined` in the
 * early check means "not known yet", and the rule is left for the final
 * check.
 */
const requestValueProblem = (
  profile: RestoreProfile,
  key: string,
  value: string,
  saved: { readonly value: string | undefined } | undefined
): string | undefined => {
  const type = profile.resourceType;
  const pin = profile.requirements.find((r) => foldKey(r.key) === foldKey(key));
  if (pin !== undefined) {
    // Asking for the pinned value is always allowed (PubliclyAccessible
    // false is the fix, not an attack).
    return sameValue(value, pin.value)
      ? undefined
      : `is pinned to "${pin.value}" by the ${type} restore profile; a request may not change it`;
  }
  const entry = profile.keys.get(foldKey(key));
  if (entry === undefined) {
    return `is not in the ${type} restore profile, so a request may not set it; a request may set: ${settable(profile)}`;
  }
  const { rule } = entry;
  switch (rule.allow) {
    case 'any':
      return undefined;
    case 'never':
      return `a request may never set it for ${type} (restore profile: never)`;
    case 'as-backed-up':
      if (saved === undefined) {
        return undefined;
      }
      return saved.value !== undefined && sameValue(value, saved.value)
        ? undefined
        : `may only be set to the value it was backed up with (${type} restore profile: as-backed-up)`;
    default:
      return passesValueRule(rule, value)
        ? undefined
        : `is not allowed by the ${type} restore profile: must be ${describeRule(rule)}`;
  }
};

/**
 * Checks a request's overrides against the profile before any AWS call,
 * with what can be decided without the saved map (everything but
 * `as-backed-up`). Keys that are not documented for the type are left to
 * the metadata builder, which names the allowed keys. The final check
 * ({@link applyRestoreProfile}) decides again on the final input; this one
 * only saves the AWS calls and the claim.
 *
 * @throws PolicyViolationError naming the first refused key
 */
export const checkRequestOverrides = (
  policy: RestorePolicy,
  type: ResourceType,
  overrides: Readonly<Record<string, string>>
): void => {
  const profile = profileOf(policy, type);
  const documented = new Set(
    getMetadataBuilder(type).documentedKeys.map(foldKey)
  );
  for (const [key, value] of Object.entries(overrides)) {
    if (!documented.has(foldKey(key))) {
      continue;
    }
    const problem = requestValueProblem(profile, key, value, undefined);
    if (problem !== undefined) {
      throw new PolicyViolationError(`metadata.${key}`, problem);
    }
  }
};

const applyRequirements = (
  profile: RestoreProfile,
  entries: Map<string, Entry>,
  warnings: string[]
): void => {
  const type = profile.resourceType;
  for (const pin of profile.requirements) {
    const folded = foldKey(pin.key);
    const entry = entries.get(folded);
    const rule = `pinned ${pin.value} (${pin.origin})`;
    if (entry === undefined) {
      if (pin.when === 'always') {
        entries.set(folded, {
          key: pin.key,
          value: pin.value,
          source: 'pinned',
          rule,
        });
      }
      continue;
    }
    if (sameValue(entry.value, pin.value)) {
      entry.rule = rule;
      continue;
    }
    if (entry.source === 'request') {
      throw new PolicyViolationError(
        `metadata.${entry.key}`,
        `is pinned to "${pin.value}" by the ${type} restore profile; a request may not change it`
      );
    }
    if (pin.onSaved === 'refuse') {
      throw new PolicyViolationError(
        `metadata.${entry.key}`,
        `the recovery point was backed up with another value, which the ${type} restore profile refuses (it must be "${pin.value}")`
      );
    }
    warnings.push(
      `metadata.${entry.key}: the ${entry.source} value broke the ${type} requirement ${pin.key} = ${pin.value}; rewritten to ${pin.value}`
    );
    entries.set(folded, { ...entry, value: pin.value, source: 'pinned', rule });
  }
};

const sourceOf = (source: MetadataSource | undefined): DecisionSource =>
  source === 'override' ? 'request' : (source ?? 'derived');

/**
 * The deployment's policy on the final `StartRestoreJob` metadata
 * (docs/policy.md), in this order:
 *
 * 1. pinned values: set, kept, or a saved value rewritten (warned) or
 *    refused; a request that asks for another value is refused;
 * 2. every value the request set must be allowed by the type's profile
 *    (`any`, `one-of`, `prefix`, `as-backed-up`); keys the profile does not
 *    name are refused; a key the builder dropped is judged as asked for;
 * 3. every ARN, account id and Availability Zone in the final metadata,
 *    whoever supplied it, must be in the deployment's partition, Region and
 *    account, or trusted;
 * 4. an in-place (overwriting) restore is refused unless the profile opts
 *    in.
 *
 * @returns the metadata to send, the warnings and one decision per key
 * @throws PolicyViolationError naming the key (never its value)
 */
export const applyRestoreProfile = (
  policy: RestorePolicy,
  input: ProfileInput
): ProfiledMetadata => {
  const profile = profileOf(policy, input.resourceType);
  const type = input.resourceType;
  const warnings: string[] = [];
  const entries = new Map<string, Entry>();
  for (const [key, value] of Object.entries(input.metadata)) {
    const source = sourceOf(input.sources[key]);
    const known = profile.keys.get(foldKey(key));
    entries.set(foldKey(key), {
      key,
      value,
      source,
      rule:
        source === 'request' && known !== undefined
          ? ruleLabel(known)
          : source === 'saved'
            ? 'kept as backed up'
            : 'set by restore-relay',
    });
  }

  applyRequirements(profile, entries, warnings);

  for (const entry of entries.values()) {
    if (entry.source !== 'request') {
      continue;
    }
    const problem = requestValueProblem(profile, entry.key, entry.value, {
      value: savedValue(input.saved, entry.key),
    });
    if (problem !== undefined) {
      throw new PolicyViolationError(`metadata.${entry.key}`, problem);
    }
  }

  for (const [key, value] of Object.entries(input.requested ?? {})) {
    if (entries.has(foldKey(key)) || !profile.keys.has(foldKey(key))) {
      continue;
    }
    const problem = requestValueProblem(profile, key, value, {
      value: savedValue(input.saved, key),
    });
    if (problem !== undefined) {
      throw new PolicyViolationError(`metadata.${key}`, problem);
    }
  }

  const metadata = Object.fromEntries(
    [...entries.values()].map((e) => [e.key, e.value])
  );
  const outside = metadataLocationProblem(policy, metadata);
  if (outside !== undefined) {
    throw new PolicyViolationError(
      outside.path,
      `${outside.message}; a restore may use only this deployment's account and Region (list the ARN in TRUSTED_ARNS to allow it)`
    );
  }
  const get = (key: string): string | undefined =>
    entries.get(foldKey(key))?.value;
  const inPlace = inPlaceReason(type, {
    get,
    ...(input.resourceArn === undefined
      ? {}
      : { resourceArn: input.resourceArn }),
  });
  const inPlaceAllowed =
    typeof profile.inPlace === 'boolean'
      ? profile.inPlace
      : input.vault !== undefined && profile.inPlace.vaults.has(input.vault);
  if (inPlace !== undefined && !inPlaceAllowed) {
    throw new PolicyViolationError(
      'metadata',
      `in-place restore refused: ${inPlace}; the ${type} restore profile allows new resources only${typeof profile.inPlace === 'boolean' ? '' : ' outside its in-place vaults'} (opt in with RESTORE_PROFILES {"${type}":{"inPlace":true}} or {"inPlace":{"vaults":[…]}})`
    );
  }
  if (inPlace !== undefined) {
    warnings.push(
      `metadata: in-place restore (${inPlace}), allowed by the ${type} restore profile`
    );
  }

  return {
    metadata,
    warnings,
    decisions: [...entries.values()].map(({ key, source, rule }) => ({
      key,
      source,
      rule,
    })),
  };
};
