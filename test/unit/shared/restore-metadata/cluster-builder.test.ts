import { describe, expect, it } from 'vitest';
import { createClusterBuilder } from '../../../../shared/restore-metadata/cluster-builder.js';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import {
  metadataInput,
  REQUEST_KEY_HASH,
  recoveryPoint,
} from '../../../fixtures/restore-metadata/fixture.js';

const neptuneLike = createClusterBuilder({
  resourceType: 'Neptune',
  engines: ['neptune'],
  pointInTime: false,
});
const auroraLike = createClusterBuilder({
  resourceType: 'Aurora',
  engines: ['aurora', 'aurora-mysql', 'aurora-postgresql'],
  pointInTime: true,
});

const CLUSTER_ARN = 'arn:aws:rds:eu-west-1:111122223333:cluster:graph';

const input = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = { Engine: 'neptune' }
) =>
  metadataInput({
    resourceType: 'Neptune',
    saved,
    overrides,
    recoveryPoint: recoveryPoint({ resourceArn: CLUSTER_ARN }),
  });

describe('createClusterBuilder', () => {
  it('adds a dbClusterIdentifier and keeps the saved Engine spelling', () => {
    // Arrange
    const request = input({});

    // Act
    const outcome = neptuneLike.build(request);

    // Assert
    expect(outcome).toEqual({
      metadata: {
        Engine: 'neptune',
        dbClusterIdentifier: `graph-${REQUEST_KEY_HASH}`,
      },
      warnings: [],
      problems: [],
    });
  });

  it('never sends two spellings of one key', () => {
    // Arrange: saved PascalCase, override in the guide's camelCase.
    const request = input(
      { engine: 'neptune', dbSubnetGroupName: 'b' },
      {
        Engine: 'neptune',
        DBSubnetGroupName: 'a',
      }
    );

    // Act
    const outcome = neptuneLike.build(request);

    // Assert
    expect(Object.keys(outcome.metadata).sort()).toEqual([
      'DBSubnetGroupName',
      'Engine',
      'dbClusterIdentifier',
    ]);
    expect(outcome.metadata.DBSubnetGroupName).toBe('b');
    expect(outcome.warnings).toEqual([
      'metadata.engine: sent as Engine, the spelling AWS returned',
      'metadata.dbSubnetGroupName: sent as DBSubnetGroupName, the spelling AWS returned',
    ]);
  });

  it('requires an engine when the saved map has none', () => {
    // Arrange
    const missing = input({}, {});
    const given = input({ engine: 'neptune' }, {});

    // Act
    const missingOutcome = neptuneLike.build(missing);
    const givenOutcome = neptuneLike.build(given);

    // Assert
    expect(missingOutcome.problems).toEqual([
      {
        path: 'metadata.engine',
        message:
          'required for Neptune and not in the saved metadata: one of neptune',
      },
    ]);
    expect(givenOutcome.metadata.engine).toBe('neptune');
    expect(givenOutcome.problems).toEqual([]);
  });

  it('refuses an engine of another type, saved or given', () => {
    // Arrange
    const saved = input({}, { Engine: 'docdb' });
    const given = input({ engine: 'mysql' });

    // Act
    const outcomes = [neptuneLike.build(saved), neptuneLike.build(given)];

    // Assert
    const problem = {
      path: 'metadata.Engine',
      message: 'must be one of: neptune (the Neptune engines)',
    };
    expect(outcomes.map((o) => o.problems)).toEqual([[problem], [problem]]);
  });

  it('refuses an invalid dbClusterIdentifier', () => {
    // Arrange
    const request = input({ dbClusterIdentifier: 'graph--copy' });

    // Act
    const outcome = neptuneLike.build(request);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.dbClusterIdentifier',
        message:
          "contains '--'; DB cluster identifiers must be 1–63 letters, digits or hyphens, starting with a letter, without '--' and not ending with a hyphen",
      },
    ]);
  });

  it('warns about Aurora-only keys on the other engines', () => {
    // Arrange
    const request = input({ backtrackWindow: 3600 });

    // Act
    const outcome = neptuneLike.build(request);

    // Assert
    expect(outcome.warnings).toEqual([
      'metadata.backtrackWindow: comes from the Aurora key list; whether Neptune accepts it is UNVERIFIED (docs/resource-types.md#documentdb)',
    ]);
  });

  it('warns about a scaling configuration without the serverless mode', () => {
    // Arrange
    const request = input(
      { engineMode: 'provisioned' },
      { Engine: 'aurora', ScalingConfiguration: '{"MinCapacity":1}' }
    );

    // Act
    const outcome = auroraLike.build(request);

    // Assert
    expect(outcome.warnings).toEqual([
      'metadata.ScalingConfiguration: is a Serverless v1 setting but engineMode is not "serverless"; the restore may fail (UNVERIFIED, docs/resource-types.md#aurora)',
    ]);
  });

  it('accepts point-in-time keys for Aurora only', () => {
    // Arrange
    const both = {
      restoreToTime: '2026-03-01T04:15:00Z',
      useLatestRestorableTime: true,
    };

    // Act
    const aurora = auroraLike.build(input(both, { Engine: 'aurora' }));
    const neptune = neptuneLike.build(
      input({ restoreToTime: '2026-03-01T04:15:00Z' })
    );

    // Assert
    expect(aurora.problems).toEqual([
      {
        path: 'metadata.restoreToTime',
        message:
          'cannot be combined with useLatestRestorableTime "true"; send one of them',
      },
    ]);
    expect(neptune.problems[0]?.path).toBe('metadata.restoreToTime');
    expect(neptune.problems[0]?.message).toMatch(/^unknown key for Neptune/);
  });

  it.each<[string, MetadataValue, string]>([
    [
      'vpcSecurityGroupIds',
      'sg-1',
      'must be a JSON array string of security group ids (sg-…) (at least 1), e.g. ["sg-0123456789abcdef0"]',
    ],
    [
      'availabilityZones',
      'eu-west-1a',
      'must be a JSON array string of strings, e.g. ["eu-west-1a","eu-west-1b"]',
    ],
    ['backtrackWindow', 300000, 'must be a whole number from 0 to 259200'],
    ['port', 'x', 'must be a whole number from 1 to 65535, written in digits'],
    [
      'scalingConfiguration',
      '[]',
      'must be a JSON object string, e.g. {"Key":"value"}',
    ],
  ])('refuses a bad %s', (key, value, message) => {
    // Arrange
    const request = input({ [key]: value }, { Engine: 'aurora' });

    // Act
    const outcome = auroraLike.build(request);

    // Assert
    expect(outcome.problems).toEqual([{ path: `metadata.${key}`, message }]);
  });
});
