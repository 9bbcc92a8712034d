import { describe, expect, it } from 'vitest';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import { idempotencyTokenOf } from '#shared/events/restore-request-key';
import { startRestore } from '#shared/use-cases/start-restore';
import { exampleRequests } from '#test/support/example-requests';
import { localRestoreDeps } from '#test/support/local/local-restore-deps';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV, TEST_DEPLOYMENT } from '#test/support/relay-env';

const local = useLocalAws(RELAY_ENV);

type Check = (metadata: Record<string, string>) => void;

/** What each type's metadata must show, beyond "every value a string". */
const CHECKS: Record<string, { type: string; check: Check }> = {
  efs: {
    type: 'EFS',
    check: (m) => {
      expect(m.newFileSystem).toBe('true');
      expect(m.CreationToken).toMatch(/\S/);
      expect(m.ItemsToRestore).toBe('["/reports/2026"]');
      expect(Object.keys(m)).not.toContain('newFilesystem');
    },
  },
  ebs: {
    type: 'EBS',
    check: (m) => {
      expect(m.availabilityZone).toBe('eu-west-1a');
      expect(m.encrypted).toBe('true');
      expect(m).not.toHaveProperty('volumeId');
    },
  },
  ec2: {
    type: 'EC2',
    check: (m) => {
      expect(m.SecurityGroupIds).toBe('["sg-0123456789abcdef0"]');
      expect(m).not.toHaveProperty('NetworkInterfaces');
      expect(m).not.toHaveProperty('CpuOptions');
    },
  },
  rds: {
    type: 'RDS',
    check: (m) => {
      expect(m.DBInstanceIdentifier).toMatch(
        /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/
      );
      expect(m.DBInstanceIdentifier).not.toMatch(/-$/);
      expect(m.DBInstanceIdentifier).not.toBe('orders-db');
      expect(m.MultiAZ).toBe('false');
    },
  },
  aurora: {
    type: 'Aurora',
    check: (m) => {
      expect(m.dbClusterIdentifier).toBe('payments-restore-inc-1002');
      expect(JSON.stringify(m)).toContain('aurora-postgresql');
    },
  },
  documentdb: {
    type: 'DocumentDB',
    check: (m) => {
      expect(m.dbClusterIdentifier).toMatch(/^catalog-docdb-/);
      expect(JSON.stringify(m)).toContain('docdb');
    },
  },
  neptune: {
    type: 'Neptune',
    check: (m) => {
      expect(m.dbClusterIdentifier).toMatch(/^graph-neptune-/);
    },
  },
  dynamodb: {
    type: 'DynamoDB',
    check: (m) => {
      expect(m.targetTableName).toMatch(/^orders-/);
      expect(m).not.toHaveProperty('originalTableName');
    },
  },
  fsx: {
    type: 'FSx',
    check: (m) => {
      expect(m.SubnetIds).toBe('["subnet-0aa11bb22cc33dd44"]');
      expect(m).not.toHaveProperty('FileSystemId');
      expect(m).not.toHaveProperty('FileSystemType');
    },
  },
  s3: {
    type: 'S3',
    check: (m) => {
      expect(m.DestinationBucketName).toBe('restore-relay-reports-restored');
    },
  },
  'storage-gateway': {
    type: 'Storage Gateway',
    check: (m) => {
      expect(m.gatewayArn).toMatch(/^arn:aws:storagegateway:/);
      expect(m.targetName).toBe('restored-vol-1122');
    },
  },
  'virtual-machine': {
    type: 'VirtualMachine',
    check: (m) => {
      expect(m.RestoreTo).toBe('VMware');
      expect(m.VMName).toBe('build-agent-01-restored');
      expect(m).not.toHaveProperty('vmId');
    },
  },
};

describe('one happy path per resource type, on the local AWS', () => {
  it('has an example request for every checked type', () => {
    // Assert
    expect(
      exampleRequests()
        .map((e) => e.name)
        .sort()
    ).toEqual(Object.keys(CHECKS).sort());
  });

  it.each(exampleRequests())(
    '$name: one job with valid metadata',
    async ({ name, body }) => {
      // Arrange
      const expected = CHECKS[name];
      const deps = localRestoreDeps(local());

      // Act
      const result = await startRestore(
        receiveRequest(parseRestoreRequest(body)),
        deps,
        {
          source: 'sqs',
        }
      );

      // Assert
      const jobs = local().backup.jobs();
      expect(jobs).toHaveLength(1);
      const input = jobs[0]?.input as {
        Metadata: Record<string, string>;
        ResourceType: string;
        IdempotencyToken: string;
      };
      expect(result.resourceType).toBe(expected?.type);
      expect(input.ResourceType).toBe(expected?.type);
      expect(input.IdempotencyToken).toBe(
        idempotencyTokenOf(String(body.requestId), TEST_DEPLOYMENT)
      );
      for (const value of Object.values(input.Metadata)) {
        expect(typeof value).toBe('string');
      }
      expected?.check(input.Metadata);
      expect(local().sns.messages()).toHaveLength(1);
    }
  );
});
