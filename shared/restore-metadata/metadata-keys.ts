import type { Problem } from '../domain/problem.js';
import type { ResourceType } from '../domain/resource-type.js';
import { MetadataMap } from './metadata-map.js';

/**
 * The key AWS accepts for CloudFormation, DynamoDB, EBS, EC2, EFS, FSx,
 * SAP HANA and Timestream: a UUID that changes nothing restored
 * (docs/resource-types.md#request-id-key).
 */
export const REQUEST_ID_KEY = 'aws:backup:request-id';

/** How one resource type treats metadata keys. */
export interface KeyPolicy {
  readonly resourceType: ResourceType;
  /** The keys AWS documents for the type, in their documented spelling. */
  readonly documentedKeys: readonly string[];
  /**
   * Keys AWS returns for information only and the type does not accept
   * (`volumeId`, `originalTableName`, …, docs/resource-types.md#starting-point): dropped
   * from the saved map without a word; an override of one is ignored with a
   * warning.
   */
  readonly informationalKeys: readonly string[];
  /**
   * Keys AWS accepts but documents as having no effect (RDS `EngineVersion`,
   * EC2 `vpcId`, docs/resource-types.md#starting-point): kept, allowed as overrides, and an override of one
   * is warned about.
   */
  readonly noEffectKeys: readonly string[];
  /**
   * Send documented keys only, in their documented spelling: undocumented
   * saved keys are dropped with a warning. Used where AWS enforces its list
   * (EFS, kanisterio/kanister#792) or where the reference gives the whole
   * list.
   */
  readonly documentedKeysOnly: boolean;
}

/** The saved map with overrides applied. */
export interface MergedMetadata {
  readonly metadata: MetadataMap;
  readonly warnings: readonly string[];
  readonly problems: readonly Problem[];
}

const fold = (key: string): string => key.toLowerCase();

/**
 * The saved value of `key`, matched regardless of case, when it is a
 * non-blank string (AWS reports some missing values as `null`).
 *
 * @example
 * ```ts
 * savedValue({ OriginalTableName: 'orders' }, 'originalTableName'); // 'orders'
 * ```
 */
export const savedValue = (
  saved: Readonly<Record<string, string>>,
  key: string
): string | undefined => {
  const found = Object.entries(saved).find(([k]) => fold(k) === fold(key));
  const value: unknown = found?.[1];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

const lookup = (keys: readonly string[]): ReadonlyMap<string, string> =>
  new Map(keys.map((k) => [fold(k), k]));

/**
 * Starts from the saved map (`GetRecoveryPointRestoreMetadata`), drops
 * informational keys, then applies the request's overrides:
 *
 * 1. an override whose key matches a saved or documented key regardless of
 *    case replaces it, and is sent in the saved spelling (or the documented
 *    one, for `documentedKeysOnly` types), with a warning when the case
 *    differed: `newFilesystem` is sent as `newFileSystem` (aws/aws-cli#6468,
 *    docs/resource-types.md#key-spelling);
 * 2. any other override key is a problem that lists the allowed keys;
 * 3. two override keys that differ only in case are a problem.
 *
 * Saved values that are not strings are skipped: AWS reports some keys as
 * `null` (EBS `availabilityZone`, docs/resource-types.md#ebs), which means "no value".
 *
 * @example
 * ```ts
 * mergeMetadata({ Engine: 'aurora' }, { engine: 'aurora-mysql' }, policy);
 * // metadata { Engine: 'aurora-mysql' },
 * // warnings ['metadata.engine: sent as Engine, the spelling AWS returned']
 * ```
 */
export const mergeMetadata = (
  saved: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, string>>,
  policy: KeyPolicy
): MergedMetadata => {
  const { resourceType, documentedKeysOnly } = policy;
  const documented = lookup(policy.documentedKeys);
  const informational = lookup(policy.informationalKeys);
  const noEffect = lookup(policy.noEffectKeys);
  const metadata = new MetadataMap();
  const warnings: string[] = [];
  const problems: Problem[] = [];

  for (const [key, value] of Object.entries(saved)) {
    if (typeof value !== 'string' || informational.has(fold(key))) {
      continue;
    }
    const spelling = documented.get(fold(key));
    if (spelling !== undefined) {
      metadata.set(documentedKeysOnly ? spelling : key, value, 'saved');
    } else if (noEffect.has(fold(key)) || !documentedKeysOnly) {
      metadata.set(key, value, 'saved');
    } else {
      warnings.push(
        `metadata.${key}: dropped from the saved metadata; not a documented key for ${resourceType}`
      );
    }
  }

  const allowed = [
    ...new Set([
      ...policy.documentedKeys,
      ...policy.noEffectKeys,
      ...metadata.entries().map((e) => e.key),
    ]),
  ];
  const setBy = new Map<string, string>();
  let listedAt = '';

  for (const [key, value] of Object.entries(overrides)) {
    const folded = fold(key);
    if (informational.has(folded)) {
      warnings.push(
        `metadata.${key}: ignored; AWS returns it for information only and ${resourceType} does not accept it`
      );
      continue;
    }
    const savedSpelling = metadata.spellingOf(key);
    const target =
      savedSpelling ?? documented.get(folded) ?? noEffect.get(folded);
    if (target === undefined) {
      // The allowed keys are listed once: a hostile request sends
      // thousands of unknown keys, and each problem is echoed.
      problems.push({
        path: `metadata.${key}`,
        message: listedAt
          ? `unknown key for ${resourceType}; the allowed keys are listed at metadata.${listedAt}`
          : `unknown key for ${resourceType}; allowed: ${allowed.join(', ')}`,
      });
      listedAt ||= key;
      continue;
    }
    const earlier = setBy.get(folded);
    if (earlier !== undefined) {
      problems.push({
        path: `metadata.${key}`,
        message: `same key as metadata.${earlier} (keys match regardless of case); send it once, as ${target}`,
      });
      continue;
    }
    setBy.set(folded, key);
    if (target !== key) {
      const which =
        documentedKeysOnly || savedSpelling === undefined
          ? 'the documented spelling'
          : 'the spelling AWS returned';
      warnings.push(`metadata.${key}: sent as ${target}, ${which}`);
    }
    if (noEffect.has(folded)) {
      warnings.push(
        `metadata.${key}: accepted, but AWS documents it as information only; it does not change the restore`
      );
    }
    metadata.set(target, value, 'override');
  }
  return { metadata, warnings, problems };
};
