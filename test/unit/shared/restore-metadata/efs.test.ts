import { describe, expect, it } from 'vitest';
import { efsMetadataBuilder } from '../../../../shared/restore-metadata/efs.js';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { efsFixture } from '../../../fixtures/restore-metadata/efs.js';
import {
  fixtureInput,
  KMS_KEY_ARN,
  metadataInput,
  REQUEST_KEY_HASH_48,
} from '../../../fixtures/restore-metadata/fixture.js';

const TOKEN = `restore-relay-${REQUEST_KEY_HASH_48}`;
const SAVED = { 'file-system-id': 'fs-0123456789abcdef0' };

const build = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = SAVED
) =>
  efsMetadataBuilder.build(
    metadataInput({ resourceType: 'EFS', saved, overrides })
  );

describe('efsMetadataBuilder', () => {
  it('builds the fixture: saved console keys, a new token, item paths', () => {
    // Arrange
    const input = fixtureInput(efsFixture);

    // Act
    const outcome = efsMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...efsFixture.expected, problems: [] });
  });

  it('adds newFileSystem, CreationToken, Encrypted and PerformanceMode', () => {
    // Arrange: only the file system id was returned.

    // Act
    const outcome = build({});

    // Assert
    expect(outcome).toEqual({
      metadata: {
        'file-system-id': 'fs-0123456789abcdef0',
        newFileSystem: 'true',
        CreationToken: TOKEN,
        Encrypted: 'true',
        PerformanceMode: 'generalPurpose',
      },
      warnings: [],
      problems: [],
    });
  });

  it('keeps a saved Encrypted "false" when no key is named', () => {
    // Arrange
    const saved = { ...SAVED, Encrypted: 'false' };

    // Act
    const outcome = build({}, saved);

    // Assert
    expect(outcome.metadata.Encrypted).toBe('false');
    expect(outcome.problems).toEqual([]);
  });

  it('sends newFilesystem as newFileSystem and warns about "false"', () => {
    // Arrange: the spelling that failed in aws/aws-cli#6468.
    const overrides = { newFilesystem: false };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.metadata.newFileSystem).toBe('false');
    expect(outcome.metadata).not.toHaveProperty('newFilesystem');
    expect(outcome.warnings).toEqual([
      'metadata.newFilesystem: sent as newFileSystem, the documented spelling',
      'metadata.newFileSystem: is "false": the restore writes into the source file system, in a new aws-backup-restore_<datetime> directory (docs/resource-types.md#in-place, #efs)',
    ]);
  });

  it('replaces a saved CreationToken, keeps one the request gives', () => {
    // Arrange
    const saved = { ...SAVED, CreationToken: 'console-1' };

    // Act
    const derived = build({}, saved);
    const given = build({ CreationToken: 'my-token-1' }, saved);

    // Assert
    expect(derived.metadata.CreationToken).toBe(TOKEN);
    expect(given.metadata.CreationToken).toBe('my-token-1');
  });

  it('refuses a CreationToken longer than 64 characters', () => {
    // Arrange
    const overrides = { CreationToken: 'x'.repeat(65) };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.CreationToken',
        message:
          'is 65 characters long; EFS creation tokens must be 1–64 characters',
      },
    ]);
  });

  it('turns Encrypted on when a KmsKeyId is set', () => {
    // Arrange
    const saved = { ...SAVED, Encrypted: 'false' };

    // Act
    const outcome = build({ KmsKeyId: KMS_KEY_ARN }, saved);

    // Assert
    expect(outcome.metadata.Encrypted).toBe('true');
    expect(outcome.warnings).toEqual([
      'metadata.Encrypted: set to "true" because KmsKeyId is set',
    ]);
    expect(outcome.problems).toEqual([]);
  });

  it('refuses Encrypted "false" together with a KmsKeyId override', () => {
    // Arrange
    const overrides = { KmsKeyId: KMS_KEY_ARN, Encrypted: false };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.Encrypted',
        message:
          'must be "true" when KmsKeyId is set; AWS encrypts with that key only (docs/resource-types.md#efs)',
      },
    ]);
  });

  it('drops the saved KmsKeyId when the request turns encryption off', () => {
    // Arrange
    const saved = { ...SAVED, Encrypted: 'true', KmsKeyId: KMS_KEY_ARN };

    // Act
    const outcome = build({ Encrypted: false }, saved);

    // Assert
    expect(outcome.metadata).not.toHaveProperty('KmsKeyId');
    expect(outcome.metadata.Encrypted).toBe('false');
    expect(outcome.warnings).toEqual([
      'metadata.KmsKeyId: dropped: Encrypted is "false", and AWS accepts a KmsKeyId only with encryption',
    ]);
  });

  it.each<[string, MetadataValue, string]>([
    [
      'a relative path',
      ['data/report.csv'],
      'item 1 is not of the expected form; ',
    ],
    ['no path', [], 'has 0 items; '],
    ['six paths', ['/a', '/b', '/c', '/d', '/e', '/f'], 'has 6 items; '],
    ['a bare string', '/data', ''],
  ])('refuses ItemsToRestore with %s', (_name, value, prefix) => {
    // Arrange
    const overrides = { ItemsToRestore: value };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.ItemsToRestore',
        message: `${prefix}must be a JSON array string of paths from the file system root (starting with /) (1–5 of them), e.g. ["/data/report.csv"]`,
      },
    ]);
  });

  it('refuses a PerformanceMode EFS does not have', () => {
    // Arrange
    const overrides = { PerformanceMode: 'bursting' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.PerformanceMode',
        message: 'must be one of: generalPurpose, maxIO',
      },
    ]);
  });

  it('refuses maxIO for a One Zone file system', () => {
    // Arrange
    const overrides = {
      PerformanceMode: 'maxIO',
      singleAzFilesystem: true,
      availabilityZoneName: 'eu-west-1a',
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.PerformanceMode',
        message:
          'cannot be maxIO for a One Zone file system (singleAzFilesystem is "true"); use generalPurpose',
      },
    ]);
  });

  it('needs an Availability Zone name, not a Region, for One Zone', () => {
    // Arrange
    const missing = { singleAzFilesystem: true };
    const region = {
      singleAzFilesystem: true,
      availabilityZoneName: 'eu-west-1',
    };

    // Act
    const missingOutcome = build(missing);
    const regionOutcome = build(region);

    // Assert
    expect(missingOutcome.problems).toEqual([
      {
        path: 'metadata.availabilityZoneName',
        message:
          'required when singleAzFilesystem is "true": the Availability Zone of the One Zone file system, e.g. eu-west-1a',
      },
    ]);
    expect(regionOutcome.problems).toEqual([
      {
        path: 'metadata.availabilityZoneName',
        message:
          'must be an Availability Zone name such as eu-west-1a (not a Region name)',
      },
    ]);
  });

  it('sends only documented keys: saved tags are dropped, unknown overrides refused', () => {
    // Arrange: kanisterio/kanister#792.
    const saved = { ...SAVED, 'aws:backup:tag:team': 'orders' };

    // Act
    const outcome = build({ Tags: { team: 'orders' } }, saved);

    // Assert
    expect(outcome.metadata).not.toHaveProperty('aws:backup:tag:team');
    expect(outcome.warnings).toEqual([
      'metadata.aws:backup:tag:team: dropped from the saved metadata; not a documented key for EFS',
    ]);
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.Tags',
        message:
          'unknown key for EFS; allowed: file-system-id, newFileSystem, CreationToken, Encrypted, KmsKeyId, PerformanceMode, ItemsToRestore, singleAzFilesystem, availabilityZoneName, aws:backup:request-id',
      },
    ]);
  });

  it('accepts aws:backup:request-id as a UUID only', () => {
    // Arrange
    const good = {
      'aws:backup:request-id': '6a1f2b3c-4d5e-4f60-8a1b-2c3d4e5f6a7b',
    };
    const bad = { 'aws:backup:request-id': 'req-1' };

    // Act
    const goodOutcome = build(good);
    const badOutcome = build(bad);

    // Assert
    expect(goodOutcome.problems).toEqual([]);
    expect(badOutcome.problems).toEqual([
      {
        path: 'metadata.aws:backup:request-id',
        message: 'must be a UUID, e.g. 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      },
    ]);
  });

  it('supports tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(efsMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
