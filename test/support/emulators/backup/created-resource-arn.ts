/**
 * The ARN of the resource a completed restore job creates.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const hex = (length: number): string =>
  randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);

/**
 * The created resource's ARN, in the format of its service; the name comes
 * from the restore metadata where it carries one, the identifiers are
 * random.
 *
 * @example
 * ```ts
 * createdResourceArn('DynamoDB', { targetTableName: 't' }, '111122223333', 'eu-west-1');
 * // 'arn:aws:dynamodb:eu-west-1:111122223333:table/t'
 * ```
 */
export const createdResourceArn = (
  resourceType: string,
  metadata: Record<string, unknown>,
  accountId: string,
  region: string
): string => {
  const key = (name: string): string | undefined => {
    const found = Object.entries(metadata).find(
      ([k, v]) =>
        k.toLowerCase() === name.toLowerCase() && typeof v === 'string'
    );
    return found?.[1] as string | undefined;
  };
  const prefix = `${region}:${accountId}`;
  switch (resourceType) {
    case 'EFS':
      return `arn:aws:elasticfilesystem:${prefix}:file-system/fs-0${hex(16)}`;
    case 'EBS':
      return `arn:aws:ec2:${prefix}:volume/vol-0${hex(16)}`;
    case 'EC2':
      return `arn:aws:ec2:${prefix}:instance/i-0${hex(16)}`;
    case 'RDS':
      return `arn:aws:rds:${prefix}:db:${key('DBInstanceIdentifier') ?? `restored-${hex(8)}`}`;
    case 'Aurora':
    case 'DocumentDB':
    case 'Neptune':
      return `arn:aws:rds:${prefix}:cluster:${key('dbClusterIdentifier') ?? `restored-${hex(8)}`}`;
    case 'DynamoDB':
      return `arn:aws:dynamodb:${prefix}:table/${key('targetTableName') ?? `restored-${hex(8)}`}`;
    case 'FSx':
      return `arn:aws:fsx:${prefix}:file-system/fs-0${hex(16)}`;
    case 'S3':
      return `arn:aws:s3:::${key('DestinationBucketName') ?? `restored-${hex(8)}`}`;
    case 'Storage Gateway':
      return `${key('gatewayArn') ?? `arn:aws:storagegateway:${prefix}:gateway/sgw-${hex(8).toUpperCase()}`}/volume/vol-${hex(8).toUpperCase()}`;
    case 'VirtualMachine':
      return key('RestoreTo') === 'EC2Instance'
        ? `arn:aws:ec2:${prefix}:instance/i-0${hex(16)}`
        : `arn:aws:backup-gateway:${prefix}:vm/vm-${hex(17)}`;
    default:
      return `arn:aws:backup:${prefix}:restored-resource/${randomUUID()}`;
  }
};
