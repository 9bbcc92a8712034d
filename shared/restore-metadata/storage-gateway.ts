import { createMetadataBuilder } from './create-metadata-builder.js';
import { arnOf, integerString, matching, nonEmpty } from './value-rules.js';

/**
 * Storage Gateway restore metadata (docs/resource-types.md#storage-gateway): the gateway
 * to restore to and the iSCSI target name are required. Restoring a gateway
 * snapshot as an EBS volume (with the EBS keys) is not supported here.
 */
export const storageGatewayMetadataBuilder = createMetadataBuilder({
  resourceType: 'Storage Gateway',
  documentedKeys: [
    'gatewayArn',
    'gatewayType',
    'targetName',
    'kmsKey',
    'volumeSize',
    'volumeSizeInBytes',
    'diskId',
  ],
  copySourceTagsSupported: true,
  documentedKeysOnly: true,
  requiredKeys: {
    gatewayArn: 'the ARN of the gateway to restore to (it must be reachable)',
    targetName: 'the name of the iSCSI target of the new volume',
  },
  valueRules: {
    gatewayArn: arnOf('storagegateway', 'gateway/'),
    // The guide says BACKUP_VM is the only valid value, which looks wrong
    // for a volume gateway (UNVERIFIED, docs/resource-types.md#storage-gateway), so no value is enforced.
    gatewayType: nonEmpty,
    // The iSCSI target name rule of Storage Gateway CreateCachediSCSIVolume.
    targetName: matching(
      /^[-.;a-z0-9]{1,200}$/,
      '1–200 lower-case letters, digits, periods, hyphens or semicolons'
    ),
    kmsKey: arnOf('kms'),
    volumeSize: integerString({ min: 1 }),
    volumeSizeInBytes: integerString({ min: 1 }),
    diskId: nonEmpty,
  },
});
