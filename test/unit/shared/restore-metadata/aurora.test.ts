import { describe, expect, it } from 'vitest';
import { auroraMetadataBuilder } from '../../../../shared/restore-metadata/aurora.js';
import { auroraFixture } from '../../../fixtures/restore-metadata/aurora.js';
import { fixtureInput } from '../../../fixtures/restore-metadata/fixture.js';

describe('auroraMetadataBuilder', () => {
  it('builds the Serverless example of the guide with a new cluster id', () => {
    // Arrange
    const input = fixtureInput(auroraFixture);

    // Act
    const outcome = auroraMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...auroraFixture.expected, problems: [] });
  });

  it.each(['aurora', 'aurora-mysql', 'aurora-postgresql'])(
    'accepts the engine %s',
    (engine) => {
      // Arrange
      const input = fixtureInput(auroraFixture, { engine });

      // Act
      const outcome = auroraMetadataBuilder.build(input);

      // Assert
      expect(outcome.metadata.Engine).toBe(engine);
      expect(outcome.problems).toEqual([]);
    }
  );

  it('refuses an engine that is not Aurora', () => {
    // Arrange
    const input = fixtureInput(auroraFixture, { engine: 'neptune' });

    // Act
    const outcome = auroraMetadataBuilder.build(input);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.Engine',
        message:
          'must be one of: aurora, aurora-mysql, aurora-postgresql (the Aurora engines)',
      },
    ]);
  });

  it('documents the cluster keys plus point-in-time keys, and supports tag copy', () => {
    // Arrange, Act: properties.

    // Assert
    expect(auroraMetadataBuilder.documentedKeys).toContain(
      'dbClusterIdentifier'
    );
    expect(auroraMetadataBuilder.documentedKeys).toContain('restoreToTime');
    expect(auroraMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
