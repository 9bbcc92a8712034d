import { createMetadataBuilder } from './create-metadata-builder.js';
import { deriveCreationToken } from './derive-name.js';
import { REQUEST_ID_KEY } from './metadata-keys.js';
import { EFS_CREATION_TOKEN } from './name-rules.js';
import {
  availabilityZoneName,
  booleanString,
  jsonArray,
  matching,
  nameOf,
  nonEmpty,
  oneOf,
  stringItem,
  uuid,
} from './value-rules.js';

/**
 * EFS restore metadata, in the exact documented spelling: AWS enforces the
 * list (kanisterio/kanister#792) and case matters (`newFilesystem` failed,
 * aws/aws-cli#6468). docs/resource-types.md#efs.
 */
export const efsMetadataBuilder = createMetadataBuilder({
  resourceType: 'EFS',
  documentedKeys: [
    'file-system-id',
    'newFileSystem',
    'CreationToken',
    'Encrypted',
    'KmsKeyId',
    'PerformanceMode',
    'ItemsToRestore',
    'singleAzFilesystem',
    'availabilityZoneName',
    REQUEST_ID_KEY,
  ],
  copySourceTagsSupported: true,
  documentedKeysOnly: true,
  valueRules: {
    'file-system-id': matching(
      /^fs-[0-9a-f]+$/,
      'an EFS file system id (fs-…)'
    ),
    newFileSystem: booleanString,
    CreationToken: nameOf(EFS_CREATION_TOKEN),
    Encrypted: booleanString,
    KmsKeyId: nonEmpty,
    PerformanceMode: oneOf(['generalPurpose', 'maxIO']),
    // Five items: the old model said one to five and the console says five
    // in one place, ten in another (docs/resource-types.md#efs pitfall 6); five is safe for both.
    ItemsToRestore: jsonArray({
      items: 'paths from the file system root (starting with /)',
      item: stringItem(/^\//),
      minItems: 1,
      maxItems: 5,
      example: '["/data/report.csv"]',
    }),
    singleAzFilesystem: booleanString,
    availabilityZoneName,
    [REQUEST_ID_KEY]: uuid,
  },
  refine: (context) => {
    const { metadata, input } = context;

    // The console always sends newFileSystem; a new file system is the
    // non-destructive default (docs/resource-types.md#in-place).
    if (!metadata.has('newFileSystem')) {
      context.derive('newFileSystem', 'true');
    } else if (metadata.get('newFileSystem') === 'false') {
      context.warn(
        'newFileSystem',
        'is "false": the restore writes into the source file system, in a new aws-backup-restore_<datetime> directory (docs/resource-types.md#in-place, #efs)'
      );
    }

    // Without a CreationToken the job is created and fails later
    // (aws/aws-cli#4467). A saved token belongs to the source file system,
    // so it is replaced by one derived from the request key.
    if (!context.overridden('CreationToken')) {
      context.derive('CreationToken', deriveCreationToken(input.requestKey));
    }

    // AWS requires Encrypted="true" with a KmsKeyId (docs/resource-types.md#efs). Without either,
    // keep the saved value and otherwise default to "true": restore testing
    // infers encrypted=true, and an encrypted source should not silently
    // come back unencrypted. (The lab and Kanister recipes send "false" only
    // because they are throw-away restore tests.)
    const encrypted = metadata.get('Encrypted');
    if (metadata.has('KmsKeyId')) {
      if (encrypted === 'false' && context.overridden('Encrypted')) {
        if (context.overridden('KmsKeyId')) {
          context.fail(
            'Encrypted',
            'must be "true" when KmsKeyId is set; AWS encrypts with that key only (docs/resource-types.md#efs)'
          );
        } else {
          context.drop(
            'KmsKeyId',
            'dropped: Encrypted is "false", and AWS accepts a KmsKeyId only with encryption'
          );
        }
      } else if (encrypted !== 'true') {
        context.derive('Encrypted', 'true');
        if (encrypted === 'false') {
          context.warn('Encrypted', 'set to "true" because KmsKeyId is set');
        }
      }
    } else if (encrypted === undefined) {
      context.derive('Encrypted', 'true');
    }

    // generalPurpose is the EFS default, and what restore testing, the lab
    // and Kanister all send.
    if (!metadata.has('PerformanceMode')) {
      context.derive('PerformanceMode', 'generalPurpose');
    }
    const oneZone = metadata.get('singleAzFilesystem') === 'true';
    if (oneZone && metadata.get('PerformanceMode') === 'maxIO') {
      context.fail(
        'PerformanceMode',
        'cannot be maxIO for a One Zone file system (singleAzFilesystem is "true"); use generalPurpose'
      );
    }
    if (oneZone && !metadata.has('availabilityZoneName')) {
      context.fail(
        'availabilityZoneName',
        'required when singleAzFilesystem is "true": the Availability Zone of the One Zone file system, e.g. eu-west-1a'
      );
    }
  },
});
