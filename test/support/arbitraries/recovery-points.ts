import fc from 'fast-check';
import type { RecoveryPoint } from '#shared/domain/recovery-point';
import {
  RESOURCE_TYPES,
  type ResourceType,
} from '#shared/domain/resource-type';
import type { MetadataValue } from '#shared/restore-metadata/metadata-builder';
import { FIXTURES } from '#test/fixtures/restore-metadata/all';
import { anyText, jsonValue } from './json-values.js';
import { originalResourceName } from './names.js';
import { metadataOverridesFor, savedMetadataFor } from './restore-metadata.js';
import { isoDateTime, resourceTypeName } from './restore-request.js';

/** A recovery point in the in-memory catalog, with its saved metadata. */
export type CatalogPoint = RecoveryPoint & {
  readonly saved: Readonly<Record<string, string>>;
};

const ACCOUNT = '111122223333';

/**
 * A resource ARN per type, as AWS Backup names protected resources: the
 * metadata fixture's, or the usual shape where the fixture has none.
 */
const RESOURCE_ARNS: Readonly<Record<ResourceType, string>> = {
  Aurora: `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:orders-aurora`,
  CloudFormation: `arn:aws:cloudformation:eu-west-1:${ACCOUNT}:stack/orders-stack/5b1c2a3e-0d4e-11ef-8b6c-0a1b2c3d4e5f`,
  DocumentDB: `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:catalog-docdb`,
  DynamoDB: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
  EBS: `arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-0a1b2c3d4e5f60718`,
  EC2: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc1234def567890`,
  EFS: `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:file-system/fs-0123456789abcdef0`,
  EKS: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/orders-eks`,
  FSx: `arn:aws:fsx:eu-west-1:${ACCOUNT}:file-system/fs-0123456789abcdef0`,
  Neptune: `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:graph-main`,
  RDS: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:orders-db`,
  Redshift: `arn:aws:redshift:eu-west-1:${ACCOUNT}:cluster:analytics`,
  S3: 'arn:aws:s3:::orders-data',
  'SAP HANA on Amazon EC2': `arn:aws:ssm-sap:eu-west-1:${ACCOUNT}:HANA/HDB/DB/SYSTEMDB`,
  'Storage Gateway': `arn:aws:storagegateway:eu-west-1:${ACCOUNT}:gateway/sgw-12A3456B/volume/vol-0123456789ABCDEF0`,
  Timestream: `arn:aws:timestream:eu-west-1:${ACCOUNT}:database/telemetry/table/metrics`,
  VirtualMachine: `arn:aws:backup-gateway:eu-west-1:${ACCOUNT}:vm/vm-0123456789abcdef0`,
};

/** The vaults of the test policy (`RELAY_ENV`), and one it does not allow. */
const VAULTS = ['prod-primary', 'archive-vault', 'unlisted-vault'] as const;

/** Mostly a vault the policy allows. */
const vault = fc.oneof(
  { arbitrary: fc.constantFrom('prod-primary', 'archive-vault'), weight: 6 },
  { arbitrary: fc.constant('unlisted-vault'), weight: 1 }
);

const pointArn = fc
  .uuid()
  .map((id) => `arn:aws:backup:eu-west-1:${ACCOUNT}:recovery-point:${id}`);

/** The resource type AWS reports: usually the right one, sometimes not. */
const reportedType = (type: ResourceType): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(type), weight: 6 },
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: fc.constantFrom(...RESOURCE_TYPES), weight: 1 },
    {
      arbitrary: fc.constantFrom('Aurora DSQL', 'Redshift Serverless', ''),
      weight: 1,
    }
  );

const catalogPoint = (
  type: ResourceType,
  resourceArn: string
): fc.Arbitrary<CatalogPoint> =>
  fc
    .record(
      {
        recoveryPointArn: fc.oneof(
          fc.constant(FIXTURES[type].recoveryPoint.recoveryPointArn),
          pointArn
        ),
        backupVaultName: vault,
        status: fc.oneof(
          { arbitrary: fc.constantFrom('COMPLETED', 'AVAILABLE'), weight: 6 },
          {
            arbitrary: fc.constantFrom('PARTIAL', 'EXPIRED', 'DELETING'),
            weight: 1,
          }
        ),
        statusMessage: anyText(),
        resourceType: reportedType(type),
        resourceArn: fc.constant(resourceArn),
        resourceName: originalResourceName(),
        creationDate: isoDateTime().map((iso) => new Date(iso)),
        saved: fc.oneof(
          { arbitrary: fc.constant(FIXTURES[type].saved), weight: 3 },
          { arbitrary: savedMetadataFor(type), weight: 2 }
        ),
      },
      {
        requiredKeys: [
          'recoveryPointArn',
          'backupVaultName',
          'status',
          'resourceArn',
          'creationDate',
          'saved',
        ],
      }
    )
    .map(
      ({ resourceType, ...point }): CatalogPoint =>
        resourceType === undefined ? point : { ...point, resourceType }
    );

/** The recovery points of one resource, and the type that resource is. */
export interface GeneratedCatalog {
  readonly type: ResourceType;
  readonly resourceArn: string;
  readonly points: readonly CatalogPoint[];
}

/**
 * One to four recovery points of one resource of `type`, in the policy's
 * vaults or not, mostly COMPLETED or AVAILABLE, each with its saved metadata (the
 * fixture's, or a mutation of it).
 */
const catalogFor = (type: ResourceType): fc.Arbitrary<GeneratedCatalog> => {
  const resourceArn =
    FIXTURES[type].recoveryPoint.resourceArn ?? RESOURCE_ARNS[type];
  return fc
    .uniqueArray(catalogPoint(type, resourceArn), {
      minLength: 1,
      maxLength: 4,
      selector: (p) => `${p.backupVaultName} ${p.recoveryPointArn}`,
    })
    .map((points) => ({ type, resourceArn, points }));
};

/**
 * Overrides for a planned restore of `type`: the fixture's (which build
 * cleanly), or a mutation of them.
 */
const plannedOverrides = (
  type: ResourceType
): fc.Arbitrary<Readonly<Record<string, MetadataValue>>> =>
  fc.oneof(
    { arbitrary: fc.constant(FIXTURES[type].overrides), weight: 2 },
    { arbitrary: metadataOverridesFor(type), weight: 2 }
  );

/** What a request says besides where the recovery point is. */
const requestOptionsFor = (
  type: ResourceType
): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      requestId: fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/),
      resourceType: fc.oneof(
        { arbitrary: fc.constant(type), weight: 3 },
        { arbitrary: resourceTypeName(), weight: 1 }
      ),
      metadata: plannedOverrides(type),
      restoreRole: fc.oneof(
        { arbitrary: fc.constantFrom('default', 'databases'), weight: 6 },
        { arbitrary: fc.constant('unlisted'), weight: 1 }
      ),
      copySourceTags: fc.boolean(),
      dryRun: fc.boolean(),
      context: fc.dictionary(
        fc.stringMatching(/^[a-z]{1,8}$/),
        jsonValue({ maxDepth: 1, key: fc.constant('k') }),
        { maxKeys: 2, noNullPrototype: true }
      ),
    },
    { requiredKeys: ['metadata'] }
  );

/** A catalog and a request aimed at it. */
export interface RestoreScenario {
  readonly catalog: GeneratedCatalog;
  readonly body: Record<string, unknown>;
}

/**
 * A catalog of `type` and a request body for it: an explicit recovery point
 * of it (in its vault, or another), or its resource with a selection; with
 * or without a resource type, overrides, role, tag copy, request id.
 *
 * @example
 * ```ts
 * fc.sample(restoreScenarioFor('EFS'), 1); // [{ catalog, body }]
 * ```
 */
export const restoreScenarioFor = (
  type: ResourceType
): fc.Arbitrary<RestoreScenario> => {
  // Built once: the arbitraries that do not depend on the generated points.
  const options = requestOptionsFor(type);
  const otherVault = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: fc.constantFrom(...VAULTS), weight: 1 }
  );
  const selection = fc.record(
    {
      vaults: fc.array(vault, { minLength: 1, maxLength: 3 }),
      before: isoDateTime(),
    },
    { requiredKeys: [] }
  );
  return catalogFor(type).chain((catalog) => {
    const explicit = fc
      .tuple(fc.constantFrom(...catalog.points), otherVault)
      .map(([point, vault]) => ({
        recoveryPointArn: point.recoveryPointArn,
        backupVaultName: vault ?? point.backupVaultName,
      }));
    const byResource = selection.map((s) => ({
      resourceArn: catalog.resourceArn,
      selection: s,
    }));
    return fc
      .tuple(fc.oneof(explicit, byResource), options)
      .map(([where, rest]) => ({ catalog, body: { ...where, ...rest } }));
  });
};
