import { describe, expect, it } from 'vitest';
import { neptuneMetadataBuilder } from '../../../../shared/restore-metadata/neptune.js';
import { fixtureInput } from '../../../fixtures/restore-metadata/fixture.js';
import { neptuneFixture } from '../../../fixtures/restore-metadata/neptune.js';

describe('neptuneMetadataBuilder', () => {
  it('builds the fixture, deriving the id from the resource name', () => {
    // Arrange
    const input = fixtureInput(neptuneFixture);

    // Act
    const outcome = neptuneMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...neptuneFixture.expected, problems: [] });
  });

  it('allows the neptune engine only', () => {
    // Arrange
    const input = fixtureInput(neptuneFixture, { Engine: 'docdb' });

    // Act
    const outcome = neptuneMetadataBuilder.build(input);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.Engine',
        message: 'must be one of: neptune (the Neptune engines)',
      },
    ]);
  });

  it('does not accept Aurora point-in-time keys', () => {
    // Arrange, Act: a property.

    // Assert
    expect(neptuneMetadataBuilder.documentedKeys).not.toContain(
      'restoreToTime'
    );
    expect(neptuneMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
