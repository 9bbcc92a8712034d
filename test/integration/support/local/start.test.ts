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
  new Promise((resolve) => {
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['test/support/local/start.ts', ...args],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout) => {
        resolve({
          code:
            error === null ? 0 : Number((error as { code?: number }).code ?? 1),
          stdout,
        });
      }
    );
  });

const requestFile = async (content: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'restore-relay-start-'));
  const file = join(dir, 'request.json');
  writeFileSync(file, content);
  return file;
};

describe('npm start', () => {
  it('runs every door through the real handlers and prints the summary', async () => {
    // Act
    const { code, stdout } = await start();

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
  }, 120_000);

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
