import { describe, expect, it } from 'vitest';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { s3MetadataBuilder } from '../../../../shared/restore-metadata/s3.js';
import {
  fixtureInput,
  KMS_KEY_ARN,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';
import { s3Fixture } from '../../../fixtures/restore-metadata/s3.js';

const BUCKET = 'orders-data-restored';

const build = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = {}
) =>
  s3MetadataBuilder.build(
    metadataInput({ resourceType: 'S3', saved, overrides })
  );

describe('s3MetadataBuilder', () => {
  it('builds the fixture: destination, SSE-KMS with a key, items', () => {
    // Arrange
    const input = fixtureInput(s3Fixture);

    // Act
    const outcome = s3MetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...s3Fixture.expected, problems: [] });
  });

  it('requires DestinationBucketName from the request, even when saved', () => {
    // Arrange
    const saved = { DestinationBucketName: 'orders-data' };

    // Act
    const absent = build({});
    const onlySaved = build({}, saved);

    // Assert
    expect(absent.problems).toEqual([
      {
        path: 'metadata.DestinationBucketName',
        message:
          'required for S3: the bucket to restore into (it must exist, with versioning enabled)',
      },
    ]);
    expect(onlySaved).toEqual({
      metadata: {},
      warnings: [],
      problems: [
        {
          path: 'metadata.DestinationBucketName',
          message:
            'required in the request: the bucket to restore into (versioning enabled); restore-relay does not reuse the saved bucket name',
        },
      ],
    });
  });

  it('refuses an invalid bucket name', () => {
    // Arrange
    const overrides = { DestinationBucketName: 'Orders_Data' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems[0]?.path).toBe('metadata.DestinationBucketName');
    expect(outcome.problems[0]?.message).toMatch(
      /^contains a character other than a lower-case letter, digit, \. or -; S3 bucket names must be /
    );
  });

  it.each<[string, MetadataValue, string]>([
    ['EncryptionType', 'aws:kms', 'must be one of: original, SSE-S3, SSE-KMS'],
    [
      'RestoreLatestVersionsUpTo',
      0,
      'must be 1, a larger whole number, or all',
    ],
    [
      'RestoreLatestVersionsUpTo',
      'latest',
      'must be 1, a larger whole number, or all',
    ],
    ['RestoreACLs', 'yes', 'must be one of: TRUE, FALSE, true, false'],
    [
      'RestoreTime',
      '2026-03-01',
      'must be an ISO 8601 timestamp with a time zone, e.g. 2026-03-01T04:15:00Z',
    ],
    [
      'ItemsToRestore',
      ['a', 'b', 'c', 'd', 'e', 'f'],
      'has 6 items; must be a JSON array string of strings (1–5 of them), e.g. ["s3://bucket/prefix/","s3://bucket/key.txt"]',
    ],
  ])('refuses %s %j', (key, value, message) => {
    // Arrange
    const overrides = { DestinationBucketName: BUCKET, [key]: value };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([{ path: `metadata.${key}`, message }]);
  });

  it.each<MetadataValue>(['all', 1, 7, true])(
    'accepts RestoreLatestVersionsUpTo or RestoreACLs %j',
    (value) => {
      // Arrange
      const key =
        typeof value === 'boolean'
          ? 'RestoreACLs'
          : 'RestoreLatestVersionsUpTo';

      // Act
      const outcome = build({ DestinationBucketName: BUCKET, [key]: value });

      // Assert
      expect(outcome.problems).toEqual([]);
    }
  );

  it('requires KMSKey with SSE-KMS and refuses it otherwise', () => {
    // Arrange
    const missing = {
      DestinationBucketName: BUCKET,
      EncryptionType: 'SSE-KMS',
    };
    const extra = {
      DestinationBucketName: BUCKET,
      EncryptionType: 'SSE-S3',
      KMSKey: KMS_KEY_ARN,
    };

    // Act
    const outcomes = [build(missing), build(extra)];

    // Assert
    expect(outcomes.map((o) => o.problems)).toEqual([
      [
        {
          path: 'metadata.KMSKey',
          message:
            'required when EncryptionType is SSE-KMS: the ARN of the KMS key',
        },
      ],
      [
        {
          path: 'metadata.KMSKey',
          message:
            'is used only with EncryptionType "SSE-KMS"; set EncryptionType to SSE-KMS or remove KMSKey',
        },
      ],
    ]);
  });

  it('does not support tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(s3MetadataBuilder.copySourceTagsSupported).toBe(false);
  });
});
