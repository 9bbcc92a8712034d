import fc from 'fast-check';
import type { ResourceType } from '#shared/domain/resource-type';
import { MAX_VALUE_DEPTH } from '#shared/events/parse-restore-request';
import { METADATA_BUILDERS } from '#shared/restore-metadata/builders';
import type {
  MetadataBuildInput,
  MetadataValue,
  RecoveryPointFacts,
} from '#shared/restore-metadata/metadata-builder';
import { FIXTURES } from '#test/fixtures/restore-metadata/all';
import {
  anyText,
  deeplyNested,
  deeplyNestedText,
  hugeText,
  jsonValue,
  objectOf,
  ownEntries,
} from './json-values.js';
import { anyRequestKey, originalResourceName } from './names.js';
import { arn, vaultName } from './restore-request.js';

const KMS_KEY =
  'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Values AWS returns and requests send (docs/resource-types.md, the metadata
 * fixtures), plus the enum values and near misses the builders' rules
 * branch on.
 */
const REALISTIC_VALUES: readonly string[] = [
  ...new Set([
    ...Object.values(FIXTURES).flatMap((f) => [
      ...Object.values(f.saved),
      ...Object.values(f.expected.metadata),
    ]),
    'true',
    'false',
    'TRUE',
    'null',
    '',
    ' ',
    '0',
    '-1',
    '65536',
    '99999999999999999999999',
    'eu-west-1',
    'eu-west-1a',
    'us-east-1-bos-1a',
    '["sg-0123456789abcdef0"]',
    'sg-0123456789abcdef0,sg-0a1b2c3d4e5f60718',
    'subnet-0aa11bb22cc33dd44',
    '["subnet-0aa11bb22cc33dd44"]',
    '[]',
    '{}',
    '[{}]',
    '["/data"]',
    '2026-03-01T04:15:00Z',
    '2026-02-30T04:15:00Z',
    KMS_KEY,
    '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    'UseBackedUpValue',
    'VMware',
    'EC2Instance',
    'EBS',
    'Default',
    'SSE-S3',
    'original',
    'maxIO',
    'TABLE_RESTORE',
    'NAMESPACE_RESTORE',
    'aurora-mysql',
    'aurora-postgresql',
    'postgres',
    'WINDOWS',
    'ONTAP',
    'OPENZFS',
    'INTELLIGENT_TIERING',
    'NO_CATALOG',
    'CATALOG_FROM_LOCAL_PATH',
    'POINT_IN_TIME_RECOVERY',
    '/hana/catalog',
    'all',
    '[{"DeviceName":"/dev/xvda","SnapshotId":"snap-1","OutpostArn":"x","Ebs":{"SnapshotId":"snap-1"}}]',
    '{"storageVirtualMachineId":"svm-0123456789abcdef0"}',
    '{"ActiveDirectoryId":"d-1234567890"}',
    '{"SelfManagedActiveDirectoryConfiguration":null}',
    '{"subnetIds":[],"securityGroupIds":[]}',
    '[{"DiskId":"2000","Label":"Hard disk 1"}]',
    '[{"nodeGroupId":"ng-1","subnetIds":[],"nodeRole":"arn:aws:iam::111122223333:role/n"}]',
  ]),
];

/** Every key some builder documents, and the keys AWS returns beside them. */
const ALL_KEYS: readonly string[] = [
  ...new Set([
    ...Object.values(METADATA_BUILDERS).flatMap((b) => b.documentedKeys),
    ...Object.values(FIXTURES).flatMap((f) => Object.keys(f.saved)),
    'FileSystemId',
    'FileSystemType',
    'vpcId',
    'Encrypted',
    'EngineVersion',
    'KmsKeyId',
    'volumeId',
    'originalTableName',
    'vmId',
    'CpuOptions',
  ]),
];

/**
 * Metadata keys for one resource type: its documented keys (often), the
 * keys of every other type, any letter case of them, and random text
 * (prototype keys included).
 *
 * @example
 * ```ts
 * fc.sample(metadataKeyFor('EFS'), 3); // e.g. ['ItemsToRestore', 'NEWFILESYSTEM', '__proto__']
 * ```
 */
export const metadataKeyFor = (type: ResourceType): fc.Arbitrary<string> => {
  const own = METADATA_BUILDERS[type].documentedKeys;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...own), weight: 4 },
    { arbitrary: fc.mixedCase(fc.constantFrom(...own)), weight: 1 },
    { arbitrary: fc.constantFrom(...ALL_KEYS), weight: 2 },
    { arbitrary: anyText(20), weight: 1 }
  );
};

