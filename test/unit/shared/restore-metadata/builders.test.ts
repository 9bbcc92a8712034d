import { describe, expect, it } from 'vitest';
import {
  RESOURCE_TYPES,
  type ResourceType,
} from '../../../../shared/domain/resource-type.js';
import {
  getMetadataBuilder,
  METADATA_BUILDERS,
} from '../../../../shared/restore-metadata/builders.js';
import { REQUEST_ID_KEY } from '../../../../shared/restore-metadata/metadata-keys.js';

/** docs/resource-types.md#copy-tags: tag copy fails the job for these types. */
const NO_TAG_COPY: readonly ResourceType[] = [
  'DynamoDB',
  'S3',
  'VirtualMachine',
  'SAP HANA on Amazon EC2',
  'Timestream',
];

/** docs/resource-types.md#request-id-key: the types that accept aws:backup:request-id. */
const REQUEST_ID_TYPES: readonly ResourceType[] = [
  'CloudFormation',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'FSx',
  'SAP HANA on Amazon EC2',
  'Timestream',
];

describe('METADATA_BUILDERS', () => {
  it('has exactly one builder per resource type', () => {
    // Arrange
    const types = [...RESOURCE_TYPES].sort();

    // Act
    const registered = Object.keys(METADATA_BUILDERS).sort();

    // Assert
    expect(registered).toEqual(types);
  });

  it.each(RESOURCE_TYPES)('returns the %s builder for its own type', (type) => {
    // Arrange: the type comes from the list.

    // Act
    const builder = getMetadataBuilder(type);

    // Assert
    expect(builder.resourceType).toBe(type);
    expect(builder).toBe(METADATA_BUILDERS[type]);
  });

  it.each(RESOURCE_TYPES)(
    'says whether %s supports tag copy (docs/resource-types.md#copy-tags)',
    (type) => {
      // Arrange
      const expected = !NO_TAG_COPY.includes(type);

      // Act
      const supported = getMetadataBuilder(type).copySourceTagsSupported;

      // Assert
      expect(supported).toBe(expected);
    }
  );

  it.each(RESOURCE_TYPES)(
    'documents aws:backup:request-id for %s only where docs/resource-types.md#request-id-key lists it',
    (type) => {
      // Arrange
      const expected = REQUEST_ID_TYPES.includes(type);

      // Act
      const documented =
        getMetadataBuilder(type).documentedKeys.includes(REQUEST_ID_KEY);

      // Assert
      expect(documented).toBe(expected);
    }
  );

  it.each(RESOURCE_TYPES)(
    'documents each %s key once, regardless of case',
    (type) => {
      // Arrange
      const keys = getMetadataBuilder(type).documentedKeys;

      // Act
      const folded = new Set(keys.map((k) => k.toLowerCase()));

      // Assert
      expect(folded.size).toBe(keys.length);
    }
  );
});
