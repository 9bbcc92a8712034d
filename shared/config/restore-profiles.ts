import * as z from 'zod';
import {
  RESOURCE_TYPES,
  type ResourceType,
  toResourceType,
} from '../domain/resource-type.js';
import {
  foldKey,
  type KeyRule,
  type ProfileKey,
  type Requirement,
  type RestoreProfile,
} from '../domain/restore-profile.js';
import {
  DEFAULT_PROFILES,
  type DefaultProfileSpec,
} from '../policy/default-profiles.js';
import { getMetadataBuilder } from '../restore-metadata/builders.js';
import { toMetadataString } from '../restore-metadata/to-metadata-string.js';
import { parseJsonEnv } from './json-env.js';

/** The version of the restore profiles document (`RESTORE_PROFILES`). */
export const RESTORE_PROFILES_SCHEMA_VERSION = '1';

const MetadataKey = z.string().min(1).max(256);
const AllowedValue = z.string().min(1).max(2048);

const KeyRuleSchema = z
  .union([
    z.enum(['any', 'as-backed-up', 'never']),
    z.strictObject({ oneOf: z.array(AllowedValue).min(1).max(200) }),
    z.strictObject({
      prefix: z.union([AllowedValue, z.array(AllowedValue).min(1).max(50)]),
    }),
  ])
  .meta({
    description:
      'What a request may set the key to: "any" valid value, {"oneOf": [...]} (a JSON list value: every item on the list), {"prefix": "..." | [...]}, "as-backed-up" (only the saved value) or "never".',
  });

const PinnedValue = z.union([z.string().max(2048), z.number(), z.boolean()]);

const RequirementSchema = z
  .union([
    PinnedValue,
    z.strictObject({
      value: PinnedValue,
      when: z.enum(['always', 'if-present']).default('always'),
      onSaved: z.enum(['rewrite', 'refuse']).default('rewrite'),
    }),
  ])
  .meta({
    description:
      'A pinned value of the final metadata: the value, or {value, when: always | if-present, onSaved: rewrite | refuse}.',
  });

const ProfileSchema = z
  .strictObject({
    replace: z.boolean().default(false).meta({
      description:
        'true: this profile replaces the built-in one for the type (its keys, requirements and in-place setting); false (default): it extends it, key by key.',
    }),
    allow: z.record(MetadataKey, KeyRuleSchema).default({}),
    require: z.record(MetadataKey, RequirementSchema).default({}),
    inPlace: z
      .union([
        z.boolean(),
        z.strictObject({
          vaults: z
            .array(z.string().regex(/^[a-zA-Z0-9_-]{2,50}$/))
            .min(1)
            .max(50),
        }),
      ])
      .optional()
      .meta({
        description:
          'Allow restores that overwrite an existing resource (EFS newFileSystem false, SAP HANA, Redshift NAMESPACE_RESTORE, FSx ONTAP volumes, EKS into an existing cluster, S3 into the source bucket): true, or {"vaults": [...]} for recovery points in those vaults only.',
      }),
  })
  .meta({ description: 'The restore profile of one resource type.' });

/**
 * `RESTORE_PROFILES`, version 1: the deployment's rules per resource type,
 * merged into the built-in profiles unless a type says `"replace": true`.
 */
export const RestoreProfilesDocumentSchema = z
  .record(z.string(), ProfileSchema)
  .meta({
    title: 'restore-relay restore profiles v1',
    description: `Keys are resource types (${RESOURCE_TYPES.join(', ')}); values say which metadata keys a request may set and how. Keys not allowed are refused.`,
  });

type ProfileInput = z.output<typeof ProfileSchema>;

const toRule = (input: z.output<typeof KeyRuleSchema>): KeyRule => {
  if (typeof input === 'string') {
    return { allow: input };
  }
  if ('oneOf' in input) {
    return { allow: 'one-of', values: input.oneOf };
  }
  return {
    allow: 'prefix',
    prefixes: typeof input.prefix === 'string' ? [input.prefix] : input.prefix,
  };
};

const pinned = (value: z.output<typeof PinnedValue>): string => {
  const sent = toMetadataString(value);
  return sent.ok ? sent.value : String(value);
};

