import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planCommand } from '#shared/cli/plan-command';
import { idempotencyTokenOf } from '#shared/events/restore-request-key';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/plan/${name}`, import.meta.url));
const ROLE = 'arn:aws:iam::111122223333:role/restore-default';

const run = async (
  options: Parameters<typeof planCommand>[0],
  env: Record<string, string> = {}
) => {
  let stdout = '';
  let stderr = '';
  const code = await planCommand(options, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
  });
  return { code, stdout, stderr };
};

const tempJson = async (value: unknown): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'plan-'));
  const file = join(dir, 'request.json');
  await writeFile(
    file,
    typeof value === 'string' ? value : JSON.stringify(value)
  );
  return file;
};

describe('restore plan (offline, --saved-metadata)', () => {
  it('prints the exact StartRestoreJob input and exits 0', async () => {
    // Act
    const { code, stdout } = await run({
      request: fixture('efs-request.json'),
      savedMetadata: fixture('efs-saved-metadata.json'),
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(0);
    const input = JSON.parse(stdout);
    expect(Object.keys(input).sort()).toEqual([
      'IamRoleArn',
      'IdempotencyToken',
      'Metadata',
      'RecoveryPointArn',
      'ResourceType',
    ]);
    expect(input).toMatchObject({
      RecoveryPointArn:
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
      IamRoleArn: ROLE,
      IdempotencyToken: idempotencyTokenOf('inc-2026-0042'),
      ResourceType: 'EFS',
    });
    expect(input.Metadata).toMatchObject({
      'file-system-id': 'fs-0123456789abcdef0',
      newFileSystem: 'true',
      Encrypted: 'true',
      PerformanceMode: 'generalPurpose',
      ItemsToRestore: '["/data/reports"]',
    });
    expect(typeof input.Metadata.CreationToken).toBe('string');
    for (const value of Object.values(input.Metadata)) {
      expect(typeof value).toBe('string');
    }
  });

  it('shows the restore profile decision per key, and the token of a named deployment', async () => {
    // Act
    const { code, stdout, stderr } = await run({
      request: fixture('efs-request.json'),
      savedMetadata: fixture('efs-saved-metadata.json'),
      roleArn: ROLE,
      deployment: 'restore-relay-prod',
    });

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).IdempotencyToken).toBe(
      idempotencyTokenOf('inc-2026-0042', 'restore-relay-prod')
    );
    expect(stderr.split('\n').filter((l) => l.startsWith('profile:'))).toEqual([
      'profile: metadata.file-system-id: saved, kept as backed up',
      'profile: metadata.Encrypted: derived, pinned true (default)',
      'profile: metadata.PerformanceMode: saved, kept as backed up',
      'profile: metadata.KmsKeyId: request, any (default)',
      'profile: metadata.ItemsToRestore: request, any (default)',
      'profile: metadata.newFileSystem: derived, set by restore-relay',
      'profile: metadata.CreationToken: derived, set by restore-relay',
    ]);
  });

  it('refuses what the profile refuses, with exit code 2 and the key', async () => {
    // Arrange
    const request = await tempJson({
      requestId: 'cli-refused-1',
      recoveryPointArn:
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
      backupVaultName: 'prod-primary',
      metadata: { 'file-system-id': 'fs-0fffffffffffffff0' },
    });

    // Act
    const { code, stderr } = await run({
      request,
      savedMetadata: fixture('efs-saved-metadata.json'),
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(2);
    expect(JSON.parse(stderr)).toEqual([
      {
        path: 'metadata.file-system-id',
        message:
          'may only be set to the value it was backed up with (EFS restore profile: as-backed-up)',
      },
    ]);
  });

  it('adds CopySourceTagsToRestoredResource only when the request sets it', async () => {
    // Arrange
    const request = await tempJson({
      recoveryPointArn:
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
      backupVaultName: 'prod-primary',
      copySourceTags: true,
    });

    // Act
    const { code, stdout } = await run({
      request,
      savedMetadata: fixture('efs-saved-metadata.json'),
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).CopySourceTagsToRestoredResource).toBe(true);
  });

  it('uses the deployment roles from the environment when no --role-arn is given', async () => {
    // Act
    const { code, stdout } = await run(
      {
        request: fixture('efs-request.json'),
        savedMetadata: fixture('efs-saved-metadata.json'),
      },
      { RESTORE_ROLES: `ops=${ROLE}` }
    );

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).IamRoleArn).toBe(ROLE);
  });

  it.each([
    [{ recoveryPointARN: 'x' }, 'recoveryPointARN'],
    [
      {
        recoveryPointArn:
          'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
        backupVaultName: 'prod-primary',
        metadata: { ItemsToRestore: ['no-slash'] },
      },
      'metadata.ItemsToRestore',
    ],
    [
      {
        resourceArn:
          'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1',
      },
      'resourceArn',
    ],
  ])('exits 2 with a JSON list of problems for %o', async (body, path) => {
    // Arrange
    const request = await tempJson(body);

    // Act
    const { code, stdout, stderr } = await run({
      request,
      savedMetadata: fixture('efs-saved-metadata.json'),
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const problems = JSON.parse(stderr) as { path: string; message: string }[];
    expect(problems.map((p) => p.path)).toContain(path);
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['a request file that is not JSON', { request: 'not json' }, '--request'],
    [
      'saved metadata without RestoreMetadata',
      { saved: { ResourceType: 'EFS' } },
      'savedMetadata.RestoreMetadata',
    ],
    ['no role at all', { noRole: true }, '--role-arn'],
  ])('exits 2 for %s', async (_name, variant, path) => {
    // Arrange
    const request =
      'request' in variant
        ? await tempJson(variant.request)
        : fixture('efs-request.json');
    const savedMetadata =
      'saved' in variant
        ? await tempJson(variant.saved)
        : fixture('efs-saved-metadata.json');

    // Act
    const { code, stderr } = await run({
      request,
      savedMetadata,
      ...('noRole' in variant ? {} : { roleArn: ROLE }),
    });

    // Assert
    expect(code).toBe(2);
    expect(JSON.parse(stderr).map((p: { path: string }) => p.path)).toContain(
      path
    );
  });
});
