import { describe, expect, it } from 'vitest';
import { eksMetadataBuilder } from '../../../../shared/restore-metadata/eks.js';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { eksFixture } from '../../../fixtures/restore-metadata/eks.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';

const build = (overrides: Record<string, MetadataValue>) =>
  eksMetadataBuilder.build(metadataInput({ resourceType: 'EKS', overrides }));

describe('eksMetadataBuilder', () => {
  it('builds the fixture: a namespace restore into an existing cluster', () => {
    // Arrange
    const input = fixtureInput(eksFixture);

    // Act
    const outcome = eksMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...eksFixture.expected, problems: [] });
  });

  it('requires clusterName', () => {
    // Arrange: nothing given.

    // Act
    const outcome = build({});

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.clusterName',
        message: 'required for EKS: the name of the cluster to restore to',
      },
    ]);
  });

  it('accepts the spelling of the guide example (nestedrestorejobs)', () => {
    // Arrange
    const overrides = { clusterName: 'orders', nestedrestorejobs: {} };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.metadata).toEqual({
      clusterName: 'orders',
      nestedRestoreJobs: '{}',
    });
    expect(outcome.warnings).toEqual([
      'metadata.nestedrestorejobs: sent as nestedRestoreJobs, the documented spelling',
    ]);
  });

  it('accepts new-cluster settings only with newCluster "true"', () => {
    // Arrange
    const settings = {
      clusterName: 'orders',
      clusterVpcConfig: {
        vpcId: 'vpc-1',
        subnetIds: ['subnet-1'],
        securityGroupIds: ['sg-1'],
      },
    };

    // Act
    const without = build(settings);
    const withNew = build({ ...settings, newCluster: true });

    // Assert
    expect(without.problems).toEqual([
      {
        path: 'metadata.clusterVpcConfig',
        message: 'is used only with newCluster "true"',
      },
    ]);
    expect(withNew.problems).toEqual([]);
  });

  it.each<[string, MetadataValue, string]>([
    [
      'namespaces',
      ['a', 'b', 'c', 'd', 'e', 'f'],
      'has 6 items; must be a JSON array string of strings (1–5 of them), e.g. ["app"]',
    ],
    [
      'nodeGroups',
      [{ nodeGroupId: 'ng-1' }],
      'item 1 is not an object with nodeGroupId, subnetIds, nodeRole; must be a JSON array string of objects {nodeGroupId, subnetIds, nodeRole, …}, e.g. [{"nodeGroupId":"ng-1","subnetIds":["subnet-…"],"nodeRole":"arn:aws:iam::…"}]',
    ],
    [
      'clusterVpcConfig',
      { vpcId: 'vpc-1' },
      'must carry subnetIds and securityGroupIds',
    ],
    ['namespaceLevelRestore', 'yes', 'must be one of: true, false'],
  ])('refuses a bad %s', (key, value, message) => {
    // Arrange
    const overrides = { clusterName: 'orders', newCluster: true, [key]: value };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([{ path: `metadata.${key}`, message }]);
  });

  it('supports tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(eksMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
