import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs `npm start` the way a newcomer does (tsx on the script). */
const start = (...args: string[]): Promise<{ code: number; stdout: string }> =>
  startWith({}, ...args);

/** {@link start} with more environment variables (the test switches). */
const startWith = (
  env: Readonly<Record<string, string>>,
  ...args: string[]
): Promise<{ code: number; stdout: string }> =>
  new Promise((resolve) => {
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['test/support/local/start.ts', ...args],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, ...env } },
      (error, stdout) => {
        resolve({
          code:
            error === null ? 0 : Number((error as { code?: number }).code ?? 1),
          stdout,
        });
      }
    );
  });

/** The demo is run once; its tests read the same output. */
let demoRun: ReturnType<typeof start> | undefined;
const demo = () => {
  demoRun ??= start();
  return demoRun;
};

const requestFile = async (content: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'restore-relay-start-'));
  const file = join(dir, 'request.json');
  writeFileSync(file, content);
  return file;
};

describe('npm start', () => {
  it('runs every source through the real handlers and prints the summary', async () => {
    // Act
    const { code, stdout } = await demo();

    // Assert
    expect(code).toBe(0);
    expect(stdout).toContain('▶ Queue: two requests in one SQS batch');
    expect(stdout).toContain('EventBridge: CloudWatch alarm');
    expect(stdout).toContain(
      'recoveryPointARN: unknown field; did you mean "recoveryPointArn"?'
    );
    expect(stdout).toContain('ignored: no restore, no notification');
    expect(stdout).toMatch(
      /Summary: 5 restore jobs in AWS Backup, 5 restore\.started and 1 restore\.rejected notifications, 1 request\(s\) kept in the dead-letter queue\./
    );
  }, 120_000);

  it('starts one legitimate request per resource type and refuses what a message may not decide', async () => {
    // Act
    const { code, stdout } = await demo();

    // Assert
    expect(code).toBe(0);
    const policy = stdout.slice(stdout.indexOf('▶ Restore profiles'));
    for (const type of [
      'Aurora',
      'DocumentDB',
      'DynamoDB',
      'EBS',
      'EC2',
      'EFS',
      'FSx',
      'Neptune',
      'RDS',
      'S3',
      'Storage Gateway',
      'VirtualMachine',
    ]) {
      expect(policy).toMatch(new RegExp(`\\n {4}${type} +started, `));
    }
    expect(policy).toContain(
      'PolicyViolation metadata.UserData: a request may never set it for EC2'
    );
    expect(policy).toContain(
      '12 of 12 resource types started; 4 of 4 attempts refused (PolicyViolation), with 0 AWS Backup writes for them'
    );
  }, 120_000);

  it('lets the jobs end and prints every outcome: one failed, one found by the reconciler, the waiting task answered', async () => {
    // Act
    const { code, stdout } = await demo();

    // Assert
    expect(code).toBe(0);
    expect(stdout).toContain(
      'starting the local AWS (DynamoDB Local; Backup, SNS, SQS, EventBridge and Step Functions emulators)'
    );
    expect(stdout).toContain(
      'with the task token of "restore-and-wait", which waits for the outcome'
    );
    expect(stdout).toContain('track-restore got 4 end events');
    expect(stdout).toMatch(
      /never arrived: the COMPLETED event of demo-eventbridge-efs \(restoreJobId=[0-9A-F-]{36}\)/
    );
    expect(stdout).toContain(
      'checked 1 open job: 1 outcome published (the event never came)'
    );
    const outcomes = stdout.slice(stdout.indexOf('Outcomes ('));
    expect(outcomes.match(/detectedBy=/g)).toHaveLength(5);
    expect(outcomes).not.toContain('no outcome yet');
    expect(outcomes).toMatch(
      /restore\.completed +requestId=demo-eventbridge-efs +restoreJobId=[0-9A-F-]{36}\n +detectedBy=reconciler +durationSeconds=\d+ +createdResourceArn=arn:aws:elasticfilesystem:/
    );
    expect(outcomes).toMatch(
      /restore\.failed +requestId=alarm-[0-9a-f]+ +restoreJobId=[0-9A-F-]{36}\n +detectedBy=event +durationSeconds=\d+\n +statusMessage: You are not authorized to perform this operation\./
    );
    expect(
      outcomes.match(/^ {4}Restore Completed +restoreJobId=/gm)
    ).toHaveLength(4);
    expect(outcomes.match(/^ {4}Restore Failed +restoreJobId=/gm)).toHaveLength(
      1
    );
    expect(outcomes).toContain(
      'Step Functions task "restore-and-wait"\n    succeeded  output: the restore.completed notification (requestId=demo-dynamodb-orders)'
    );
    // The requests' context (ticket, runbook) stays out of the output.
    expect(outcomes).not.toMatch(/INC-1001|RB-7/);
    expect(stdout).toMatch(
      /Outcomes: 4 restore\.completed and 1 restore\.failed \(1 found by the reconciler\)\.\n/
    );
  }, 120_000);

  it('--request FILE shows the outcome of that request', async () => {
    // Arrange
    const file = join(ROOT, 'test/fixtures/requests/efs.json');

    // Act
    const { code, stdout } = await start('--request', file);

    // Assert
    expect(code).toBe(0);
    expect(stdout).toContain('track-restore got 1 end event (1 COMPLETED)');
    expect(stdout).toMatch(
      /restore\.completed +requestId=demo-efs-shared-data +restoreJobId=[0-9A-F-]{36}\n +detectedBy=event /
    );
    expect(stdout).toMatch(/Outcomes: 1 restore\.completed\.\n/);
  }, 120_000);

  it('--request FILE sends the file through the queue and exits 2 when it is rejected', async () => {
    // Arrange
    const file = await requestFile(
      JSON.stringify({
        requestId: 'mine',
        resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:nope',
      })
    );

    // Act
    const { code, stdout } = await start('--request', file);

    // Assert
    expect(code).toBe(2);
    expect(stdout).toContain(
      'notified  restore.rejected  requestId=mine code=RecoveryPointNotFound'
    );
    expect(stdout).toContain('kept in the dead-letter queue');
    expect(stdout).not.toContain('reconcile-restores');
    expect(stdout).toContain('Outcomes: none.');
  }, 120_000);

  it('--request FILE says a record that failed will be delivered again, with its error code, and exits 1', async () => {
    // Arrange: the local AWS Backup answers every call 503, so the SDK's
    // retries run out and the record fails retryably (a batch item failure).
    const file = join(ROOT, 'test/fixtures/requests/efs.json');
    const faults = JSON.stringify([
      {
        operation: '*',
        kind: 'error',
        errorName: 'ServiceUnavailableException',
        status: 503,
        count: 100,
      },
    ]);

    // Act
    const { code, stdout } = await startWith(
      { RESTORE_RELAY_LOCAL_BACKUP_FAULTS: faults },
      '--request',
      file
    );

    // Assert
    expect(code).toBe(1);
    expect(stdout).toContain(
      'failed: not started and not rejected; SQS delivers the record again after its visibility timeout (errorCode=DependencyFailure)'
    );
    expect(stdout).not.toContain('replayed');
    expect(stdout).not.toContain('kept in the dead-letter queue (');
    expect(stdout).toContain('Outcomes: none.');
  }, 120_000);

  it('refuses fault rules it cannot read, with exit code 2', async () => {
    // Act
    const { code, stdout } = await startWith(
      { RESTORE_RELAY_LOCAL_BACKUP_FAULTS: '{"operation":"Nope"}' },
      '--request',
      join(ROOT, 'test/fixtures/requests/efs.json')
    );

    // Assert
    expect(code).toBe(2);
    expect(stdout).toContain(
      'RESTORE_RELAY_LOCAL_BACKUP_FAULTS is not a list of fault rules'
    );
    expect(stdout).not.toContain('starting the local AWS');
  });

  it('--request with a file that is not JSON gets a clear message and exit code 2', async () => {
    // Arrange
    const file = await requestFile('restore please');

    // Act
    const { code, stdout } = await start('--request', file);

    // Assert
    expect(code).toBe(2);
    expect(stdout).toContain(`${file} is not JSON`);
    expect(stdout).not.toContain('starting the local AWS');
  });
});
