import { createMetadataBuilder } from './create-metadata-builder.js';
import { REQUEST_ID_KEY } from './metadata-keys.js';
import {
  CLOUDFORMATION_CHANGE_SET_NAME,
  CLOUDFORMATION_STACK_NAME,
} from './name-rules.js';
import { jsonValue, matching, nameOf, uuid } from './value-rules.js';

/**
 * CloudFormation restore metadata (docs/resource-types.md#cloudformation), validated and
 * passed through. The restore creates the stack in REVIEW_IN_PROGRESS with a
 * change set that someone must execute; a failed attempt leaves names that
 * conflict with a retry until it is deleted.
 */
export const cloudFormationMetadataBuilder = createMetadataBuilder({
  resourceType: 'CloudFormation',
  documentedKeys: [
    'ChangeSetName',
    'StackName',
    'ChangeSetDescription',
    'StackParameters',
    REQUEST_ID_KEY,
  ],
  copySourceTagsSupported: true,
  documentedKeysOnly: true,
  requiredKeys: {
    ChangeSetName: 'the name of the change set to create',
    StackName: 'the name of the new stack',
  },
  valueRules: {
    ChangeSetName: nameOf(CLOUDFORMATION_CHANGE_SET_NAME),
    StackName: nameOf(CLOUDFORMATION_STACK_NAME),
    // CreateChangeSet Description: at most 1024 characters.
    ChangeSetDescription: matching(/^[\s\S]{1,1024}$/, '1–1024 characters'),
    StackParameters: jsonValue,
    [REQUEST_ID_KEY]: uuid,
  },
});
