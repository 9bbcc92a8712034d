import type { ResourceType } from '../domain/resource-type.js';
import { auroraMetadataBuilder } from './aurora.js';
import { cloudFormationMetadataBuilder } from './cloudformation.js';
import { documentDbMetadataBuilder } from './documentdb.js';
import { dynamoDbMetadataBuilder } from './dynamodb.js';
import { ebsMetadataBuilder } from './ebs.js';
import { ec2MetadataBuilder } from './ec2.js';
import { efsMetadataBuilder } from './efs.js';
import { eksMetadataBuilder } from './eks.js';
import { fsxMetadataBuilder } from './fsx.js';
import type { ResourceMetadataBuilder } from './metadata-builder.js';
import { neptuneMetadataBuilder } from './neptune.js';
import { rdsMetadataBuilder } from './rds.js';
import { redshiftMetadataBuilder } from './redshift.js';
import { s3MetadataBuilder } from './s3.js';
import { sapHanaMetadataBuilder } from './sap-hana.js';
import { storageGatewayMetadataBuilder } from './storage-gateway.js';
import { timestreamMetadataBuilder } from './timestream.js';
import { virtualMachineMetadataBuilder } from './virtual-machine.js';

/**
 * The one registry of metadata builders. A `Record` over `ResourceType`, so
 * the compiler refuses a resource type without a builder.
 */
export const METADATA_BUILDERS: Readonly<
  Record<ResourceType, ResourceMetadataBuilder>
> = {
  Aurora: auroraMetadataBuilder,
  CloudFormation: cloudFormationMetadataBuilder,
  DocumentDB: documentDbMetadataBuilder,
  DynamoDB: dynamoDbMetadataBuilder,
  EBS: ebsMetadataBuilder,
  EC2: ec2MetadataBuilder,
  EFS: efsMetadataBuilder,
  EKS: eksMetadataBuilder,
  FSx: fsxMetadataBuilder,
  Neptune: neptuneMetadataBuilder,
  RDS: rdsMetadataBuilder,
  Redshift: redshiftMetadataBuilder,
  S3: s3MetadataBuilder,
  'SAP HANA on Amazon EC2': sapHanaMetadataBuilder,
  'Storage Gateway': storageGatewayMetadataBuilder,
  Timestream: timestreamMetadataBuilder,
  VirtualMachine: virtualMachineMetadataBuilder,
};

/**
 * The metadata builder of a resource type.
 *
 * @example
 * ```ts
 * getMetadataBuilder('EFS').copySourceTagsSupported; // true
 * ```
 */
export const getMetadataBuilder = (
  type: ResourceType
): ResourceMetadataBuilder => METADATA_BUILDERS[type];
