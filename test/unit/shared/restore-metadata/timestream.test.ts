import { describe, expect, it } from 'vitest';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { timestreamMetadataBuilder } from '../../../../shared/restore-metadata/timestream.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';
import { timestreamFixture } from '../../../fixtures/restore-metadata/timestream.js';

const build = (overrides: Record<string, MetadataValue>) =>
  timestreamMetadataBuilder.build(
    metadataInput({ resourceType: 'Timestream', overrides })
  );

describe('timestreamMetadataBuilder', () => {
  it('builds the CLI example of the guide (DatabaseName)', () => {
    // Arrange
    const input = fixtureInput(timestreamFixture);

    // Act
    const outcome = timestreamMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...timestreamFixture.expected, problems: [] });
  });

  it('requires TableName and a database key', () => {
    // Arrange: nothing given.

    // Act
    const outcome = build({});

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.DestinationDatabase',
        message:
          'required for Timestream: the database to restore into, as DestinationDatabase or DatabaseName (which one AWS honours is UNVERIFIED, docs/resource-types.md#timestream)',
      },
      {
        path: 'metadata.TableName',
        message: 'required for Timestream: the name of the table to create',
      },
    ]);
  });

  it('accepts DestinationDatabase, and both keys only when they agree', () => {
    // Arrange
    const destination = { TableName: 't1', DestinationDatabase: 'db' };
    const agree = { ...destination, DatabaseName: 'db' };
    const differ = { ...destination, DatabaseName: 'other' };

    // Act
    const outcomes = [build(destination), build(agree), build(differ)];

    // Assert
    expect(outcomes.map((o) => o.problems)).toEqual([
      [],
      [],
      [
        {
          path: 'metadata.DatabaseName',
          message:
            'differs from DestinationDatabase; name one database, in either key or the same in both',
        },
      ],
    ]);
  });

  it.each<[string, MetadataValue, string]>([
    [
      'TableName',
      't',
      'is 1 characters long; Timestream table names must be 2–256 letters, digits, underscores, periods or hyphens',
    ],
    [
      'MemoryStoreRetentionPeriodInHours',
      8767,
      'must be a whole number from 1 to 8766',
    ],
    [
      'MagneticStoreRetentionPeriodInDays',
      0,
      'must be a whole number from 1 to 73000',
    ],
    [
      'MagneticStoreWriteProperties',
      'true',
      'must be a JSON object string, e.g. {"Key":"value"}',
    ],
  ])('refuses a bad %s', (key, value, message) => {
    // Arrange
    const overrides = {
      TableName: 'metrics',
      DatabaseName: 'db',
      [key]: value,
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([{ path: `metadata.${key}`, message }]);
  });

  it('does not support tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(timestreamMetadataBuilder.copySourceTagsSupported).toBe(false);
  });
});
