import type { ResourceType } from './resource-type.js';

// Service part of a resource ARN → Backup resource type. Used only when AWS
// did not report the type (older recovery points, offline plans). A Map,
// not an object: the service comes from untrusted input, and an object
// lookup of "constructor" would return Object's constructor.
const BY_SERVICE: ReadonlyMap<string, ResourceType> = new Map([
  ['elasticfilesystem', 'EFS'],
  ['dynamodb', 'DynamoDB'],
  ['s3', 'S3'],
  ['fsx', 'FSx'],
  ['storagegateway', 'Storage Gateway'],
  ['cloudformation', 'CloudFormation'],
  ['eks', 'EKS'],
  ['redshift', 'Redshift'],
  ['timestream', 'Timestream'],
]);

/**
 * Guesses the resource type from a resource ARN. EC2 ARNs tell an instance
 * from a volume; RDS ARNs tell a cluster (Aurora) from an instance.
 *
 * @example
 * ```ts
 * resourceTypeFromArn('arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1'); // 'EFS'
 * ```
 */
export const resourceTypeFromArn = (arn: string): ResourceType | undefined => {
  const [, , service, , , resource = ''] = arn.split(':');
  if (service === 'ec2') {
    return resource.startsWith('volume/')
      ? 'EBS'
      : resource.startsWith('instance/')
        ? 'EC2'
        : undefined;
  }
  if (service === 'rds') {
    return resource === 'cluster'
      ? 'Aurora'
      : resource === 'db'
        ? 'RDS'
        : undefined;
  }
  return service === undefined ? undefined : BY_SERVICE.get(service);
};
