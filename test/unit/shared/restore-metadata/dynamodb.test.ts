import { describe, expect, it } from 'vitest';
import { dynamoDbMetadataBuilder } from '../../../../shared/restore-metadata/dynamodb.js';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { dynamoDbFixture } from '../../../fixtures/restore-metadata/dynamodb.js';
import {
  fixtureInput,
  KMS_KEY_ARN,
  metadataInput,
  REQUEST_KEY_HASH,
  recoveryPoint,
} from '../../../fixtures/restore-metadata/fixture.js';

const build = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = { originalTableName: 'orders' }
) =>
  dynamoDbMetadataBuilder.build(
    metadataInput({ resourceType: 'DynamoDB', saved, overrides })
  );

describe('dynamoDbMetadataBuilder', () => {
  it('builds the fixture: a new table name, originalTableName dropped', () => {
    // Arrange
    const input = fixtureInput(dynamoDbFixture);

    // Act
    const outcome = dynamoDbMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...dynamoDbFixture.expected, problems: [] });
  });

  it('derives the name from the table ARN when nothing was saved', () => {
    // Arrange
    const input = metadataInput({
      resourceType: 'DynamoDB',
      recoveryPoint: recoveryPoint({
        resourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders.v2',
      }),
    });

    // Act
    const outcome = dynamoDbMetadataBuilder.build(input);

    // Assert
    expect(outcome.metadata).toEqual({
      targetTableName: `Orders.v2-${REQUEST_KEY_HASH}`,
    });
  });

  it('keeps a targetTableName the request gives, in any case of the key', () => {
    // Arrange: DynamoDB keys are documented as case-insensitive.
    const overrides = { TargetTableName: 'orders_copy' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome).toEqual({
      metadata: { targetTableName: 'orders_copy' },
      warnings: [
        'metadata.TargetTableName: sent as targetTableName, the documented spelling',
      ],
      problems: [],
    });
  });

  it('refuses an invalid targetTableName', () => {
    // Arrange
    const overrides = { targetTableName: 'or' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.targetTableName',
        message:
          'is 2 characters long; DynamoDB table names must be 3–255 letters, digits, underscores, periods or hyphens',
      },
    ]);
  });

  it('refuses an encryptionType other than Default or KMS', () => {
    // Arrange
    const overrides = { encryptionType: 'SSE-KMS' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.encryptionType',
        message: 'must be one of: Default, KMS',
      },
    ]);
  });

  it.each<[string, Record<string, MetadataValue>]>([
    ['without encryptionType', { kmsMasterKeyArn: KMS_KEY_ARN }],
    [
      'with encryptionType Default',
      { kmsMasterKeyArn: KMS_KEY_ARN, encryptionType: 'Default' },
    ],
  ])('refuses kmsMasterKeyArn %s', (_name, overrides) => {
    // Arrange: the overrides come from the table.

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.kmsMasterKeyArn',
        message:
          'is used only with encryptionType "KMS"; set encryptionType to KMS or remove kmsMasterKeyArn',
      },
    ]);
  });

  it('refuses a kmsMasterKeyArn that is not a KMS key ARN', () => {
    // Arrange
    const overrides = { encryptionType: 'KMS', kmsMasterKeyArn: 'alias/x' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.kmsMasterKeyArn',
        message:
          'must be an ARN of kms (key/…), e.g. arn:aws:kms:eu-west-1:111122223333:key/…',
      },
    ]);
  });

  it('ignores originalTableName as an override', () => {
    // Arrange
    const overrides = { originalTableName: 'other' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.metadata).toEqual({
      targetTableName: `orders-${REQUEST_KEY_HASH}`,
    });
    expect(outcome.warnings).toEqual([
      'metadata.originalTableName: ignored; AWS returns it for information only and DynamoDB does not accept it',
    ]);
  });

  it('does not support tag copy (the job would fail)', () => {
    // Arrange, Act: a property.

    // Assert
    expect(dynamoDbMetadataBuilder.copySourceTagsSupported).toBe(false);
  });
});
