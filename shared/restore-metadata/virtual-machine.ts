import { createMetadataBuilder } from './create-metadata-builder.js';
import { isJsonObject } from './json-text.js';
import {
  arnOf,
  availabilityZoneName,
  booleanString,
  jsonArray,
  jsonObject,
  matching,
  objectItem,
  oneOf,
  securityGroupIds,
  stringList,
  subnetId,
} from './value-rules.js';

/** Keys of a restore to an EC2 instance (docs/resource-types.md#virtual-machine). */
const EC2_TARGET_KEYS = [
  'InstanceType',
  'VpcId',
  'SubnetId',
  'SecurityGroupIds',
  'IamInstanceProfileName',
  'InstanceInitiatedShutdownBehavior',
  'HibernationOptions',
  'DisableApiTermination',
  'Placement',
  'CreditSpecification',
  'RamdiskId',
  'KernelId',
  'UserData',
  'EbsOptimized',
  'LicenseSpecifications',
  'KmsKeyId',
  'AvailabilityZone',
  'EbsVolumeType',
  'IsEncrypted',
  'RequireIMDSv2',
  'NetworkInterfaces',
];

/** Keys of a restore to VMware (docs/resource-types.md#virtual-machine). */
const VMWARE_TARGET_KEYS = [
  'HypervisorArn',
  'VMName',
  'VMPath',
  'ComputeResourceName',
  'VMDatastore',
  'DisksToRestore',
];

/** `ItemsToRestore` is a key of both targets. */
const SHARED_KEY = 'ItemsToRestore';

const TARGETS: Readonly<Record<string, readonly string[]>> = {
  EC2Instance: EC2_TARGET_KEYS,
  VMware: VMWARE_TARGET_KEYS,
};

/**
 * VirtualMachine restore metadata (docs/resource-types.md#virtual-machine): `RestoreTo`
 * picks the target, and only that target's keys are sent. The `RestoreTo`
 * value for a restore to EBS volumes is not documented (UNVERIFIED, docs/resource-types.md#unverified),
 * so that target is refused rather than guessed: a wrong value would only
 * fail the job later.
 */
export const virtualMachineMetadataBuilder = createMetadataBuilder({
  resourceType: 'VirtualMachine',
  documentedKeys: [
    'RestoreTo',
    ...EC2_TARGET_KEYS,
    ...VMWARE_TARGET_KEYS,
    SHARED_KEY,
  ],
  // docs/resource-types.md#copy-tags: tag copy is unsupported for VMware and on-premises VMs.
  copySourceTagsSupported: false,
  documentedKeysOnly: true,
  // The guide's own VMware example carries vmId, a key of the returned map.
  informationalKeys: ['vmId'],
  requiredKeys: {
    RestoreTo: 'the target, EC2Instance or VMware',
  },
  valueRules: {
    InstanceType: matching(
      /^[a-z0-9-]+\.[a-z0-9-]+$/,
      'an instance type such as t3.small'
    ),
    VpcId: matching(/^vpc-[0-9a-f]+$/, 'a VPC id (vpc-…)'),
    SubnetId: subnetId,
    SecurityGroupIds: securityGroupIds,
    InstanceInitiatedShutdownBehavior: oneOf(['stop', 'terminate']),
    HibernationOptions: jsonObject(),
    Placement: jsonObject(),
    CreditSpecification: jsonObject(),
    DisableApiTermination: booleanString,
    EbsOptimized: booleanString,
    IsEncrypted: booleanString,
    RequireIMDSv2: booleanString,
    AvailabilityZone: availabilityZoneName,
    EbsVolumeType: oneOf(['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1']),
    LicenseSpecifications: jsonArray({
      items: 'licence specification objects',
      item: objectItem,
      example: '[{"LicenseConfigurationArn":"arn:aws:license-manager:…"}]',
    }),
    NetworkInterfaces: jsonArray({
      items: 'network interface objects',
      item: objectItem,
      example: '[]',
    }),
    HypervisorArn: arnOf('backup-gateway', 'hypervisor/'),
    DisksToRestore: jsonArray({
      items: 'objects {DiskId, Label}',
      item: (i) =>
        isJsonObject(i) &&
        typeof i.DiskId === 'string' &&
        typeof i.Label === 'string'
          ? undefined
          : 'is not an object with string DiskId and Label',
      minItems: 1,
      example: '[{"DiskId":"2000","Label":"Hard disk 1"}]',
    }),
    ItemsToRestore: stringList({ minItems: 1, example: '["2000"]' }),
  },
  refine: (context) => {
    const { metadata } = context;
    const target = metadata.get('RestoreTo');
    if (target === undefined) {
      return;
    }
    const keys = Object.hasOwn(TARGETS, target) ? TARGETS[target] : undefined;
    if (keys === undefined) {
      context.fail(
        'RestoreTo',
        'must be EC2Instance or VMware; a restore to EBS volumes is not supported yet because AWS does not document its RestoreTo value (UNVERIFIED, docs/resource-types.md#virtual-machine)'
      );
      return;
    }
    const [other, otherKeys] =
      target === 'VMware'
        ? ['EC2Instance', EC2_TARGET_KEYS]
        : ['VMware', VMWARE_TARGET_KEYS];
    for (const key of otherKeys) {
      if (context.overridden(key)) {
        context.fail(
          key,
          `is a key of the ${other} target, not accepted when RestoreTo is ${target}; allowed: ${[...keys, SHARED_KEY].join(', ')}`
        );
      } else {
        context.drop(
          key,
          `dropped from the saved metadata: a key of the ${other} target, and RestoreTo is ${target}`
        );
      }
    }
    if (target === 'VMware') {
      for (const key of VMWARE_TARGET_KEYS.filter(
        (k) => k !== 'DisksToRestore'
      )) {
        if (!metadata.has(key)) {
          context.fail(key, 'required when RestoreTo is VMware');
        }
      }
    } else if (metadata.has(SHARED_KEY)) {
      context.warn(
        SHARED_KEY,
        'is ignored for an EC2 target; it selects the disk of a restore to EBS (docs/resource-types.md#virtual-machine)'
      );
    }
  },
});
