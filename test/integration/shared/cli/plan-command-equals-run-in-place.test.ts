/**
 * The in-place half of plan-command-equals-run.test.ts: SAP HANA (the
 * restore overwrites its target database) and EKS into an existing
 * cluster, under a deployment whose restore profiles opt in. The offline
 * plan reads the same RESTORE_PROFILES as the deployment.
 */
import { describe, expect, it } from 'vitest';
import { otherTypeRequests } from '#test/support/example-requests';
import { useCapturedMetrics } from '#test/support/handler-steps';
import { useLocalAws } from '#test/support/local/use-local-aws';
import {
  IN_PLACE_REQUESTS,
  previewAndRun,
  REQUEST_TYPES,
} from '#test/support/preview-steps';
import {
  LOCAL_RESTORE_PROFILES,
  RELAY_ENV,
  TEST_DEPLOYMENT,
} from '#test/support/relay-env';

const IN_PLACE_ENV: Readonly<Record<string, string>> = {
  ...RELAY_ENV,
  RESTORE_PROFILES: JSON.stringify({
    ...JSON.parse(LOCAL_RESTORE_PROFILES),
    'SAP HANA on Amazon EC2': { inPlace: true },
    EKS: { inPlace: true },
  }),
};
const local = useLocalAws(IN_PLACE_ENV);
useCapturedMetrics();

const { DEPLOYMENT_ID: _fromOption, ...PLAN_ENV } = IN_PLACE_ENV;

const REQUESTS = otherTypeRequests().filter((r) =>
  IN_PLACE_REQUESTS.includes(r.name)
);

describe('restore plan offline = dry run = real run, in place', () => {
  it('has the in-place requests', () => {
    // Assert
    expect(REQUESTS.map((r) => r.name).sort()).toEqual(
      [...IN_PLACE_REQUESTS].sort()
    );
  });

  it.each(REQUESTS)(
    '$name: the same StartRestoreJob input, offline and for real',
    async ({ name, body }) => {
      // Act
      const run = await previewAndRun(local(), body, {
        deployment: TEST_DEPLOYMENT,
        env: PLAN_ENV,
      });

      // Assert
      expect(run.offline.stderr).not.toContain('"path"');
      expect(run.offline.code).toBe(0);
      expect(run.offline.stderr).toContain('in-place restore');
      expect(run.offlineBackupCalls).toBe(0);
      expect(run.received).toHaveLength(1);
      expect(run.offline.input).toStrictEqual(run.dryRun);
      expect(run.received[0]).toStrictEqual(run.dryRun);
      expect(run.dryRun.ResourceType).toBe(REQUEST_TYPES[name]);
    }
  );
});
