import {
  type BuildContext,
  createMetadataBuilder,
} from './create-metadata-builder.js';
import { isJsonObject, parseJson } from './json-text.js';
import { REQUEST_ID_KEY } from './metadata-keys.js';
import {
  booleanString,
  jsonArray,
  jsonObject,
  matching,
  objectItem,
  oneOf,
  securityGroupIds,
  subnetId,
  uuid,
} from './value-rules.js';

const PROFILE_VALUES = ['UseBackedUpValue', 'null'];

/** Fields AWS Backup does not support inside a block device mapping. */
const UNSUPPORTED_MAPPING_FIELDS = ['SnapshotId', 'OutpostArn'];

/** Whether a mapping carries `SnapshotId` / `OutpostArn`, at either level. */
const hasUnsupported = (mapping: unknown): boolean => {
  if (!isJsonObject(mapping)) {
    return false;
  }
  const { Ebs: ebs } = mapping;
  return UNSUPPORTED_MAPPING_FIELDS.some(
    (field) =>
      Object.hasOwn(mapping, field) ||
      (isJsonObject(ebs) && Object.hasOwn(ebs, field))
  );
};

/** A mapping without `SnapshotId` / `OutpostArn`, at either level. */
const withoutUnsupported = (mapping: unknown): unknown => {
  if (!isJsonObject(mapping)) {
    return mapping;
  }
  const strip = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(o).filter(([k]) => !UNSUPPORTED_MAPPING_FIELDS.includes(k))
    );
  const { Ebs: ebs } = mapping;
  return isJsonObject(ebs)
    ? { ...strip(mapping), Ebs: strip(ebs) }
    : strip(mapping);
};

/**
 * `BlockDeviceMappings` may not carry `SnapshotId` or `OutpostArn` (docs/resource-types.md#ec2).
 * The request asking for them is a problem; AWS's own saved map is repaired.
 */
const checkBlockDeviceMappings = (context: BuildContext): void => {
  const json = parseJson(context.metadata.get('BlockDeviceMappings') ?? '');
  if (!json.ok || !Array.isArray(json.parsed)) {
    return;
  }
  const mappings: unknown[] = json.parsed;
  // Looks only at the two levels the fields live at: serialising the whole
  // value to compare it overflowed the stack on a string of a few kilobytes
  // of nested brackets, which a request may send.
  if (!mappings.some(hasUnsupported)) {
    return;
  }
  if (context.overridden('BlockDeviceMappings')) {
    context.fail(
      'BlockDeviceMappings',
      'must not set SnapshotId or OutpostArn; AWS Backup does not support them in block device mappings (docs/resource-types.md#ec2)'
    );
    return;
  }
  context.derive(
    'BlockDeviceMappings',
    JSON.stringify(mappings.map(withoutUnsupported))
  );
  context.warn(
    'BlockDeviceMappings',
    'SnapshotId and OutpostArn removed from the saved mappings; AWS Backup does not support them'
  );
};

/**
 * EC2 restore metadata (docs/resource-types.md#ec2). No key is required; the
 * rules repair what the saved map carries that makes a restore fail.
 */
export const ec2MetadataBuilder = createMetadataBuilder({
  resourceType: 'EC2',
  documentedKeys: [
    'InstanceType',
    'KeyName',
    'SubnetId',
    'Architecture',
    'EnaSupport',
    'SecurityGroupIds',
    'IamInstanceProfileName',
    'CpuOptions',
    'InstanceInitiatedShutdownBehavior',
    'HibernationOptions',
    'DisableApiTermination',
    'CreditSpecification',
    'Placement',
    'RootDeviceType',
    'RamdiskId',
    'KernelId',
    'UserData',
    'Monitoring',
    'NetworkInterfaces',
    'ElasticGpuSpecification',
    'CapacityReservationSpecification',
    'InstanceMarketOptions',
    'LicenseSpecifications',
    'EbsOptimized',
    'VirtualizationType',
    'Platform',
    'RequireIMDSv2',
    'BlockDeviceMappings',
    REQUEST_ID_KEY,
  ],
  copySourceTagsSupported: true,
  noEffectKeys: ['vpcId'],
  nullableKeys: ['IamInstanceProfileName'],
  valueRules: {
    InstanceType: matching(
      /^[a-z0-9-]+\.[a-z0-9-]+$/,
      'an instance type such as t3.small'
    ),
    SubnetId: subnetId,
    SecurityGroupIds: securityGroupIds,
    EnaSupport: booleanString,
    DisableApiTermination: booleanString,
    EbsOptimized: booleanString,
    RequireIMDSv2: booleanString,
    InstanceInitiatedShutdownBehavior: oneOf(['stop', 'terminate']),
    RootDeviceType: oneOf(['ebs', 'instance-store']),
    VirtualizationType: oneOf(['hvm', 'paravirtual']),
    HibernationOptions: jsonObject(),
    CreditSpecification: jsonObject(),
    Placement: jsonObject(),
    Monitoring: jsonObject(),
    ElasticGpuSpecification: jsonObject(),
    CapacityReservationSpecification: jsonObject(),
    InstanceMarketOptions: jsonObject(),
    NetworkInterfaces: jsonArray({
      items: 'network interface objects',
      item: objectItem,
      example: '[]',
    }),
    LicenseSpecifications: jsonArray({
      items: 'licence specification objects',
      item: objectItem,
      example: '[{"LicenseConfigurationArn":"arn:aws:license-manager:…"}]',
    }),
    BlockDeviceMappings: jsonArray({
      items: 'block device mapping objects',
      item: objectItem,
      example: '[{"DeviceName":"/dev/xvda","Ebs":{"VolumeSize":20}}]',
    }),
    [REQUEST_ID_KEY]: uuid,
  },
  refine: (context) => {
    const { metadata } = context;

    // The lab sends "{}" and Sparc removes it, with a comment that it makes
    // the request fail; the exact error is UNVERIFIED (docs/resource-types.md#ec2, #unverified).
    context.drop(
      'CpuOptions',
      "dropped: it makes EC2 restores fail (docs/resource-types.md#ec2); the instance gets its instance type's default CPU options"
    );

    // EC2 rejects network interfaces together with an instance-level subnet
    // or security groups (InvalidParameterCombination, docs/resource-types.md#ec2).
    if (metadata.has('SubnetId') || metadata.has('SecurityGroupIds')) {
      context.drop(
        'NetworkInterfaces',
        'dropped because SubnetId or SecurityGroupIds is set; EC2 rejects both together (InvalidParameterCombination, docs/resource-types.md#ec2)'
      );
    }

    // Naming any other profile fails the job: "AWS Backup does not permit
    // attaching a new instance profile" (docs/resource-types.md#ec2, DG eventbridge.html). The
    // saved value names the backed-up profile: UseBackedUpValue says that.
    const profile = metadata.get('IamInstanceProfileName');
    if (profile !== undefined && !PROFILE_VALUES.includes(profile)) {
      if (context.overridden('IamInstanceProfileName')) {
        context.fail(
          'IamInstanceProfileName',
          'must be UseBackedUpValue or null; AWS Backup fails the job when a new instance profile is named (docs/resource-types.md#ec2)'
        );
      } else {
        context.derive('IamInstanceProfileName', 'UseBackedUpValue');
      }
    }

    checkBlockDeviceMappings(context);

    if (context.overridden('KeyName')) {
      context.warn(
        'KeyName',
        'may be ignored: the guide lists KeyName but also says the key pair cannot be changed (UNVERIFIED, docs/resource-types.md#ec2, #unverified)'
      );
    }
  },
});
