import { describe, expect, it } from 'vitest';
import { cloudFormationMetadataBuilder } from '../../../../shared/restore-metadata/cloudformation.js';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { cloudFormationFixture } from '../../../fixtures/restore-metadata/cloudformation.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';

const build = (overrides: Record<string, MetadataValue>) =>
  cloudFormationMetadataBuilder.build(
    metadataInput({ resourceType: 'CloudFormation', overrides })
  );

describe('cloudFormationMetadataBuilder', () => {
  it('builds the fixture: stack and change set names', () => {
    // Arrange
    const input = fixtureInput(cloudFormationFixture);

    // Act
    const outcome = cloudFormationMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({
      ...cloudFormationFixture.expected,
      problems: [],
    });
  });

  it('requires ChangeSetName and StackName', () => {
    // Arrange: nothing given.

    // Act
    const outcome = build({});

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.ChangeSetName',
        message:
          'required for CloudFormation: the name of the change set to create',
      },
      {
        path: 'metadata.StackName',
        message: 'required for CloudFormation: the name of the new stack',
      },
    ]);
  });

  it('checks names and StackParameters, and refuses other keys', () => {
    // Arrange
    const overrides = {
      StackName: '1-stack',
      ChangeSetName: 'restore',
      StackParameters: '{not json',
      TemplateBody: '{}',
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.TemplateBody',
        message:
          'unknown key for CloudFormation; allowed: ChangeSetName, StackName, ChangeSetDescription, StackParameters, aws:backup:request-id',
      },
      {
        path: 'metadata.StackName',
        message:
          'does not start with a letter; CloudFormation stack names must be 1–128 letters, digits or hyphens, starting with a letter',
      },
      { path: 'metadata.StackParameters', message: 'must be a JSON string' },
    ]);
  });

  it('supports tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(cloudFormationMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
