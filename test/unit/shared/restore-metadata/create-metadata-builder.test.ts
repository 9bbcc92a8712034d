import { describe, expect, it } from 'vitest';
import {
  type BuildContext,
  createMetadataBuilder,
} from '../../../../shared/restore-metadata/create-metadata-builder.js';
import {
  booleanString,
  securityGroupIds,
} from '../../../../shared/restore-metadata/value-rules.js';
import { metadataInput } from '../../../fixtures/restore-metadata/fixture.js';

/** A builder over made-up keys, to test the shared steps alone. */
const testBuilder = (refine?: (context: BuildContext) => void) =>
  createMetadataBuilder({
    resourceType: 'EKS',
    documentedKeys: ['groups', 'flag', 'needed', 'profile'],
    copySourceTagsSupported: true,
    nullableKeys: ['profile'],
    requiredKeys: { needed: 'what the test needs' },
    valueRules: { groups: securityGroupIds, flag: booleanString },
    ...(refine === undefined ? {} : { refine }),
  });

describe('createMetadataBuilder', () => {
  it('exposes the type, its documented keys and the tag-copy flag', () => {
    // Arrange, Act
    const builder = testBuilder();

    // Assert
    expect(builder.resourceType).toBe('EKS');
    expect(builder.documentedKeys).toEqual([
      'groups',
      'flag',
      'needed',
      'profile',
    ]);
    expect(builder.copySourceTagsSupported).toBe(true);
  });

  it('stringifies overrides, allowing null only for nullable keys', () => {
    // Arrange
    const input = metadataInput({
      resourceType: 'EKS',
      overrides: { needed: 5, flag: true, profile: null, groups: null },
    });

    // Act
    const outcome = testBuilder().build(input);

    // Assert
    expect(outcome).toEqual({
      metadata: { needed: '5', flag: 'true', profile: 'null' },
      warnings: [],
      problems: [
        {
          path: 'metadata.groups',
          message:
            'must not be null; send a string, number, boolean or JSON value',
        },
      ],
    });
  });

  it('checks the format of overrides but not of saved values', () => {
    // Arrange: AWS returned an odd flag; the request sent a bad one.
    const input = metadataInput({
      resourceType: 'EKS',
      saved: { flag: 'TRUE', needed: 'x' },
      overrides: { groups: 'sg-0a1b2c3d' },
    });

    // Act
    const outcome = testBuilder().build(input);

    // Assert
    expect(outcome.metadata).toEqual({
      flag: 'TRUE',
      needed: 'x',
      groups: 'sg-0a1b2c3d',
    });
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.groups',
        message:
          'must be a JSON array string of security group ids (sg-…) (at least 1), e.g. ["sg-0123456789abcdef0"]',
      },
    ]);
  });

  it('re-encodes a saved list that is not JSON, with a warning', () => {
    // Arrange
    const input = metadataInput({
      resourceType: 'EKS',
      saved: { groups: 'sg-1,sg-2', needed: 'x' },
    });

    // Act
    const outcome = testBuilder().build(input);

    // Assert
    expect(outcome).toEqual({
      metadata: { groups: '["sg-1","sg-2"]', needed: 'x' },
      warnings: [
        'metadata.groups: the saved value was re-encoded as a JSON array string',
      ],
      problems: [],
    });
  });

  it('reports a missing required key once, even when its value was refused', () => {
    // Arrange
    const missing = metadataInput({ resourceType: 'EKS' });
    const refused = metadataInput({
      resourceType: 'EKS',
      overrides: { needed: Number.NaN },
    });

    // Act
    const missingOutcome = testBuilder().build(missing);
    const refusedOutcome = testBuilder().build(refused);

    // Assert
    expect(missingOutcome.problems).toEqual([
      {
        path: 'metadata.needed',
        message: 'required for EKS: what the test needs',
      },
    ]);
    expect(refusedOutcome.problems).toEqual([
      {
        path: 'metadata.needed',
        message: 'must be a finite number; NaN and Infinity cannot be sent',
      },
    ]);
  });

  it('gives refine a context to warn, fail, drop and derive', () => {
    // Arrange
    const input = metadataInput({
      resourceType: 'EKS',
      saved: { flag: 'true', Groups: '["sg-1"]' },
      overrides: { needed: 'x' },
    });
    const seen: boolean[] = [];

    // Act
    const outcome = testBuilder((context) => {
      seen.push(context.overridden('needed'), context.overridden('flag'));
      context.warn('groups', 'a warning');
      context.drop('flag', 'dropped for the test');
      context.drop('absent', 'never shown');
      context.derive('profile', 'derived');
      context.fail('needed', 'a problem');
    }).build(input);

    // Assert
    expect(seen).toEqual([true, false]);
    expect(outcome).toEqual({
      metadata: { Groups: '["sg-1"]', needed: 'x', profile: 'derived' },
      warnings: [
        'metadata.Groups: a warning',
        'metadata.flag: dropped for the test',
      ],
      problems: [{ path: 'metadata.needed', message: 'a problem' }],
    });
  });

  it('checks the format of values refine derives', () => {
    // Arrange
    const input = metadataInput({
      resourceType: 'EKS',
      overrides: { needed: 'x' },
    });

    // Act
    const outcome = testBuilder((context) =>
      context.derive('flag', 'yes')
    ).build(input);

    // Assert
    expect(outcome.problems).toEqual([
      { path: 'metadata.flag', message: 'must be one of: true, false' },
    ]);
  });
});
