import { createMetadataBuilder } from './create-metadata-builder.js';
import { S3_BUCKET_NAME } from './name-rules.js';
import {
  arnOf,
  matching,
  nameOf,
  oneOf,
  stringList,
  timestamp,
} from './value-rules.js';

/**
 * S3 restore metadata (docs/resource-types.md#s3). The destination bucket is
 * never derived or reused from the saved map: it must exist with versioning
 * enabled, so only the request can name it.
 */
export const s3MetadataBuilder = createMetadataBuilder({
  resourceType: 'S3',
  documentedKeys: [
    'DestinationBucketName',
    'RestoreACLs',
    'EncryptionType',
    'KMSKey',
    'ItemsToRestore',
    'RestoreLatestVersionsUpTo',
    'RestoreTime',
  ],
  // docs/resource-types.md#copy-tags: tag copy is unsupported for S3.
  copySourceTagsSupported: false,
  requiredKeys: {
    DestinationBucketName:
      'the bucket to restore into (it must exist, with versioning enabled)',
  },
  valueRules: {
    DestinationBucketName: nameOf(S3_BUCKET_NAME),
    // The guide writes TRUE / FALSE; JSON booleans arrive as true / false.
    RestoreACLs: oneOf(['TRUE', 'FALSE', 'true', 'false']),
    EncryptionType: oneOf(['original', 'SSE-S3', 'SSE-KMS']),
    KMSKey: arnOf('kms'),
    ItemsToRestore: stringList({
      minItems: 1,
      maxItems: 5,
      example: '["s3://bucket/prefix/","s3://bucket/key.txt"]',
    }),
    RestoreLatestVersionsUpTo: matching(
      /^(all|[1-9]\d*)$/,
      '1, a larger whole number, or all'
    ),
    RestoreTime: timestamp,
  },
  refine: (context) => {
    const { metadata } = context;

    if (
      metadata.has('DestinationBucketName') &&
      !context.overridden('DestinationBucketName')
    ) {
      context.drop('DestinationBucketName');
      context.fail(
        'DestinationBucketName',
        'required in the request: the bucket to restore into (versioning enabled); restore-relay does not reuse the saved bucket name'
      );
    }

    const encryption = metadata.get('EncryptionType');
    if (encryption === 'SSE-KMS' && !metadata.has('KMSKey')) {
      context.fail(
        'KMSKey',
        'required when EncryptionType is SSE-KMS: the ARN of the KMS key'
      );
    } else if (encryption !== 'SSE-KMS' && metadata.has('KMSKey')) {
      context.fail(
        'KMSKey',
        'is used only with EncryptionType "SSE-KMS"; set EncryptionType to SSE-KMS or remove KMSKey'
      );
    }
  },
});
