import { createMetadataBuilder } from './create-metadata-builder.js';
import { REQUEST_ID_KEY, savedValue } from './metadata-keys.js';
import { S3_BUCKET_NAME } from './name-rules.js';
import {
  availabilityZoneName,
  booleanString,
  integerString,
  jsonArray,
  nameOf,
  nonEmpty,
  oneOf,
  uuid,
} from './value-rules.js';

/** UTF-8 byte limit of one file-level restore path (docs/resource-types.md#ebs). */
const MAX_PATH_BYTES = 1024;

/**
 * EBS restore metadata (docs/resource-types.md#ebs). AWS returns
 * `availabilityZone` as null, so the request must name one; `volumeId` is
 * informational.
 */
export const ebsMetadataBuilder = createMetadataBuilder({
  resourceType: 'EBS',
  documentedKeys: [
    'availabilityZone',
    'encrypted',
    'kmsKeyId',
    'volumeType',
    'volumeSize',
    'iops',
    'throughput',
    'temporaryRestoreDays',
    'restoreType',
    'destinationBucketName',
    'pathsToRestore',
    'encryptionType',
    REQUEST_ID_KEY,
  ],
  copySourceTagsSupported: true,
  informationalKeys: ['volumeId'],
  valueRules: {
    availabilityZone: availabilityZoneName,
    encrypted: booleanString,
    kmsKeyId: nonEmpty,
    volumeType: oneOf(['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1']),
    volumeSize: integerString({ min: 1 }),
    iops: integerString({ min: 1 }),
    throughput: integerString({ min: 1 }),
    temporaryRestoreDays: integerString({ min: 0, max: 180 }),
    restoreType: nonEmpty,
    destinationBucketName: nameOf(S3_BUCKET_NAME),
    pathsToRestore: jsonArray({
      items: `paths of under ${MAX_PATH_BYTES} bytes (UTF-8), optionally fsid:path`,
      item: (i) =>
        typeof i === 'string' &&
        i !== '' &&
        Buffer.byteLength(i, 'utf8') < MAX_PATH_BYTES
          ? undefined
          : `is not a path of under ${MAX_PATH_BYTES} bytes`,
      minItems: 1,
      example: '["/var/log/app.log"]',
    }),
    encryptionType: oneOf(['SSE-S3', 'SSE-KMS']),
    [REQUEST_ID_KEY]: uuid,
  },
  refine: (context) => {
    const { input, metadata } = context;

    // The saved map has the AZ as null (docs/resource-types.md#ebs); the SDK may drop such a key
    // or a caller may pass the text "null". Neither names a zone.
    const zone = metadata.get('availabilityZone');
    if (
      zone !== undefined &&
      !context.overridden('availabilityZone') &&
      (zone === 'null' || zone.trim() === '')
    ) {
      context.drop('availabilityZone');
    }

    // restoreType selects a file-level restore to S3. Its value is not in
    // the guide (UNVERIFIED, docs/resource-types.md#unverified), so it is passed on with a warning.
    if (metadata.has('restoreType')) {
      context.warn(
        'restoreType',
        'selects a file-level restore; its accepted values are not documented (UNVERIFIED, docs/resource-types.md#ebs)'
      );
      for (const key of ['destinationBucketName', 'pathsToRestore']) {
        if (!metadata.has(key)) {
          context.fail(
            key,
            'required for a file-level EBS restore (restoreType is set)'
          );
        }
      }
    } else if (!metadata.has('availabilityZone')) {
      context.fail(
        'availabilityZone',
        'required for EBS: the Availability Zone to create the volume in, e.g. eu-west-1a; AWS returns it as null, so the request must name it (docs/resource-types.md#ebs)'
      );
    }

    // An encrypted source stays encrypted (docs/resource-types.md#ebs).
    if (
      context.overridden('encrypted') &&
      metadata.get('encrypted') === 'false' &&
      savedValue(input.saved, 'encrypted') === 'true'
    ) {
      context.fail(
        'encrypted',
        'cannot be "false": the backed-up volume is encrypted, and encryption cannot be removed on restore (docs/resource-types.md#ebs)'
      );
    }
  },
});
