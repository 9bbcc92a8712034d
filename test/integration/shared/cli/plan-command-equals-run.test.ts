/**
 * "Nothing wrong": the offline `restore plan` prints exactly the
 * StartRestoreJob input the deployed function sends. For one request per
 * resource type, the plan from the AWS CLI output an operator saves, the
 * dry run and the real run's input as AWS Backup received it are the same
 * JSON. The in-place types (EKS into an existing cluster, SAP HANA) run in
 * plan-command-equals-run-in-place.test.ts, under a deployment that opts in.
 */
import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '#shared/domain/resource-type';
import {
  exampleRequests,
  otherTypeRequests,
} from '#test/support/example-requests';
import { useCapturedMetrics } from '#test/support/handler-steps';
import { useLocalAws } from '#test/support/local/use-local-aws';
import {
  IN_PLACE_REQUESTS,
  previewAndRun,
  REQUEST_TYPES,
} from '#test/support/preview-steps';
import { RELAY_ENV, TEST_DEPLOYMENT } from '#test/support/relay-env';

const local = useLocalAws(RELAY_ENV);
useCapturedMetrics();

// The deployment's policy as the operator's shell has it; the deployment
// id comes only from --deployment.
const { DEPLOYMENT_ID: _fromOption, ...PLAN_ENV } = RELAY_ENV;

const ALL = [...exampleRequests(), ...otherTypeRequests()];
const REQUESTS = ALL.filter((r) => !IN_PLACE_REQUESTS.includes(r.name));

/**
 * The names the real run derives from the backed-up resource's name
 * (DescribeRecoveryPoint's ResourceName), which an offline plan without
 * the recovery point could not know.
 */
const NAMED_AFTER_SOURCE: Readonly<Record<string, Record<string, RegExp>>> = {
  rds: { DBInstanceIdentifier: /^orders-db-[0-9a-f]{8}$/ },
  documentdb: { dbClusterIdentifier: /^catalog-docdb-[0-9a-f]{8}$/ },
  neptune: { dbClusterIdentifier: /^graph-neptune-[0-9a-f]{8}$/ },
  dynamodb: { targetTableName: /^orders-[0-9a-f]{8}$/ },
  redshift: { ClusterIdentifier: /^analytics-dw-[0-9a-f]{8}$/ },
};

const plan = { deployment: TEST_DEPLOYMENT, env: PLAN_ENV };

describe('restore plan offline = dry run = real run', () => {
  it('has one request per resource type, this file and the in-place one together', () => {
    // Assert
    expect(ALL.map((r) => r.name).sort()).toEqual(
      Object.keys(REQUEST_TYPES).sort()
    );
    expect(Object.values(REQUEST_TYPES).sort()).toEqual(
      [...RESOURCE_TYPES].sort()
    );
  });

  it.each(REQUESTS)(
    '$name: the same StartRestoreJob input, offline and for real',
    async ({ name, body }) => {
      // Act
      const run = await previewAndRun(local(), body, plan);

      // Assert
      expect(run.offline.stderr).not.toContain('"path"');
      expect(run.offline.code).toBe(0);
      expect(run.offlineBackupCalls).toBe(0);
      expect(run.received).toHaveLength(1);
      expect(run.offline.input).toStrictEqual(run.dryRun);
      expect(run.received[0]).toStrictEqual(run.dryRun);
      expect(run.dryRun.ResourceType).toBe(REQUEST_TYPES[name]);
      expect(run.dryRun.Metadata).toMatchObject(
        Object.fromEntries(
          Object.entries(NAMED_AFTER_SOURCE[name] ?? {}).map(([key, name]) => [
            key,
            expect.stringMatching(name),
          ])
        )
      );
    }
  );

  it("reads AWS's own JSON null (EBS availabilityZone) as no value, as the real run does", async () => {
    // Arrange
    const ebs = ALL.find((r) => r.name === 'ebs')?.body ?? {};

    // Act
    const run = await previewAndRun(
      local(),
      { ...ebs, requestId: 'preview-ebs-null-zone' },
      plan
    );

    // Assert
    expect(run.saved.savedMetadata.RestoreMetadata).toMatchObject({
      availabilityZone: null,
    });
    expect(run.offline.code).toBe(0);
    expect(run.offline.input).toStrictEqual(run.dryRun);
    expect(run.received).toStrictEqual([run.dryRun]);
    expect(run.dryRun.Metadata).toMatchObject({
      availabilityZone: 'eu-west-1a',
    });
  });
});
