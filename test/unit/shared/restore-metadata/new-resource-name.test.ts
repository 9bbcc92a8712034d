import { describe, expect, it } from 'vitest';
import { createMetadataBuilder } from '../../../../shared/restore-metadata/create-metadata-builder.js';
import {
  DYNAMODB_TABLE_NAME,
  RDS_INSTANCE_IDENTIFIER,
} from '../../../../shared/restore-metadata/name-rules.js';
import { ensureNewResourceName } from '../../../../shared/restore-metadata/new-resource-name.js';
import {
  metadataInput,
  REQUEST_KEY_HASH,
} from '../../../fixtures/restore-metadata/fixture.js';

const SAME_NAME =
  "metadata.name: is the backed-up resource's own name; the restore fails while a resource of that name still exists";

const nameBuilder = (rule = RDS_INSTANCE_IDENTIFIER) =>
  createMetadataBuilder({
    resourceType: 'RDS',
    documentedKeys: ['name'],
    copySourceTagsSupported: true,
    refine: (context) =>
      ensureNewResourceName(context, {
        key: 'name',
        rule,
        original: 'Orders',
      }),
  });

describe('ensureNewResourceName', () => {
  it('derives a name when the request gives none', () => {
    // Arrange
    const input = metadataInput({ resourceType: 'RDS' });

    // Act
    const outcome = nameBuilder().build(input);

    // Assert
    expect(outcome.metadata).toEqual({ name: `orders-${REQUEST_KEY_HASH}` });
  });

  it('replaces a saved name, which names the backed-up resource', () => {
    // Arrange
    const input = metadataInput({
      resourceType: 'RDS',
      saved: { Name: 'orders' },
    });

    // Act
    const outcome = nameBuilder().build(input);

    // Assert
    expect(outcome.metadata).toEqual({ Name: `orders-${REQUEST_KEY_HASH}` });
  });

  it('keeps a name the request gives', () => {
    // Arrange
    const input = metadataInput({
      resourceType: 'RDS',
      overrides: { name: 'orders-copy' },
    });

    // Act
    const outcome = nameBuilder().build(input);

    // Assert
    expect(outcome).toEqual({
      metadata: { name: 'orders-copy' },
      warnings: [],
      problems: [],
    });
  });

  it('warns when the given name is the original, regardless of case for RDS', () => {
    // Arrange
    const input = metadataInput({
      resourceType: 'RDS',
      overrides: { name: 'ORDERS' },
    });

    // Act
    const outcome = nameBuilder().build(input);

    // Assert
    expect(outcome.warnings).toEqual([SAME_NAME]);
  });

  it('tells names apart by case where AWS does (DynamoDB)', () => {
    // Arrange
    const other = metadataInput({
      resourceType: 'RDS',
      overrides: { name: 'orders' },
    });
    const same = metadataInput({
      resourceType: 'RDS',
      overrides: { name: 'Orders' },
    });

    // Act
    const otherOutcome = nameBuilder(DYNAMODB_TABLE_NAME).build(other);
    const sameOutcome = nameBuilder(DYNAMODB_TABLE_NAME).build(same);

    // Assert
    expect(otherOutcome.warnings).toEqual([]);
    expect(sameOutcome.warnings).toEqual([SAME_NAME]);
  });
});
