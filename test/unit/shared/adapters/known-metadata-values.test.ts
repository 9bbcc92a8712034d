import { describe, expect, it } from 'vitest';
import { knownMetadataValues } from '#shared/adapters/known-metadata-values';

describe('knownMetadataValues', () => {
  it('keeps the strings and drops the nulls AWS prints for unknown values', () => {
    // Act
    const known = knownMetadataValues({
      availabilityZone: null,
      encrypted: 'false',
      volumeId: 'vol-0a1b2c3d4e5f60718',
      emptyName: '',
    });

    // Assert
    expect(known).toEqual({
      encrypted: 'false',
      volumeId: 'vol-0a1b2c3d4e5f60718',
      emptyName: '',
    });
  });
});
