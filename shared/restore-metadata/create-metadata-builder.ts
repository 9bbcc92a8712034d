import type { Problem } from '../domain/problem.js';
import type { ResourceType } from '../domain/resource-type.js';
import type {
  MetadataBuildInput,
  MetadataBuildOutcome,
  ResourceMetadataBuilder,
} from './metadata-builder.js';
import { mergeMetadata } from './metadata-keys.js';
import type { MetadataMap } from './metadata-map.js';
import { stringifyOverrides } from './to-metadata-string.js';
import type { ValueRule } from './value-rules.js';

/** What a type's own step ({@link MetadataBuilderSpec.refine}) works with. */
export interface BuildContext {
  /** The build input as given (the saved map before any key was dropped). */
  readonly input: MetadataBuildInput;
  /** The metadata being built; keys match regardless of case. */
  readonly metadata: MetadataMap;
  /** Adds a warning about `key`, phrased `metadata.<key>: <message>`. */
  warn(key: string, message: string): void;
  /** Adds a problem at `metadata.<key>`. */
  fail(key: string, message: string): void;
  /** Removes `key`, with a warning when one is given and the key was set. */
  drop(key: string, warning?: string): void;
  /** Sets a value the builder chose (a default or a derived name). */
  derive(key: string, value: string): void;
  /** Whether the request's overrides set `key`. */
  overridden(key: string): boolean;
}

/** Everything that makes one resource type's builder. */
export interface MetadataBuilderSpec {
  readonly resourceType: ResourceType;
  /** The keys AWS documents for the type, in their exact spelling. */
  readonly documentedKeys: readonly string[];
  /** docs/resource-types.md#copy-tags. */
  readonly copySourceTagsSupported: boolean;
  /** Send documented keys only (see `KeyPolicy.documentedKeysOnly`). */
  readonly documentedKeysOnly?: boolean;
  /** Returned for information only; dropped (see `KeyPolicy`). */
  readonly informationalKeys?: readonly string[];
  /** Accepted without effect; warned about (see `KeyPolicy`). */
  readonly noEffectKeys?: readonly string[];
  /** Keys whose override may be JSON `null`, sent as `"null"`. */
  readonly nullableKeys?: readonly string[];
  /**
   * Required keys, each with what the value is, for the message; checked
   * after {@link refine} has added defaults and derived values.
   */
  readonly requiredKeys?: Readonly<Record<string, string>>;
  /**
   * Format rules by documented key. They apply to values the request or the
   * builder supplies; saved values are what AWS returned for this recovery
   * point and are only normalised (`ValueRule.normaliseSaved`).
   */
  readonly valueRules?: Readonly<Record<string, ValueRule>>;
  /** The type's own rules: defaults, derived names, rules across keys. */
  readonly refine?: (context: BuildContext) => void;
}

const fold = (key: string): string => key.toLowerCase();

/**
 * Makes a {@link ResourceMetadataBuilder} from a spec. Every builder runs
 * the same steps: stringify the overrides; start from the saved map and drop
 * informational keys; apply the overrides (metadata-keys.ts); normalise
 * saved lists; run the type's own rules; check value formats; check required
 * keys. It never throws for bad input: everything wrong is a problem at
 * `metadata.<Key>`.
 *
 * @example
 * ```ts
 * export const eksMetadataBuilder = createMetadataBuilder({
 *   resourceType: 'EKS',
 *   documentedKeys: ['clusterName', 'newCluster'],
 *   copySourceTagsSupported: true,
 *   requiredKeys: { clusterName: 'the name of the cluster to restore to' },
 * });
 * ```
 */
export const createMetadataBuilder = (
  spec: MetadataBuilderSpec
): ResourceMetadataBuilder => {
  const nullable = new Set((spec.nullableKeys ?? []).map(fold));
  const rules = new Map(
    Object.entries(spec.valueRules ?? {}).map(([k, r]) => [fold(k), r])
  );
  const policy = {
    resourceType: spec.resourceType,
    documentedKeys: spec.documentedKeys,
    informationalKeys: spec.informationalKeys ?? [],
    noEffectKeys: spec.noEffectKeys ?? [],
    documentedKeysOnly: spec.documentedKeysOnly ?? false,
  };

  const build = (input: MetadataBuildInput): MetadataBuildOutcome => {
    const stringified = stringifyOverrides(input.overrides, (key) =>
      nullable.has(fold(key))
    );
    const merged = mergeMetadata(input.saved, stringified.values, policy);
    const { metadata } = merged;
    const warnings = [...merged.warnings];
    const problems: Problem[] = [...stringified.problems, ...merged.problems];
    const pathOf = (key: string): string =>
      `metadata.${metadata.spellingOf(key) ?? key}`;
    const hasProblem = (key: string): boolean =>
      problems.some((p) => fold(p.path) === fold(`metadata.${key}`));

    for (const entry of metadata.entries()) {
      const repaired = rules
        .get(fold(entry.key))
        ?.normaliseSaved?.(entry.value);
      if (
        entry.source === 'saved' &&
        repaired !== undefined &&
        repaired !== entry.value
      ) {
        metadata.set(entry.key, repaired, 'saved');
        warnings.push(
          `metadata.${entry.key}: the saved value was re-encoded as a JSON array string`
        );
      }
    }

    spec.refine?.({
      input,
      metadata,
      warn: (key, message) => warnings.push(`${pathOf(key)}: ${message}`),
      fail: (key, message) => problems.push({ path: pathOf(key), message }),
      drop: (key, warning) => {
        const removed = metadata.delete(key);
        if (removed !== undefined && warning !== undefined) {
          warnings.push(`metadata.${removed.key}: ${warning}`);
        }
      },
      derive: (key, value) => metadata.set(key, value, 'derived'),
      overridden: (key) => metadata.entry(key)?.source === 'override',
    });

    for (const entry of metadata.entries()) {
      const message =
        entry.source === 'saved'
          ? undefined
          : rules.get(fold(entry.key))?.check(entry.value);
      if (message !== undefined && !hasProblem(entry.key)) {
        problems.push({ path: `metadata.${entry.key}`, message });
      }
    }
    for (const [key, what] of Object.entries(spec.requiredKeys ?? {})) {
      if (!metadata.has(key) && !hasProblem(key)) {
        problems.push({
          path: `metadata.${key}`,
          message: `required for ${spec.resourceType}: ${what}`,
        });
      }
    }
    return { metadata: metadata.toRecord(), warnings, problems };
  };

  return {
    resourceType: spec.resourceType,
    documentedKeys: spec.documentedKeys,
    copySourceTagsSupported: spec.copySourceTagsSupported,
    build,
  };
};
