import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '#shared/cli/restore-cli';
import { statusCommandDeps } from '#shared/cli/status-command';
import { useCapturedMetrics } from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import { deepFreeze } from '#test/support/lambda-events';
import { finishJobs, subscribeTracker } from '#test/support/lifecycle-steps';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { handler as invokeHandler } from '../../../../functions/invoke-restore/handler.js';

const local = useLocalAws({ ...RELAY_ENV, AWS_SDK_MAX_ATTEMPTS: '2' });
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

const start = (requestId: string) =>
  invokeHandler(
    deepFreeze({
      requestId,
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
    }),
    lambdaContext()
  );

/**
 * Runs the command line in-process. `wait` sleeps on the Backup emulator's
 * clock, so a job's life takes no real time.
 */
const cli = async (args: string[]) => {
  let stdout = '';
  let stderr = '';
  const deps = statusCommandDeps(process.env);
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: process.env,
    statusDeps: {
      ...deps,
      sleep: async (ms) => {
        local().backup.clock.advance(ms);
      },
      now: () => new Date(local().backup.clock.now()),
    },
  });
  return { code, stdout, stderr };
};

useCapturedMetrics();

let unsubscribe: () => void = () => undefined;
beforeAll(() => {
  unsubscribe = subscribeTracker(local());
});
afterAll(() => unsubscribe());

describe('restore status and wait on the local AWS', () => {
  it('status shows the record and the AWS state, by request id and by job id', async () => {
    // Arrange
    const { restoreJobId } = await start('cli-status');

    // Act
    const byRequest = await cli(['status', '--request-id', 'cli-status']);
    const byJob = await cli([
      'status',
      '--job-id',
      restoreJobId ?? '',
      '--json',
    ]);

    // Assert
    expect(byRequest.code).toBe(0);
    expect(byRequest.stdout).toContain(`restore job ${restoreJobId}`);
    expect(byRequest.stdout).toMatch(/request\s+cli-status/);
    expect(byRequest.stdout).toMatch(/AWS status\s+(PENDING|RUNNING)/);
    expect(byRequest.stdout).toMatch(/outcome\s+not published yet/);
    expect(byJob.code).toBe(0);
    expect(JSON.parse(byJob.stdout)).toMatchObject({
      restoreJobId,
      record: { requestId: 'cli-status', source: 'invoke' },
      aws: { restoreJobId, recoveryPointArn: EFS_RP },
    });
  });

  it('status after the outcome shows what was restored and who reported it', async () => {
    // Arrange
    await start('cli-done');
    await finishJobs(local());

    // Act
    const { code, stdout } = await cli(['status', '--request-id', 'cli-done']);

    // Assert
    expect(code).toBe(0);
    expect(stdout).toMatch(/AWS status\s+COMPLETED/);
    expect(stdout).toMatch(/restored as\s+arn:aws:elasticfilesystem/);
    expect(stdout).toMatch(
      /outcome\s+restore\.completed at .* \(from the AWS Backup event\)/
    );
  });

  it('wait prints progress and exits 0 when the job completes', async () => {
    // Arrange
    await start('cli-wait');

    // Act
    const { code, stdout, stderr } = await cli([
      'wait',
      '--request-id',
      'cli-wait',
      '--interval',
      '0.3',
    ]);

    // Assert
    expect(code).toBe(0);
    const progress = stderr.trim().split('\n');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toContain('COMPLETED');
    expect(stderr).toMatch(/(PENDING|RUNNING)/);
    expect(stdout).toMatch(/AWS status\s+COMPLETED/);
  });

  it('wait exits 1 when the job fails, with AWS message', async () => {
    // Arrange
    local().backup.configure({
      failureRules: [{ statusMessage: 'instance profile not permitted' }],
    });
    const { restoreJobId } = await start('cli-fail');

    // Act
    const { code, stdout } = await cli([
      'wait',
      '--job-id',
      restoreJobId ?? '',
      '--interval',
      '1',
    ]);

    // Assert
    expect(code).toBe(1);
    expect(stdout).toMatch(/AWS status\s+FAILED/);
    expect(stdout).toMatch(/message\s+instance profile not permitted/);
  });

  it('wait exits 124 when --timeout passes first', async () => {
    // Arrange
    await start('cli-timeout');

    // Act
    const { code, stderr } = await cli([
      'wait',
      '--request-id',
      'cli-timeout',
      '--interval',
      '0.1',
      '--timeout',
      '0.15',
    ]);

    // Assert
    expect(code).toBe(124);
    expect(stderr).toContain('timed out');
  });

  it('exits 2 for an unknown job and for bad arguments', async () => {
    // Act
    const unknownRequest = await cli(['status', '--request-id', 'nope']);
    const unknownJob = await cli(['status', '--job-id', 'NOPE']);
    const both = await cli(['status', '--request-id', 'a', '--job-id', 'b']);
    const neither = await cli(['wait']);
    const badInterval = await cli([
      'wait',
      '--job-id',
      'x',
      '--interval',
      'soon',
    ]);

    // Assert
    expect(unknownRequest).toMatchObject({ code: 2 });
    expect(unknownRequest.stderr).toContain(
      'no restore job for request "nope"'
    );
    expect(unknownJob).toMatchObject({ code: 2 });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exactly one of --request-id');
    expect(neither.code).toBe(2);
    expect(badInterval.code).toBe(2);
    expect(badInterval.stderr).toContain('--interval');
  });

  it('runs as `npm run -s restore -- status`', async () => {
    // Arrange
    const { restoreJobId } = await start('cli-process');

    // Act
    const result = await promisify(execFile)(
      'npx',
      [
        'tsx',
        'shared/cli/restore-cli.ts',
        'status',
        '--job-id',
        restoreJobId ?? '',
        '--json',
      ],
      { cwd: ROOT, env: process.env }
    );

    // Assert
    expect(JSON.parse(result.stdout)).toMatchObject({
      restoreJobId,
      record: { requestId: 'cli-process' },
    });
  });
});
