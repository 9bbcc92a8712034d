import { describe, expect, it } from 'vitest';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { storageGatewayMetadataBuilder } from '../../../../shared/restore-metadata/storage-gateway.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';
import { storageGatewayFixture } from '../../../fixtures/restore-metadata/storage-gateway.js';

const GATEWAY =
  'arn:aws:storagegateway:eu-west-1:111122223333:gateway/sgw-12A3456B';

const build = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = {}
) =>
  storageGatewayMetadataBuilder.build(
    metadataInput({ resourceType: 'Storage Gateway', saved, overrides })
  );

describe('storageGatewayMetadataBuilder', () => {
  it('builds the fixture: gateway, target and size', () => {
    // Arrange
    const input = fixtureInput(storageGatewayFixture);

    // Act
    const outcome = storageGatewayMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({
      ...storageGatewayFixture.expected,
      problems: [],
    });
  });

  it('requires gatewayArn and targetName', () => {
    // Arrange: nothing given.

    // Act
    const outcome = build({});

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.gatewayArn',
        message:
          'required for Storage Gateway: the ARN of the gateway to restore to (it must be reachable)',
      },
      {
        path: 'metadata.targetName',
        message:
          'required for Storage Gateway: the name of the iSCSI target of the new volume',
      },
    ]);
  });

  it.each<[string, MetadataValue, string]>([
    [
      'gatewayArn',
      'sgw-12A3456B',
      'must be an ARN of storagegateway (gateway/…), e.g. arn:aws:storagegateway:eu-west-1:111122223333:gateway/…',
    ],
    [
      'targetName',
      'Volume 1',
      'must be 1–200 lower-case letters, digits, periods, hyphens or semicolons',
    ],
    ['volumeSizeInBytes', 0, 'must be a whole number of at least 1'],
  ])('refuses a bad %s', (key, value, message) => {
    // Arrange
    const overrides = {
      gatewayArn: GATEWAY,
      targetName: 'vol-1',
      [key]: value,
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([{ path: `metadata.${key}`, message }]);
  });

  it('sends documented keys only', () => {
    // Arrange
    const saved = { volumeARN: 'arn:aws:storagegateway:…:volume/vol-1' };

    // Act
    const outcome = build({ gatewayArn: GATEWAY, targetName: 'vol-1' }, saved);

    // Assert
    expect(outcome.metadata).toEqual({
      gatewayArn: GATEWAY,
      targetName: 'vol-1',
    });
    expect(outcome.warnings).toEqual([
      'metadata.volumeARN: dropped from the saved metadata; not a documented key for Storage Gateway',
    ]);
  });

  it('supports tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(storageGatewayMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
