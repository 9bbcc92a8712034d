import { createMetadataBuilder } from './create-metadata-builder.js';
import { REQUEST_ID_KEY, savedValue } from './metadata-keys.js';
import { DYNAMODB_TABLE_NAME } from './name-rules.js';
import { ensureNewResourceName } from './new-resource-name.js';
import { nameInArn, originalName } from './original-name.js';
import { arnOf, nameOf, oneOf, uuid } from './value-rules.js';

/**
 * DynamoDB restore metadata (docs/resource-types.md#dynamodb): a new
 * `targetTableName`, derived from `originalTableName` when the request
 * gives none. AWS documents these keys as not case-sensitive.
 */
export const dynamoDbMetadataBuilder = createMetadataBuilder({
  resourceType: 'DynamoDB',
  documentedKeys: [
    'targetTableName',
    'encryptionType',
    'kmsMasterKeyArn',
    REQUEST_ID_KEY,
  ],
  // docs/resource-types.md#copy-tags: tag copy fails the job for DynamoDB and Advanced DynamoDB.
  copySourceTagsSupported: false,
  informationalKeys: ['originalTableName'],
  requiredKeys: {
    targetTableName: 'the name of the new table, which must not exist yet',
  },
  valueRules: {
    targetTableName: nameOf(DYNAMODB_TABLE_NAME),
    encryptionType: oneOf(['Default', 'KMS']),
    kmsMasterKeyArn: arnOf('kms', 'key/'),
    [REQUEST_ID_KEY]: uuid,
  },
  refine: (context) => {
    const { input, metadata } = context;
    const { resourceArn, resourceName } = input.recoveryPoint;

    ensureNewResourceName(context, {
      key: 'targetTableName',
      rule: DYNAMODB_TABLE_NAME,
      original: originalName([
        savedValue(input.saved, 'originalTableName'),
        resourceName,
        nameInArn(resourceArn, 'table'),
      ]),
    });

    // With KMS and no ARN, DynamoDB uses the AWS-managed key; an ARN with
    // any other encryption type has no meaning (docs/resource-types.md#dynamodb).
    if (
      metadata.has('kmsMasterKeyArn') &&
      metadata.get('encryptionType') !== 'KMS'
    ) {
      context.fail(
        'kmsMasterKeyArn',
        'is used only with encryptionType "KMS"; set encryptionType to KMS or remove kmsMasterKeyArn'
      );
    }
  },
});
