import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '../../../../shared/domain/resource-type.js';
import { buildRestoreMetadata } from '../../../../shared/restore-metadata/build-restore-metadata.js';
import type {
  MetadataBuildInput,
  MetadataValue,
  ResourceMetadataBuilder,
} from '../../../../shared/restore-metadata/metadata-builder.js';
import { FIXTURES } from '../../../fixtures/restore-metadata/all.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';

describe('buildRestoreMetadata', () => {
  it.each(RESOURCE_TYPES)(
    'builds the %s fixture exactly, with string values only',
    (type) => {
      // Arrange
      const fixture = FIXTURES[type];

      // Act
      const outcome = buildRestoreMetadata(fixtureInput(fixture));

      // Assert
      expect(outcome).toEqual({ ...fixture.expected, problems: [] });
      expect(
        Object.values(outcome.metadata).every((v) => typeof v === 'string')
      ).toBe(true);
    }
  );

  it('reports values that cannot be stringified, once per key', () => {
    // Arrange: DestinationBucketName is also required, so the builder
    // would report it as missing; only the first problem is kept.
    const input = metadataInput({
      resourceType: 'S3',
      overrides: {
        DestinationBucketName: Number.NaN,
        ItemsToRestore: [Number.POSITIVE_INFINITY],
      },
    });

    // Act
    const outcome = buildRestoreMetadata(input);

    // Assert
    expect(outcome).toEqual({
      metadata: {},
      warnings: [],
      problems: [
        {
          path: 'metadata.DestinationBucketName',
          message: 'must be a finite number; NaN and Infinity cannot be sent',
        },
        {
          path: 'metadata.ItemsToRestore',
          message:
            'holds a number that is not finite at [0]; JSON has no NaN or Infinity',
        },
      ],
    });
  });

  it('leaves null to the builder: EC2 takes it for the profile, EFS does not', () => {
    // Arrange
    const ec2 = metadataInput({
      resourceType: 'EC2',
      overrides: { IamInstanceProfileName: null },
    });
    const efs = metadataInput({
      resourceType: 'EFS',
      overrides: { KmsKeyId: null },
    });

    // Act
    const ec2Outcome = buildRestoreMetadata(ec2);
    const efsOutcome = buildRestoreMetadata(efs);

    // Assert
    expect(ec2Outcome).toEqual({
      metadata: { IamInstanceProfileName: 'null' },
      warnings: [],
      problems: [],
    });
    expect(efsOutcome.problems).toEqual([
      {
        path: 'metadata.KmsKeyId',
        message:
          'must not be null; send a string, number, boolean or JSON value',
      },
    ]);
  });

  it('passes the builder stringified overrides and the rest of the input', () => {
    // Arrange
    const seen: MetadataBuildInput[] = [];
    const spy: ResourceMetadataBuilder = {
      resourceType: 'EKS',
      documentedKeys: [],
      copySourceTagsSupported: true,
      build: (input) => {
        seen.push(input);
        return { metadata: {}, warnings: ['w'], problems: [] };
      },
    };
    const input = metadataInput({
      resourceType: 'EKS',
      saved: { a: 'b' },
      overrides: { n: 1, list: ['x'], none: null },
    });

    // Act
    const outcome = buildRestoreMetadata(input, { getBuilder: () => spy });

    // Assert
    expect(seen).toEqual([
      { ...input, overrides: { n: '1', list: '["x"]', none: null } },
    ]);
    expect(outcome).toEqual({ metadata: {}, warnings: ['w'], problems: [] });
  });

  it('turns a value that is not a string into a problem', () => {
    // Arrange: a faulty builder, which the types would not allow.
    const faulty: ResourceMetadataBuilder = {
      resourceType: 'EKS',
      documentedKeys: [],
      copySourceTagsSupported: true,
      build: () => ({
        metadata: JSON.parse('{"clusterName":"a","count":3}'),
        warnings: [],
        problems: [],
      }),
    };

    // Act
    const outcome = buildRestoreMetadata(
      metadataInput({ resourceType: 'EKS' }),
      {
        getBuilder: () => faulty,
      }
    );

    // Assert
    expect(outcome).toEqual({
      metadata: { clusterName: 'a' },
      warnings: [],
      problems: [
        {
          path: 'metadata.count',
          message:
            'was built as a value that is not a string; it cannot be sent',
        },
      ],
    });
  });

  it.each(RESOURCE_TYPES)(
    'never throws for %s, whatever the overrides hold',
    (type) => {
      // Arrange
      const hostile: Record<string, MetadataValue> = {
        '': '',
        constructor: null,
        RestoreTo: 'toString',
        FileSystemType: { nested: [Number.NaN] },
        engine: 42,
        x: [[[]]],
      };
      const input = metadataInput({
        resourceType: type,
        saved: JSON.parse('{"Engine":null,"SubnetIds":"not json"}'),
        overrides: hostile,
        requestKey: '',
      });

      // Act
      const run = () => buildRestoreMetadata(input);

      // Assert
      expect(run).not.toThrow();
      expect(run().problems.length).toBeGreaterThan(0);
    }
  );

  it('reports a __proto__ key as unknown instead of losing it', () => {
    // Arrange: JSON.parse makes __proto__ an own key, as a request would.
    const input = metadataInput({
      resourceType: 'DynamoDB',
      overrides: JSON.parse('{"__proto__":{"polluted":true}}'),
    });

    // Act
    const outcome = buildRestoreMetadata(input);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.__proto__',
        message:
          'unknown key for DynamoDB; allowed: targetTableName, encryptionType, kmsMasterKeyArn, aws:backup:request-id',
      },
    ]);
    expect(Object.getPrototypeOf(outcome.metadata)).toBe(Object.prototype);
  });
});
