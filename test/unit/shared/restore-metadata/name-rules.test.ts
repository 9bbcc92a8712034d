import { describe, expect, it } from 'vitest';
import {
  CLOUDFORMATION_CHANGE_SET_NAME,
  CLOUDFORMATION_STACK_NAME,
  DB_CLUSTER_IDENTIFIER,
  DYNAMODB_TABLE_NAME,
  EFS_CREATION_TOKEN,
  type NameRule,
  RDS_INSTANCE_IDENTIFIER,
  REDSHIFT_CLUSTER_IDENTIFIER,
  S3_BUCKET_NAME,
  TIMESTREAM_TABLE_NAME,
} from '../../../../shared/restore-metadata/name-rules.js';

const RDS_ALLOWED =
  "RDS DB instance identifiers must be 1–63 letters, digits or hyphens, starting with a letter, without '--' and not ending with a hyphen";
const REDSHIFT_ALLOWED =
  "Redshift cluster identifiers must be 1–63 lower-case letters, digits or hyphens, starting with a letter, without '--' and not ending with a hyphen";
const DYNAMODB_ALLOWED =
  'DynamoDB table names must be 3–255 letters, digits, underscores, periods or hyphens';
const S3_ALLOWED =
  "S3 bucket names must be 3–63 lower-case letters, digits, periods or hyphens, starting and ending with a letter or digit, without '..', not an IP address, and without a reserved prefix (xn--, sthree-, amzn-s3-demo-) or suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)";

describe('name rules', () => {
  it.each<[NameRule, string]>([
    [RDS_INSTANCE_IDENTIFIER, 'orders-db'],
    [RDS_INSTANCE_IDENTIFIER, 'Orders-DB-1'],
    [RDS_INSTANCE_IDENTIFIER, 'a'],
    [RDS_INSTANCE_IDENTIFIER, `a${'b'.repeat(62)}`],
    [DB_CLUSTER_IDENTIFIER, 'orders-aurora'],
    [REDSHIFT_CLUSTER_IDENTIFIER, 'analytics-1'],
    [DYNAMODB_TABLE_NAME, 'Orders_2026.v1-x'],
    [DYNAMODB_TABLE_NAME, 'a--b'],
    [DYNAMODB_TABLE_NAME, 'x'.repeat(255)],
    [S3_BUCKET_NAME, 'orders-data.restored'],
    [S3_BUCKET_NAME, 'abc'],
    [TIMESTREAM_TABLE_NAME, 'metrics_restored'],
    [CLOUDFORMATION_STACK_NAME, 'Orders-Stack-1'],
    [CLOUDFORMATION_CHANGE_SET_NAME, 'restore-1'],
    [EFS_CREATION_TOKEN, 'console-5f1c2a3b'],
  ])('accepts the %s %s', (rule, name) => {
    // Arrange: the rule and name come from the table.

    // Act
    const message = rule.check(name);

    // Assert
    expect(message).toBeUndefined();
  });

  it.each<[NameRule, string, string]>([
    [RDS_INSTANCE_IDENTIFIER, '', `is 0 characters long; ${RDS_ALLOWED}`],
    [
      RDS_INSTANCE_IDENTIFIER,
      'a'.repeat(64),
      `is 64 characters long; ${RDS_ALLOWED}`,
    ],
    [
      RDS_INSTANCE_IDENTIFIER,
      'orders_db',
      `contains a character other than a letter, digit or hyphen; ${RDS_ALLOWED}`,
    ],
    [
      RDS_INSTANCE_IDENTIFIER,
      '1orders',
      `does not start with a letter; ${RDS_ALLOWED}`,
    ],
    [RDS_INSTANCE_IDENTIFIER, 'orders--db', `contains '--'; ${RDS_ALLOWED}`],
    [RDS_INSTANCE_IDENTIFIER, 'orders-', `ends with a hyphen; ${RDS_ALLOWED}`],
    [
      RDS_INSTANCE_IDENTIFIER,
      'café',
      `contains a character other than a letter, digit or hyphen; ${RDS_ALLOWED}`,
    ],
    [
      REDSHIFT_CLUSTER_IDENTIFIER,
      'Analytics',
      `contains a character other than a lower-case letter, digit or hyphen; ${REDSHIFT_ALLOWED}`,
    ],
    [REDSHIFT_CLUSTER_IDENTIFIER, 'a--b', `contains '--'; ${REDSHIFT_ALLOWED}`],
    [DYNAMODB_TABLE_NAME, 'ab', `is 2 characters long; ${DYNAMODB_ALLOWED}`],
    [
      DYNAMODB_TABLE_NAME,
      'x'.repeat(256),
      `is 256 characters long; ${DYNAMODB_ALLOWED}`,
    ],
    [
      DYNAMODB_TABLE_NAME,
      'orders table',
      `contains a character other than a letter, digit, _, . or -; ${DYNAMODB_ALLOWED}`,
    ],
    [
      S3_BUCKET_NAME,
      'Orders',
      `contains a character other than a lower-case letter, digit, . or -; ${S3_ALLOWED}`,
    ],
    [
      S3_BUCKET_NAME,
      '-orders',
      `does not start and end with a letter or digit; ${S3_ALLOWED}`,
    ],
    [S3_BUCKET_NAME, 'orders..data', `contains '..'; ${S3_ALLOWED}`],
    [
      S3_BUCKET_NAME,
      '192.168.5.4',
      `is formatted as an IP address; ${S3_ALLOWED}`,
    ],
    [
      S3_BUCKET_NAME,
      'xn--orders',
      `starts with a reserved prefix; ${S3_ALLOWED}`,
    ],
    [
      S3_BUCKET_NAME,
      'orders-s3alias',
      `ends with a reserved suffix; ${S3_ALLOWED}`,
    ],
    [
      TIMESTREAM_TABLE_NAME,
      'a',
      'is 1 characters long; Timestream table names must be 2–256 letters, digits, underscores, periods or hyphens',
    ],
    [
      CLOUDFORMATION_STACK_NAME,
      '1stack',
      'does not start with a letter; CloudFormation stack names must be 1–128 letters, digits or hyphens, starting with a letter',
    ],
    [
      CLOUDFORMATION_CHANGE_SET_NAME,
      'a_b',
      'contains a character other than a letter, digit or hyphen; CloudFormation change set names must be 1–128 letters, digits or hyphens, starting with a letter',
    ],
    [
      EFS_CREATION_TOKEN,
      'x'.repeat(65),
      'is 65 characters long; EFS creation tokens must be 1–64 characters',
    ],
  ])(
    'refuses the %s %s, saying why and what is allowed',
    (rule, name, expected) => {
      // Arrange: the rule and name come from the table.

      // Act
      const message = rule.check(name);

      // Assert
      expect(message).toBe(expected);
    }
  );
});
