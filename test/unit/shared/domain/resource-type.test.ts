import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES, toResourceType } from '#shared/domain/resource-type';
import { resourceTypeFromArn } from '#shared/domain/resource-type-from-arn';

describe('toResourceType', () => {
  it('maps every canonical name to itself, in any case', () => {
    // Act & Assert
    for (const type of RESOURCE_TYPES) {
      expect(toResourceType(type)).toBe(type);
      expect(toResourceType(type.toUpperCase())).toBe(type);
    }
  });

  it.each([
    ['efs', 'EFS'],
    [' dynamodb ', 'DynamoDB'],
    ['storage_gateway', 'Storage Gateway'],
    ['sap-hana', 'SAP HANA on Amazon EC2'],
    ['mainframe', undefined],
  ])('maps %s to %s', (alias, expected) => {
    // Act & Assert
    expect(toResourceType(alias)).toBe(expected);
  });
});

describe('resourceTypeFromArn', () => {
  it.each([
    [
      'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1',
      'EFS',
    ],
    ['arn:aws:ec2:eu-west-1:111122223333:volume/vol-1', 'EBS'],
    ['arn:aws:ec2:eu-west-1:111122223333:instance/i-1', 'EC2'],
    ['arn:aws:rds:eu-west-1:111122223333:db:orders-db', 'RDS'],
    ['arn:aws:rds:eu-west-1:111122223333:cluster:payments', 'Aurora'],
    ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders', 'DynamoDB'],
    ['arn:aws:s3:::bucket', 'S3'],
    ['arn:aws:lambda:eu-west-1:111122223333:function:f', undefined],
  ])('%s → %s', (arn, expected) => {
    // Act & Assert
    expect(resourceTypeFromArn(arn)).toBe(expected);
  });
});
