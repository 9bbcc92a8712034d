import { describe, expect, it } from 'vitest';
import { documentDbMetadataBuilder } from '../../../../shared/restore-metadata/documentdb.js';
import { documentDbFixture } from '../../../fixtures/restore-metadata/documentdb.js';
import { fixtureInput } from '../../../fixtures/restore-metadata/fixture.js';

describe('documentDbMetadataBuilder', () => {
  it('builds the fixture with a new cluster id from the cluster ARN', () => {
    // Arrange
    const input = fixtureInput(documentDbFixture);

    // Act
    const outcome = documentDbMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...documentDbFixture.expected, problems: [] });
  });

  it('allows the docdb engine only', () => {
    // Arrange
    const input = fixtureInput(documentDbFixture, { engine: 'aurora' });

    // Act
    const outcome = documentDbMetadataBuilder.build(input);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.Engine',
        message: 'must be one of: docdb (the DocumentDB engines)',
      },
    ]);
  });

  it('warns that Aurora-only keys may not apply to DocumentDB', () => {
    // Arrange
    const input = fixtureInput(documentDbFixture, {
      enableIAMDatabaseAuthentication: true,
    });

    // Act
    const outcome = documentDbMetadataBuilder.build(input);

    // Assert
    expect(outcome.warnings).toEqual([
      'metadata.enableIAMDatabaseAuthentication: comes from the Aurora key list; whether DocumentDB accepts it is UNVERIFIED (docs/resource-types.md#documentdb)',
    ]);
    expect(outcome.problems).toEqual([]);
  });

  it('supports tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(documentDbMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