const defaultProfile = (
  type: ResourceType,
  spec: DefaultProfileSpec
): RestoreProfile => {
  const keys = new Map<string, ProfileKey>();
  const add = (list: readonly string[], rule: KeyRule): void => {
    for (const key of list) {
      keys.set(foldKey(key), { key, rule, origin: 'default' });
    }
  };
  add(spec.any, { allow: 'any' });
  add(spec.asBackedUp, { allow: 'as-backed-up' });
  add(spec.never, { allow: 'never' });
  return {
    resourceType: type,
    keys,
    requirements: spec.requirements.map((r) => ({ ...r, origin: 'default' })),
    inPlace: false,
  };
};

/**
 * The built-in profile of every type.
 *
 * @example
 * ```ts
 * defaultProfiles().get('RDS')?.requirements[0]; // PubliclyAccessible = false
 * ```
 */
export const defaultProfiles = (): Map<ResourceType, RestoreProfile> =>
  new Map(
    RESOURCE_TYPES.map((type) => [
      type,
      defaultProfile(type, DEFAULT_PROFILES[type]),
    ])
  );

const merge = (
  base: RestoreProfile,
  input: ProfileInput,
  documented: ReadonlyMap<string, string>,
  issue: (message: string) => void
): RestoreProfile => {
  const type = base.resourceType;
  const spelling = (key: string): string | undefined => {
    const found = documented.get(foldKey(key));
    if (found === undefined) {
      issue(
        `${type}: "${key}" is not a metadata key of ${type}; keys: ${[...documented.values()].join(', ')}`
      );
    }
    return found;
  };
  const keys = new Map(input.replace ? [] : base.keys);
  for (const [key, rule] of Object.entries(input.allow)) {
    const name = spelling(key);
    if (name !== undefined) {
      keys.set(foldKey(name), {
        key: name,
        rule: toRule(rule),
        origin: 'deployment',
      });
    }
  }
  const requirements = new Map<string, Requirement>(
    input.replace ? [] : base.requirements.map((r) => [foldKey(r.key), r])
  );
  for (const [key, raw] of Object.entries(input.require)) {
    const name = spelling(key);
    if (name === undefined) {
      continue;
    }
    const spec =
      typeof raw === 'object'
        ? raw
        : { value: raw, when: 'always' as const, onSaved: 'rewrite' as const };
    requirements.set(foldKey(name), {
      key: name,
      value: pinned(spec.value),
      when: spec.when,
      onSaved: spec.onSaved,
      origin: 'deployment',
    });
  }
  return {
    resourceType: type,
    keys,
    requirements: [...requirements.values()],
    inPlace:
      input.inPlace === undefined
        ? input.replace
          ? false
          : base.inPlace
        : typeof input.inPlace === 'boolean'
          ? input.inPlace
          : { vaults: new Set(input.inPlace.vaults) },
  };
};

/**
 * `RESTORE_PROFILES`: JSON, `{ "<type>": { "allow": {...}, "require": {...},
 * "inPlace": bool, "replace": bool } }`; empty means the built-in profiles.
 * Unknown types, keys that are not metadata keys of their type (nested
 * names included) and malformed rules are configuration errors, so a typo
 * fails the first invocation instead of silently allowing nothing or
 * everything.
 */
export const RestoreProfilesSchema = z
  .string()
  .default('')
  .transform((raw, ctx): ReadonlyMap<ResourceType, RestoreProfile> => {
    const profiles = defaultProfiles();
    if (raw.trim() === '') {
      return profiles;
    }
    const parsed = parseJsonEnv(raw, ctx);
    if (parsed === z.NEVER) {
      return z.NEVER;
    }
    const checked = RestoreProfilesDocumentSchema.safeParse(parsed);
    if (!checked.success) {
      for (const i of checked.error.issues) {
        ctx.addIssue({
          code: 'custom',
          message: `[${i.path.join('.')}] ${i.message}`,
        });
      }
      return z.NEVER;
    }
    const issue = (message: string): void =>
      ctx.addIssue({ code: 'custom', message });
    const seen = new Set<ResourceType>();
    for (const [name, input] of Object.entries(checked.data)) {
      const type = toResourceType(name);
      if (type === undefined) {
        issue(
          `unknown resource type "${name}"; types: ${RESOURCE_TYPES.join(', ')}`
        );
        continue;
      }
      if (seen.has(type)) {
        issue(`${type} is given twice (as "${name}" and another alias)`);
        continue;
      }
      seen.add(type);
      const documented = new Map(
        getMetadataBuilder(type).documentedKeys.map((k) => [foldKey(k), k])
      );
      const base = profiles.get(type);
      if (base !== undefined) {
        profiles.set(type, merge(base, input, documented, issue));
      }
    }
    return profiles;
  });
