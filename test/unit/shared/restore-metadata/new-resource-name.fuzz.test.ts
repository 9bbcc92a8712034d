import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResourceType } from '#shared/domain/resource-type';
import { buildRestoreMetadata } from '#shared/restore-metadata/build-restore-metadata';
import type { MetadataBuildInput } from '#shared/restore-metadata/metadata-builder';
import {
  DB_CLUSTER_IDENTIFIER,
  type DerivableNameRule,
  DYNAMODB_TABLE_NAME,
  RDS_INSTANCE_IDENTIFIER,
  REDSHIFT_CLUSTER_IDENTIFIER,
} from '#shared/restore-metadata/name-rules';
import { FIXTURES } from '#test/fixtures/restore-metadata/all';
import { anyText } from '#test/support/arbitraries/json-values';
import {
  originalResourceName,
  requestKey,
} from '#test/support/arbitraries/names';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from '#test/support/fuzz-runs';

const runs = () => ({ numRuns: fuzzRuns() });

const hash8 = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8);

/** The types whose builder names the new resource, the key and its rule. */
const NAMED: readonly (readonly [ResourceType, string, DerivableNameRule])[] = [
  ['Aurora', 'dbClusterIdentifier', DB_CLUSTER_IDENTIFIER],
  ['DocumentDB', 'dbClusterIdentifier', DB_CLUSTER_IDENTIFIER],
  ['Neptune', 'dbClusterIdentifier', DB_CLUSTER_IDENTIFIER],
  ['RDS', 'DBInstanceIdentifier', RDS_INSTANCE_IDENTIFIER],
  ['DynamoDB', 'targetTableName', DYNAMODB_TABLE_NAME],
  ['Redshift', 'ClusterIdentifier', REDSHIFT_CLUSTER_IDENTIFIER],
];

/** The value of `key` in built metadata, whatever the case of its spelling. */
const nameIn = (
  metadata: Readonly<Record<string, string>>,
  key: string
): string | undefined =>
  Object.entries(metadata).find(
    ([k]) => k.toLowerCase() === key.toLowerCase()
  )?.[1];

/**
 * A fixture restore of a named type (its saved map and overrides build
 * cleanly), with any backed-up resource name, any request key, and
 * sometimes a saved value for the name key.
 */
const namedRestore = fc
  .tuple(
    fc.constantFrom(...NAMED),
    fc.option(originalResourceName(), { nil: undefined }),
    fc.option(anyText(), { nil: undefined }),
    requestKey()
  )
  .map(([[type, key, rule], resourceName, savedName, requestKeyValue]) => {
    const fixture = FIXTURES[type];
    const input: MetadataBuildInput = {
      resourceType: type,
      saved:
        savedName === undefined
          ? fixture.saved
          : { ...fixture.saved, [key]: savedName },
      overrides: fixture.overrides,
      recoveryPoint:
        resourceName === undefined
          ? fixture.recoveryPoint
          : { ...fixture.recoveryPoint, resourceName },
      requestKey: requestKeyValue,
    };
    return { key, rule, input };
  });

describe('ensureNewResourceName (fuzz)', () => {
  it(
    'names a new resource the rule allows, ending in the request-key hash, when the request gives no name',
    () => {
      fc.assert(
        fc.property(namedRestore, ({ key, rule, input }) => {
          // Act
          const outcome = buildRestoreMetadata(input);

          // Assert
          const name = nameIn(outcome.metadata, key);
          expect(outcome.problems).toEqual([]);
          expect(name).toBeDefined();
          expect(rule.check(name ?? '')).toBeUndefined();
          expect(name?.endsWith(`-${hash8(input.requestKey)}`)).toBe(true);
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'names different resources for two requests that restore the same point',
    () => {
      fc.assert(
        fc.property(namedRestore, requestKey(), ({ key, input }, other) => {
          // Arrange
          fc.pre(other !== input.requestKey);

          // Act
          const first = buildRestoreMetadata(input);
          const second = buildRestoreMetadata({ ...input, requestKey: other });

          // Assert
          expect(nameIn(second.metadata, key)).not.toBe(
            nameIn(first.metadata, key)
          );
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'keeps a name the request gives as it is, and reports it exactly when the rule refuses it',
    () => {
      fc.assert(
        fc.property(
          namedRestore,
          fc.oneof(originalResourceName(), anyText()),
          ({ key, rule, input }, given) => {
            // Act
            const outcome = buildRestoreMetadata({
              ...input,
              overrides: { ...input.overrides, [key]: given },
            });

            // Assert
            expect(nameIn(outcome.metadata, key)).toBe(given);
            const reported = outcome.problems.some(
              (p) => p.path.toLowerCase() === `metadata.${key}`.toLowerCase()
            );
            expect(reported).toBe(rule.check(given) !== undefined);
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});
