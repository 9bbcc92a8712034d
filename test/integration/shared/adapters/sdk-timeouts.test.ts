import { describe, expect, it } from 'vitest';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import { startRestore } from '#shared/use-cases/start-restore';
import { localRestoreDeps } from '#test/support/local/local-restore-deps';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';

const local = useLocalAws({
  ...RELAY_ENV,
  AWS_SDK_REQUEST_TIMEOUT_MS: '300',
  AWS_SDK_MAX_ATTEMPTS: '2',
});

const request = {
  requestId: 'it-hung',
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
  backupVaultName: 'prod-primary',
};

describe('AWS calls that hang', () => {
  it('time out as a retryable error, and the retry gets the job the hung call created', async () => {
    // Arrange
    const deps = localRestoreDeps(local());
    local().backup.addFault({
      operation: 'StartRestoreJob',
      count: 2,
      kind: 'hang',
      ms: 1000,
      afterEffect: true,
    });

    // Act
    const first = await startRestore(
      receiveRequest(parseRestoreRequest(request)),
      deps,
      {
        source: 'sqs',
      }
    ).catch((e: unknown) => e);
    const second = await startRestore(
      receiveRequest(parseRestoreRequest(request)),
      deps,
      {
        source: 'sqs',
      }
    );

    // Assert: without an enforced request timeout the hung call would
    // simply have succeeded after 1 s.
    expect(first).toMatchObject({ code: 'DependencyFailure', retryable: true });
    expect(local().backup.jobs()).toHaveLength(1);
    expect(second.restoreJobId).toBe(local().backup.jobs()[0]?.restoreJobId);
  });
});
