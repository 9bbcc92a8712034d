import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { planCommand } from '#shared/cli/plan-command';
import { useLocalAws } from '#test/support/local/use-local-aws';

const local = useLocalAws();
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/plan/${name}`, import.meta.url));
const ROLE = 'arn:aws:iam::111122223333:role/restore-default';
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('restore plan against the local AWS', () => {
  it('reads the recovery point and its metadata from AWS Backup and writes nothing', async () => {
    // Arrange
    let stdout = '';

    // Act
    const code = await planCommand(
      { request: fixture('efs-request.json'), roleArn: ROLE },
      {
        stdout: (t) => {
          stdout += t;
        },
        stderr: () => undefined,
        env: process.env,
      }
    );

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).Metadata['file-system-id']).toBe(
      'fs-0123456789abcdef0'
    );
    expect(local().backup.callsTo('DescribeRecoveryPoint')).toHaveLength(1);
    expect(
      local().backup.callsTo('GetRecoveryPointRestoreMetadata')
    ).toHaveLength(1);
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(0);
  });

  it('runs as `npm run -s restore -- plan` with the documented exit codes', async () => {
    // Arrange
    const run = (args: string[]) =>
      promisify(execFile)(
        'npx',
        ['tsx', 'shared/cli/restore-cli.ts', ...args],
        {
          cwd: ROOT,
          env: process.env,
        }
      ).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e
      );

    // Act
    const ok = await run([
      'plan',
      '--request',
      fixture('efs-request.json'),
      '--saved-metadata',
      fixture('efs-saved-metadata.json'),
      '--role-arn',
      ROLE,
    ]);
    const usage = await run(['plan']);

    // Assert
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ResourceType).toBe('EFS');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--request FILE is required');
  });
});
