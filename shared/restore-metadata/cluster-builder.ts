import { createMetadataBuilder } from './create-metadata-builder.js';
import type { ResourceMetadataBuilder } from './metadata-builder.js';
import { savedValue } from './metadata-keys.js';
import { DB_CLUSTER_IDENTIFIER } from './name-rules.js';
import { ensureNewResourceName } from './new-resource-name.js';
import { nameInArn, originalName } from './original-name.js';
import {
  booleanString,
  integerString,
  jsonObject,
  nameOf,
  securityGroupIds,
  stringList,
  timestamp,
} from './value-rules.js';

/**
 * The cluster key list of the Aurora guide, which the DocumentDB and Neptune
 * pages copy (docs/resource-types.md#aurora, #documentdb, #neptune).
 */
const CLUSTER_KEYS = [
  'availabilityZones',
  'backtrackWindow',
  'copyTagsToSnapshot',
  'databaseName',
  'dbClusterIdentifier',
  'dbClusterParameterGroupName',
  'dbSubnetGroupName',
  'enableCloudwatchLogsExports',
  'enableIAMDatabaseAuthentication',
  'engine',
  'engineMode',
  'engineVersion',
  'kmsKeyId',
  'port',
  'optionGroupName',
  'scalingConfiguration',
  'vpcSecurityGroupIds',
];

/** Point-in-time keys of a continuous Aurora recovery point (docs/resource-types.md#aurora). */
const POINT_IN_TIME_KEYS = ['restoreToTime', 'useLatestRestorableTime'];

/**
 * Keys that look copied from the Aurora list into the DocumentDB and
 * Neptune pages; whether those engines accept them is UNVERIFIED (docs/resource-types.md#documentdb, #unverified).
 */
const AURORA_ONLY_KEYS = [
  'backtrackWindow',
  'engineMode',
  'scalingConfiguration',
  'enableIAMDatabaseAuthentication',
];

/** What differs between the three cluster types. */
export interface ClusterBuilderOptions {
  readonly resourceType: 'Aurora' | 'DocumentDB' | 'Neptune';
  /** The `engine` values the type allows. */
  readonly engines: readonly string[];
  /** Whether continuous (point-in-time) recovery points are documented. */
  readonly pointInTime: boolean;
}

/**
 * Builds the metadata of an RDS-style DB cluster: a new
 * `dbClusterIdentifier` (derived like an RDS identifier) and an `engine` the
 * type allows, taken from the saved map or the request. The saved map uses
 * PascalCase (`Engine`, `DBSubnetGroupName`) where the guide's list uses
 * camelCase; keys match regardless of case and each is sent once, in the
 * spelling AWS returned (docs/resource-types.md#key-spelling, #aurora).
 *
 * @example
 * ```ts
 * const neptune = createClusterBuilder({
 *   resourceType: 'Neptune',
 *   engines: ['neptune'],
 *   pointInTime: false,
 * });
 * ```
 */
export const createClusterBuilder = ({
  resourceType,
  engines,
  pointInTime,
}: ClusterBuilderOptions): ResourceMetadataBuilder =>
  createMetadataBuilder({
    resourceType,
    documentedKeys: pointInTime
      ? [...CLUSTER_KEYS, ...POINT_IN_TIME_KEYS]
      : CLUSTER_KEYS,
    copySourceTagsSupported: true,
    // Information only and harmless (docs/resource-types.md#summary); EngineVersion and KmsKeyId are
    // documented cluster keys already.
    noEffectKeys: ['Encrypted', 'vpcId'],
    requiredKeys: {
      dbClusterIdentifier: 'the identifier of the new DB cluster',
    },
    valueRules: {
      dbClusterIdentifier: nameOf(DB_CLUSTER_IDENTIFIER),
      availabilityZones: stringList({ example: '["eu-west-1a","eu-west-1b"]' }),
      enableCloudwatchLogsExports: stringList({
        example: '["audit","error"]',
      }),
      vpcSecurityGroupIds: securityGroupIds,
      backtrackWindow: integerString({ min: 0, max: 259200 }),
      port: integerString({ min: 1, max: 65535 }),
      copyTagsToSnapshot: booleanString,
      enableIAMDatabaseAuthentication: booleanString,
      scalingConfiguration: jsonObject(),
      restoreToTime: timestamp,
      useLatestRestorableTime: booleanString,
    },
    refine: (context) => {
      const { input, metadata } = context;
      const { resourceArn, resourceName } = input.recoveryPoint;

      const engine = metadata.get('engine');
      if (engine === undefined) {
        context.fail(
          'engine',
          `required for ${resourceType} and not in the saved metadata: one of ${engines.join(', ')}`
        );
      } else if (!engines.includes(engine)) {
        context.fail(
          'engine',
          `must be one of: ${engines.join(', ')} (the ${resourceType} engines)`
        );
      }

      ensureNewResourceName(context, {
        key: 'dbClusterIdentifier',
        rule: DB_CLUSTER_IDENTIFIER,
        original: originalName([
          resourceName,
          nameInArn(resourceArn, 'cluster'),
          savedValue(input.saved, 'dbClusterIdentifier'),
        ]),
      });

      // A Serverless v1 scaling configuration with another engine mode is
      // contradictory at the RDS level; whether AWS Backup rejects it is
      // UNVERIFIED (docs/resource-types.md#aurora pitfall 3).
      const scaling = metadata.get('scalingConfiguration');
      if (
        scaling !== undefined &&
        scaling.trim() !== '{}' &&
        metadata.get('engineMode') !== 'serverless'
      ) {
        context.warn(
          'scalingConfiguration',
          'is a Serverless v1 setting but engineMode is not "serverless"; the restore may fail (UNVERIFIED, docs/resource-types.md#aurora)'
        );
      }

      if (resourceType !== 'Aurora') {
        for (const key of AURORA_ONLY_KEYS) {
          if (context.overridden(key)) {
            context.warn(
              key,
              `comes from the Aurora key list; whether ${resourceType} accepts it is UNVERIFIED (docs/resource-types.md#documentdb)`
            );
          }
        }
      }

      if (
        metadata.has('restoreToTime') &&
        metadata.get('useLatestRestorableTime') === 'true'
      ) {
        context.fail(
          'restoreToTime',
          'cannot be combined with useLatestRestorableTime "true"; send one of them'
        );
      }
    },
  });
