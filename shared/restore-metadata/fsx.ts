import {
  type BuildContext,
  createMetadataBuilder,
} from './create-metadata-builder.js';
import { isJsonObject, parseJson } from './json-text.js';
import { REQUEST_ID_KEY, savedValue } from './metadata-keys.js';
import {
  booleanString,
  integerString,
  jsonObject,
  matching,
  nonEmpty,
  oneOf,
  securityGroupIds,
  subnetId,
  subnetIds,
  uuid,
} from './value-rules.js';

type FsxVariant = 'WINDOWS' | 'LUSTRE' | 'ONTAP' | 'OPENZFS';

const CONFIGURATION_KEYS: Readonly<Record<FsxVariant, string>> = {
  WINDOWS: 'WindowsConfiguration',
  LUSTRE: 'LustreConfiguration',
  ONTAP: 'OntapConfiguration',
  OPENZFS: 'OpenZFSConfiguration',
};

const isVariant = (value: string): value is FsxVariant =>
  Object.hasOwn(CONFIGURATION_KEYS, value);

/** A top-level field of a JSON object string, matched regardless of case. */
const fieldOf = (json: string | undefined, field: string): unknown => {
  const parsed = parseJson(json ?? '');
  if (!parsed.ok || !isJsonObject(parsed.parsed)) {
    return undefined;
  }
  return Object.entries(parsed.parsed).find(
    ([k]) => k.toLowerCase() === field.toLowerCase()
  )?.[1];
};

const present = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== '';

/**
 * The FSx flavour: the saved `FileSystemType` when AWS returned one,
 * otherwise the configuration object the metadata carries.
 */
const variantOf = (context: BuildContext): FsxVariant | undefined => {
  const saved = savedValue(
    context.input.saved,
    'FileSystemType'
  )?.toUpperCase();
  if (saved !== undefined && isVariant(saved)) {
    return saved;
  }
  return (Object.keys(CONFIGURATION_KEYS) as FsxVariant[]).find((v) =>
    context.metadata.has(CONFIGURATION_KEYS[v])
  );
};

/**
 * FSx restore metadata (docs/resource-types.md#fsx). Restore testing cannot
 * infer a complete set for FSx either: subnets, the Active Directory id or
 * the SVM id must come from the saved map or the request.
 */
export const fsxMetadataBuilder = createMetadataBuilder({
  resourceType: 'FSx',
  documentedKeys: [
    'StorageCapacity',
    'StorageType',
    'VpcId',
    'KmsKeyId',
    'SecurityGroupIds',
    'SubnetIds',
    'DeploymentType',
    'WeeklyMaintenanceStartTime',
    'DailyAutomaticBackupStartTime',
    'AutomaticBackupRetentionDays',
    'CopyTagsToBackups',
    'WindowsConfiguration',
    'LustreConfiguration',
    'OntapConfiguration',
    'OpenZFSConfiguration',
    'ThroughputCapacity',
    'PreferredSubnetId',
    'ActiveDirectoryId',
    'Name',
    REQUEST_ID_KEY,
  ],
  copySourceTagsSupported: true,
  valueRules: {
    StorageCapacity: integerString({ min: 1 }),
    StorageType: oneOf(['SSD', 'HDD', 'INTELLIGENT_TIERING']),
    SecurityGroupIds: securityGroupIds,
    SubnetIds: subnetIds,
    AutomaticBackupRetentionDays: integerString({ min: 0, max: 90 }),
    CopyTagsToBackups: booleanString,
    WindowsConfiguration: jsonObject(),
    LustreConfiguration: jsonObject(),
    OntapConfiguration: jsonObject(),
    OpenZFSConfiguration: jsonObject(),
    ThroughputCapacity: integerString({ min: 1 }),
    PreferredSubnetId: subnetId,
    ActiveDirectoryId: matching(
      /^d-[0-9a-f]{10}$/,
      'a directory id such as d-1234567890'
    ),
    Name: nonEmpty,
    [REQUEST_ID_KEY]: uuid,
  },
  refine: (context) => {
    const { metadata } = context;
    const variant = variantOf(context);

    // Returned, but not in the accepted list; whether AWS ignores or
    // rejects them is UNVERIFIED (docs/resource-types.md#fsx, #unverified), so they are not sent.
    for (const key of ['FileSystemId', 'FileSystemType']) {
      context.drop(
        key,
        'dropped: not an accepted FSx key (whether AWS ignores or rejects it is UNVERIFIED, docs/resource-types.md#fsx)'
      );
    }

    // ONTAP: the SVM decides subnet and AZ, SubnetIds is ignored (docs/resource-types.md#fsx),
    // so only the other variants need it.
    if (variant !== 'ONTAP' && !metadata.has('SubnetIds')) {
      context.fail(
        'SubnetIds',
        'required for FSx: a JSON array string of subnet ids, e.g. ["subnet-0123456789abcdef0"] (docs/resource-types.md#fsx)'
      );
    }

    if (variant === 'WINDOWS') {
      const windows = metadata.get('WindowsConfiguration');
      const hasDirectory =
        metadata.has('ActiveDirectoryId') ||
        present(fieldOf(windows, 'ActiveDirectoryId')) ||
        present(fieldOf(windows, 'SelfManagedActiveDirectoryConfiguration'));
      if (!hasDirectory) {
        context.fail(
          'ActiveDirectoryId',
          'required for FSx for Windows File Server: the directory id (d-…), at the top level or inside WindowsConfiguration (or a SelfManagedActiveDirectoryConfiguration there)'
        );
      }
    }

    if (variant === 'ONTAP') {
      const svm = fieldOf(
        metadata.get('OntapConfiguration'),
        'storageVirtualMachineId'
      );
      if (!present(svm)) {
        context.fail(
          'OntapConfiguration',
          'required for FSx for ONTAP: a JSON object string with the storageVirtualMachineId, e.g. {"storageVirtualMachineId":"svm-0123456789abcdef0"}'
        );
      }
      if (!metadata.has('Name')) {
        context.fail(
          'Name',
          'required for FSx for ONTAP: the name of the volume to create'
        );
      }
      context.warn(
        'OntapConfiguration',
        'an ONTAP volume is restored into an existing file system (docs/resource-types.md#in-place)'
      );
    }

    // Intelligent-Tiering takes no StorageCapacity (docs/resource-types.md#fsx).
    if (
      metadata.get('StorageType') === 'INTELLIGENT_TIERING' &&
      metadata.has('StorageCapacity')
    ) {
      if (context.overridden('StorageCapacity')) {
        context.fail(
          'StorageCapacity',
          'must not be sent with StorageType INTELLIGENT_TIERING'
        );
      } else {
        context.drop(
          'StorageCapacity',
          'dropped: StorageType is INTELLIGENT_TIERING, which takes no StorageCapacity'
        );
      }
    }
  },
});