/** A metadata value as text: realistic, random, huge, or deeply nested JSON. */
const metadataText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...REALISTIC_VALUES), weight: 6 },
    { arbitrary: anyText(), weight: 2 },
    { arbitrary: fc.json({ maxDepth: 3 }), weight: 1 },
    { arbitrary: deeplyNestedText(), weight: 1 },
    { arbitrary: hugeText(), weight: 1 }
  );

/**
 * Saved metadata as `GetRecoveryPointRestoreMetadata` returns it for one
 * resource type: the fixture's map with keys dropped, added or re-valued,
 * and some values JSON `null` (as AWS returns EBS `availabilityZone`, which
 * the port's type does not admit, hence the cast).
 *
 * @example
 * ```ts
 * fc.sample(savedMetadataFor('EBS'), 1); // e.g. [{ encrypted: 'false', availabilityZone: null }]
 * ```
 */
export const savedMetadataFor = (
  type: ResourceType
): fc.Arbitrary<Readonly<Record<string, string>>> => {
  const fixture = Object.entries(FIXTURES[type].saved);
  return fc
    .tuple(
      fc.subarray(fixture),
      fc.array(
        fc.tuple(
          metadataKeyFor(type),
          fc.option(metadataText(), { freq: 6, nil: null })
        ),
        { maxLength: 6 }
      )
    )
    .map(
      ([kept, added]) =>
        ownEntries<string | null>([...kept, ...added]) as Readonly<
          Record<string, string>
        >
    );
};

/**
 * An override value as the parser hands it on: any JSON of the request's
 * nesting limit, numbers the stringifier must refuse or write out, and
 * strings that hold JSON (deeply nested JSON included: a string has no
 * nesting limit).
 */
const overrideValue = (): fc.Arbitrary<MetadataValue> =>
  fc.oneof(
    { arbitrary: metadataText(), weight: 6 },
    {
      arbitrary: fc.constantFrom(...REALISTIC_VALUES).map((text) => {
        try {
          return JSON.parse(text) as MetadataValue;
        } catch {
          return text;
        }
      }),
      weight: 3,
    },
    { arbitrary: jsonValue({ maxDepth: 3 }), weight: 2 },
    {
      arbitrary: fc.constantFrom(
        Number.NaN,
        Number.POSITIVE_INFINITY,
        -0,
        1e21,
        1e-7,
        [1, Number.NaN],
        { a: Number.NEGATIVE_INFINITY }
      ),
      weight: 1,
    },
    { arbitrary: deeplyNested(MAX_VALUE_DEPTH), weight: 1 }
  );

/**
 * A request's metadata overrides for one resource type: the fixture's
 * overrides (which build cleanly) with entries dropped, added or replaced.
 *
 * @example
 * ```ts
 * fc.sample(metadataOverridesFor('EC2'), 1); // e.g. [{ InstanceType: 't3.small', CpuOptions: {} }]
 * ```
 */
export const metadataOverridesFor = (
  type: ResourceType
): fc.Arbitrary<Readonly<Record<string, MetadataValue>>> =>
  fc
    .tuple(
      fc.subarray(Object.entries(FIXTURES[type].overrides)),
      objectOf(metadataKeyFor(type), overrideValue(), 5)
    )
    .map(([kept, added]) =>
      ownEntries([
        ...kept.filter(([k]) => !Object.hasOwn(added, k)),
        ...Object.entries(added),
      ])
    );

/**
 * What is known of a recovery point: the fixture's facts, or others with
 * any ARN, vault and resource name (blank, Unicode, huge).
 *
 * @example
 * ```ts
 * fc.sample(recoveryPointFactsFor('RDS'), 1); // e.g. [{ recoveryPointArn, backupVaultName, resourceName: 'Ωmega' }]
 * ```
 */
export const recoveryPointFactsFor = (
  type: ResourceType
): fc.Arbitrary<RecoveryPointFacts> => {
  const facts = FIXTURES[type].recoveryPoint;
  return fc.oneof(
    fc.constant(facts),
    fc
      .record(
        {
          recoveryPointArn: fc.oneof(
            fc.constant(facts.recoveryPointArn),
            arn()
          ),
          backupVaultName: vaultName(),
          resourceArn: arn(),
          resourceName: originalResourceName(),
        },
        { requiredKeys: ['recoveryPointArn', 'backupVaultName'] }
      )
      .map((r): RecoveryPointFacts => r)
  );
};

/**
 * A complete build input for one resource type.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(metadataBuildInputFor('EFS'), (input) => { build(input); }));
 * ```
 */
export const metadataBuildInputFor = (
  type: ResourceType
): fc.Arbitrary<MetadataBuildInput> =>
  fc.record({
    resourceType: fc.constant(type),
    saved: savedMetadataFor(type),
    overrides: metadataOverridesFor(type),
    recoveryPoint: recoveryPointFactsFor(type),
    requestKey: anyRequestKey(),
  });
