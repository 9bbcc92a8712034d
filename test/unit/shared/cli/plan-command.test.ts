import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planCommand } from '#shared/cli/plan-command';
import { main } from '#shared/cli/restore-cli';
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

const hashOf = (key: string) =>
  createHash('sha256').update(key).digest('hex').slice(0, 8);

const readFixture = async (name: string) =>
  JSON.parse(await readFile(fixture(name), 'utf8')) as Record<string, unknown>;

const RDS_RP =
  'arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:job-4ce29c1e-372b-4105-93e1-77c611a90a80';

describe('restore plan offline, with the recovery point AWS describes', () => {
  it('names an RDS restore after the source, as the real run does', async () => {
    // Act
    const { code, stdout } = await run({
      request: fixture('rds-request.json'),
      savedMetadata: fixture('rds-saved-metadata.json'),
      recoveryPoint: fixture('rds-recovery-point.json'),
      roleArn: ROLE,
      deployment: 'restore-relay-prod',
    });

    // Assert
    expect(code).toBe(0);
    const input = JSON.parse(stdout);
    expect(input.Metadata.DBInstanceIdentifier).toBe(
      `orders-db-${hashOf('restore-relay-prod/inc-2026-0043')}`
    );
    expect(input.IdempotencyToken).toBe(
      idempotencyTokenOf('inc-2026-0043', 'restore-relay-prod')
    );
  });

  it('names it after the ARN given with --resource-arn', async () => {
    // Act
    const { code, stdout } = await run({
      request: fixture('rds-request.json'),
      savedMetadata: fixture('rds-saved-metadata.json'),
      resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).Metadata.DBInstanceIdentifier).toBe(
      `orders-db-${hashOf('inc-2026-0043')}`
    );
  });

  it('plans a resourceArn request from the point in --recovery-point, with a warning', async () => {
    // Arrange
    const request = await tempJson({
      requestId: 'inc-2026-0044',
      resourceArn:
        'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0',
      selection: { vaults: ['prod-primary'] },
    });

    // Act
    const { code, stdout, stderr } = await run({
      request,
      savedMetadata: fixture('efs-saved-metadata.json'),
      recoveryPoint: fixture('efs-recovery-point.json'),
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).RecoveryPointArn).toBe(
      'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0'
    );
    expect(stderr).toContain(
      'warning: resourceArn: offline, the selection saw only the recovery point in --recovery-point'
    );
  });

  it('accepts the JSON null AWS prints for an unknown value and reads it as no value', async () => {
    // Arrange
    const savedMetadata = await tempJson({
      BackupVaultArn:
        'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-primary',
      RecoveryPointArn:
        'arn:aws:ec2:eu-west-1::snapshot/snap-068beea0c7a22b1b5',
      RestoreMetadata: {
        availabilityZone: null,
        encrypted: 'false',
        volumeId: 'vol-0a1b2c3d4e5f60718',
      },
      ResourceType: 'EBS',
    });
    const ebs = {
      requestId: 'inc-2026-0045',
      recoveryPointArn:
        'arn:aws:ec2:eu-west-1::snapshot/snap-068beea0c7a22b1b5',
      backupVaultName: 'prod-primary',
    };

    // Act
    const withZone = await run({
      request: await tempJson({
        ...ebs,
        metadata: { availabilityZone: 'eu-west-1a' },
      }),
      savedMetadata,
      roleArn: ROLE,
    });
    const withoutZone = await run({
      request: await tempJson(ebs),
      savedMetadata,
      roleArn: ROLE,
    });

    // Assert
    expect(withZone.code).toBe(0);
    expect(JSON.parse(withZone.stdout).Metadata.availabilityZone).toBe(
      'eu-west-1a'
    );
    expect(withoutZone.code).toBe(2);
    expect(
      JSON.parse(withoutZone.stderr).map((p: { path: string }) => p.path)
    ).toEqual(['metadata.availabilityZone']);
  });

  it('refuses a recovery point that is not COMPLETED, as the real run does', async () => {
    // Arrange
    const recoveryPoint = await tempJson({
      ...(await readFixture('rds-recovery-point.json')),
      Status: 'PARTIAL',
      StatusMessage: 'some volumes were not backed up',
    });

    // Act
    const { code, stderr } = await run({
      request: fixture('rds-request.json'),
      savedMetadata: fixture('rds-saved-metadata.json'),
      recoveryPoint,
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(2);
    expect(JSON.parse(stderr)[0].message).toContain(
      `recovery point ${RDS_RP} is PARTIAL (some volumes were not backed up)`
    );
  });

  it.each([
    [
      'a recovery point file of another point',
      { RecoveryPointArn: 'arn:aws:rds:eu-west-1:111122223333:snapshot:x' },
      'recoveryPoint.RecoveryPointArn',
    ],
    [
      'a recovery point file of another type',
      { ResourceType: 'Aurora' },
      'recoveryPoint.ResourceType',
    ],
    [
      'a recovery point file without its status',
      { Status: undefined },
      'recoveryPoint.Status',
    ],
    [
      'a creation date that is no timestamp',
      { CreationDate: 'yesterday' },
      'recoveryPoint.CreationDate',
    ],
  ])('exits 2 for %s', async (_name, change, path) => {
    // Arrange
    const recoveryPoint = await tempJson({
      ...(await readFixture('rds-recovery-point.json')),
      ...change,
    });

    // Act
    const { code, stderr } = await run({
      request: fixture('rds-request.json'),
      savedMetadata: fixture('rds-saved-metadata.json'),
      recoveryPoint,
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(2);
    expect(JSON.parse(stderr).map((p: { path: string }) => p.path)).toEqual([
      path,
    ]);
  });

  it('takes a creation date in epoch seconds, as AWS CLI v1 prints it', async () => {
    // Arrange
    const request = await tempJson({
      requestId: 'inc-2026-0046',
      resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
      selection: { before: '2026-11-26T02:00:01Z' },
    });
    const recoveryPoint = await tempJson({
      ...(await readFixture('rds-recovery-point.json')),
      CreationDate: Date.parse('2026-11-26T02:00:00Z') / 1000,
    });

    // Act
    const { code, stdout } = await run({
      request,
      savedMetadata: fixture('rds-saved-metadata.json'),
      recoveryPoint,
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).RecoveryPointArn).toBe(RDS_RP);
  });

  it.each([
    [
      '--recovery-point without --saved-metadata',
      { recoveryPoint: fixture('rds-recovery-point.json') },
      ['--recovery-point'],
    ],
    [
      '--recovery-point and --resource-arn together',
      {
        savedMetadata: fixture('rds-saved-metadata.json'),
        recoveryPoint: fixture('rds-recovery-point.json'),
        resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
      },
      ['--resource-arn'],
    ],
    [
      'a --resource-arn that is no ARN',
      {
        savedMetadata: fixture('rds-saved-metadata.json'),
        resourceArn: 'orders-db',
      },
      ['--resource-arn'],
    ],
  ])('exits 2 for %s', async (_name, options, paths) => {
    // Act
    const { code, stderr } = await run({
      request: fixture('rds-request.json'),
      roleArn: ROLE,
      ...options,
    });

    // Assert
    expect(code).toBe(2);
    expect(JSON.parse(stderr).map((p: { path: string }) => p.path)).toEqual(
      paths
    );
  });

  it('exits 2 when the request names another vault than the one the point is in', async () => {
    // Arrange
    const request = await tempJson({
      ...(await readFixture('rds-request.json')),
      backupVaultName: 'archive-vault',
    });

    // Act
    const { code, stderr } = await run({
      request,
      savedMetadata: fixture('rds-saved-metadata.json'),
      recoveryPoint: fixture('rds-recovery-point.json'),
      roleArn: ROLE,
    });

    // Assert
    expect(code).toBe(2);
    expect(JSON.parse(stderr)[0].message).toContain(
      'was not found in vault "archive-vault"'
    );
  });

  it('reads --recovery-point and --resource-arn from the command line', async () => {
    // Arrange
    let stdout = '';
    const io = {
      stdout: (t: string) => {
        stdout += t;
      },
      stderr: () => undefined,
      env: {},
    };
    const args = [
      'plan',
      '--request',
      fixture('rds-request.json'),
      '--saved-metadata',
      fixture('rds-saved-metadata.json'),
      '--role-arn',
      ROLE,
    ];

    // Act
    const described = await main(
      [...args, '--recovery-point', fixture('rds-recovery-point.json')],
      io
    );
    const byArn = await main(
      [
        ...args,
        '--resource-arn',
        'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
      ],
      io
    );

    // Assert
    expect([described, byArn]).toEqual([0, 0]);
    const [first, second] = stdout
      .split(/\n(?=\{)/)
      .map((t) => JSON.parse(t).Metadata.DBInstanceIdentifier);
    expect(first).toBe(`orders-db-${hashOf('inc-2026-0043')}`);
    expect(second).toBe(first);
  });
});
