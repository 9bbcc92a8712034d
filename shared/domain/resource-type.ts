/**
 * The resource types AWS Backup names in `StartRestoreJob` and
 * `GetSupportedResourceTypes`, spelled exactly as AWS spells them
 * (`Storage Gateway` and `SAP HANA on Amazon EC2` keep their spaces).
 *
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartRestoreJob.html
 * @see docs/resource-types.md#resource-type-member
 */
export const RESOURCE_TYPES = [
  'Aurora',
  'CloudFormation',
  'DocumentDB',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'EKS',
  'FSx',
  'Neptune',
  'RDS',
  'Redshift',
  'S3',
  'SAP HANA on Amazon EC2',
  'Storage Gateway',
  'Timestream',
  'VirtualMachine',
] as const;

/** A canonical AWS Backup resource type name. */
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Lower-case aliases accepted in requests and configuration. Every canonical
 * name also matches case-insensitively, with or without spaces, dashes and
 * underscores.
 */
const ALIASES: Readonly<Record<string, ResourceType>> = {
  ddb: 'DynamoDB',
  dynamo: 'DynamoDB',
  docdb: 'DocumentDB',
  efs: 'EFS',
  ebs: 'EBS',
  ec2: 'EC2',
  rds: 'RDS',
  aurora: 'Aurora',
  neptune: 'Neptune',
  fsx: 'FSx',
  s3: 'S3',
  sgw: 'Storage Gateway',
  storagegateway: 'Storage Gateway',
  vm: 'VirtualMachine',
  vmware: 'VirtualMachine',
  virtualmachine: 'VirtualMachine',
  cfn: 'CloudFormation',
  cloudformation: 'CloudFormation',
  eks: 'EKS',
  redshift: 'Redshift',
  timestream: 'Timestream',
  saphana: 'SAP HANA on Amazon EC2',
  saphanaonamazonec2: 'SAP HANA on Amazon EC2',
};

const squash = (value: string): string =>
  value.toLowerCase().replace(/[\s_-]+/g, '');

const BY_SQUASHED: ReadonlyMap<string, ResourceType> = new Map([
  ...RESOURCE_TYPES.map((t) => [squash(t), t] as const),
  ...Object.entries(ALIASES),
]);

/**
 * Maps a resource type name or alias to its canonical AWS spelling.
 *
 * @returns the canonical name, or `undefined` when the value names no type
 * @example
 * ```ts
 * toResourceType('efs'); // 'EFS'
 * toResourceType('storage-gateway'); // 'Storage Gateway'
 * ```
 */
export const toResourceType = (value: string): ResourceType | undefined =>
  BY_SQUASHED.get(squash(value.trim()));
