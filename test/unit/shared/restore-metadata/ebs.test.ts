import { describe, expect, it } from 'vitest';
import { ebsMetadataBuilder } from '../../../../shared/restore-metadata/ebs.js';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { ebsFixture } from '../../../fixtures/restore-metadata/ebs.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';

const AZ_REQUIRED = {
  path: 'metadata.availabilityZone',
  message:
    'required for EBS: the Availability Zone to create the volume in, e.g. eu-west-1a; AWS returns it as null, so the request must name it (docs/resource-types.md#ebs)',
};

const build = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = { encrypted: 'false', volumeId: 'vol-1' }
) =>
  ebsMetadataBuilder.build(
    metadataInput({ resourceType: 'EBS', saved, overrides })
  );

describe('ebsMetadataBuilder', () => {
  it('builds the returned example of the guide with an AZ and volume settings', () => {
    // Arrange
    const input = fixtureInput(ebsFixture);

    // Act
    const outcome = ebsMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...ebsFixture.expected, problems: [] });
  });

  it.each<[string, Record<string, string>]>([
    ['saved as the text null', { availabilityZone: 'null' }],
    ['saved as JSON null', JSON.parse('{"availabilityZone":null}')],
    ['saved empty', { availabilityZone: '' }],
    ['absent', {}],
  ])('needs an availabilityZone in the request when it is %s', (_n, saved) => {
    // Arrange: the saved map comes from the table.

    // Act
    const outcome = build({}, saved);

    // Assert
    expect(outcome).toEqual({
      metadata: {},
      warnings: [],
      problems: [AZ_REQUIRED],
    });
  });

  it('keeps a real saved availabilityZone', () => {
    // Arrange
    const saved = { availabilityZone: 'eu-west-1b' };

    // Act
    const outcome = build({}, saved);

    // Assert
    expect(outcome).toEqual({
      metadata: { availabilityZone: 'eu-west-1b' },
      warnings: [],
      problems: [],
    });
  });

  it.each<[string, MetadataValue, string]>([
    [
      'availabilityZone',
      'eu-west-1',
      'must be an Availability Zone name such as eu-west-1a (not a Region name)',
    ],
    ['volumeType', 'standard', 'must be one of: gp2, gp3, io1, io2, st1, sc1'],
    [
      'volumeSize',
      '100GiB',
      'must be a whole number of at least 1, written in digits',
    ],
    ['iops', 0, 'must be a whole number of at least 1'],
    [
      'throughput',
      12.5,
      'must be a whole number of at least 1, written in digits',
    ],
    ['temporaryRestoreDays', 181, 'must be a whole number from 0 to 180'],
    ['temporaryRestoreDays', -1, 'must be a whole number from 0 to 180'],
  ])('refuses %s %j', (key, value, message) => {
    // Arrange
    const overrides = { availabilityZone: 'eu-west-1a', [key]: value };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([{ path: `metadata.${key}`, message }]);
  });

  it('accepts temporaryRestoreDays from 0 to 180', () => {
    // Arrange
    const limits = [0, 180];

    // Act
    const outcomes = limits.map((days) =>
      build({ availabilityZone: 'eu-west-1a', temporaryRestoreDays: days })
    );

    // Assert
    expect(outcomes.map((o) => o.problems)).toEqual([[], []]);
  });

  it('refuses to turn encryption off for an encrypted volume', () => {
    // Arrange
    const saved = { encrypted: 'true' };

    // Act
    const outcome = build(
      { availabilityZone: 'eu-west-1a', encrypted: false },
      saved
    );

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.encrypted',
        message:
          'cannot be "false": the backed-up volume is encrypted, and encryption cannot be removed on restore (docs/resource-types.md#ebs)',
      },
    ]);
  });

  it('ignores volumeId as an override', () => {
    // Arrange
    const overrides = { availabilityZone: 'eu-west-1a', volumeId: 'vol-2' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.metadata).toEqual({
      encrypted: 'false',
      availabilityZone: 'eu-west-1a',
    });
    expect(outcome.warnings).toEqual([
      'metadata.volumeId: ignored; AWS returns it for information only and EBS does not accept it',
    ]);
  });

  it('treats restoreType as a file-level restore needing bucket and paths', () => {
    // Arrange
    const overrides = { restoreType: 'FILE_LEVEL' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.warnings).toEqual([
      'metadata.restoreType: selects a file-level restore; its accepted values are not documented (UNVERIFIED, docs/resource-types.md#ebs)',
    ]);
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.destinationBucketName',
        message: 'required for a file-level EBS restore (restoreType is set)',
      },
      {
        path: 'metadata.pathsToRestore',
        message: 'required for a file-level EBS restore (restoreType is set)',
      },
    ]);
  });

  it('checks file-level paths (under 1024 bytes of UTF-8)', () => {
    // Arrange
    const overrides = {
      restoreType: 'FILE_LEVEL',
      destinationBucketName: 'restored-files',
      pathsToRestore: ['/ok', `/${'é'.repeat(512)}`],
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.pathsToRestore',
        message:
          'item 2 is not a path of under 1024 bytes; must be a JSON array string of paths of under 1024 bytes (UTF-8), optionally fsid:path (at least 1), e.g. ["/var/log/app.log"]',
      },
    ]);
  });

  it('supports tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(ebsMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
