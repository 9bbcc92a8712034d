import type { Problem } from '../domain/problem.js';
import type { ResourceType } from '../domain/resource-type.js';
import { getMetadataBuilder } from './builders.js';
import type {
  MetadataBuildInput,
  MetadataBuildOutcome,
  MetadataValue,
  ResourceMetadataBuilder,
} from './metadata-builder.js';
import { toMetadataString } from './to-metadata-string.js';

/** What {@link buildRestoreMetadata} depends on. */
export interface BuildRestoreMetadataDeps {
  readonly getBuilder: (type: ResourceType) => ResourceMetadataBuilder;
}

const DEFAULT_DEPS: BuildRestoreMetadataDeps = {
  getBuilder: getMetadataBuilder,
};

/**
 * Builds the `StartRestoreJob` metadata of a request:
 *
 * 1. stringify the overrides, collecting a problem for each value that
 *    cannot be sent (`null` is left to the builder: only it knows the keys
 *    that take it, such as EC2 `IamInstanceProfileName`);
 * 2. pick the resource type's builder and run it;
 * 3. guarantee every value of the result is a string.
 *
 * It never throws for invalid input: the caller turns `problems` into a
 * `RestoreRequestInvalidError`.
 *
 * @example
 * ```ts
 * const { metadata, warnings, problems } = buildRestoreMetadata({
 *   resourceType: 'DynamoDB',
 *   saved: { originalTableName: 'orders' },
 *   overrides: {},
 *   recoveryPoint: { recoveryPointArn, backupVaultName: 'main' },
 *   requestKey: 'req-1',
 * });
 * // metadata: { targetTableName: 'orders-' + 8 hex characters }
 * ```
 */
export const buildRestoreMetadata = (
  input: MetadataBuildInput,
  deps: BuildRestoreMetadataDeps = DEFAULT_DEPS
): MetadataBuildOutcome => {
  // Entries and Object.fromEntries keep a key such as __proto__ an own key.
  const overrides: [string, MetadataValue][] = [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(input.overrides)) {
    const result = value === null ? undefined : toMetadataString(value);
    if (result === undefined || result.ok) {
      overrides.push([key, result?.value ?? null]);
    } else {
      problems.push({ path: `metadata.${key}`, message: result.message });
    }
  }

  const outcome = deps
    .getBuilder(input.resourceType)
    .build({ ...input, overrides: Object.fromEntries(overrides) });

  // A value that is not a string cannot be sent; the types rule it out, and
  // this keeps a builder bug from reaching AWS.
  const strings: [string, string][] = [];
  for (const [key, value] of Object.entries(outcome.metadata)) {
    if (typeof value === 'string') {
      strings.push([key, value]);
    } else {
      problems.push({
        path: `metadata.${key}`,
        message: 'was built as a value that is not a string; it cannot be sent',
      });
    }
  }

  // The builder reports a key left out in step 1 as missing; the step-1
  // problem already says what is wrong with it.
  const reported = new Set(problems.map((p) => p.path.toLowerCase()));
  return {
    metadata: Object.fromEntries(strings),
    warnings: outcome.warnings,
    problems: [
      ...problems,
      ...outcome.problems.filter((p) => !reported.has(p.path.toLowerCase())),
    ],
  };
};
