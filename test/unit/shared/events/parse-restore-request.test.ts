import { describe, expect, it } from 'vitest';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';

const RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94';
const FS = 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1';

const problemsOf = (input: unknown) => {
  try {
    parseRestoreRequest(input);
  } catch (error) {
    if (error instanceof RestoreRequestInvalidError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected the request to be rejected');
};

describe('parseRestoreRequest', () => {
  it('accepts an explicit recovery point and maps a resource type alias', () => {
    // Act
    const request = parseRestoreRequest({
      requestId: 'inc-42',
      recoveryPointArn: RP,
      backupVaultName: 'prod-primary',
      resourceType: 'efs',
      metadata: { newFileSystem: true, ItemsToRestore: ['/data'] },
    });

    // Assert
    expect(request).toEqual({
      requestId: 'inc-42',
      recoveryPointArn: RP,
      backupVaultName: 'prod-primary',
      resourceType: 'EFS',
      metadata: { newFileSystem: true, ItemsToRestore: ['/data'] },
    });
  });

  it.each([
    ['storage gateway', 'Storage Gateway'],
    ['Storage-Gateway', 'Storage Gateway'],
    ['DYNAMODB', 'DynamoDB'],
    ['docdb', 'DocumentDB'],
    ['vmware', 'VirtualMachine'],
    ['SAP HANA on Amazon EC2', 'SAP HANA on Amazon EC2'],
  ])('maps resource type %s to %s', (alias, canonical) => {
    // Act
    const request = parseRestoreRequest({
      resourceArn: FS,
      resourceType: alias,
    });

    // Assert
    expect(request.resourceType).toBe(canonical);
  });

  it('defaults the selection strategy to latest', () => {
    // Act
    const request = parseRestoreRequest({
      resourceArn: FS,
      selection: { before: '2026-03-01T04:15:00Z', vaults: ['prod-primary'] },
    });

    // Assert
    expect(request.selection).toEqual({
      strategy: 'latest',
      before: '2026-03-01T04:15:00Z',
      vaults: ['prod-primary'],
    });
  });

  it('names a misspelt field and suggests the right one', () => {
    // Act
    const problems = problemsOf({
      recoveryPointARN: RP,
      backupVaultName: 'prod-primary',
    });

    // Assert
    expect(problems).toContainEqual({
      path: 'recoveryPointARN',
      message: 'unknown field; did you mean "recoveryPointArn"?',
    });
  });

  it('refuses metadata nested deeper than 32 levels, at its key, without overflowing the stack', () => {
    // Arrange
    let deep: unknown = 'x';
    for (let i = 0; i < 5_000; i += 1) {
      deep = [deep];
    }

    // Act
    const problems = problemsOf({
      recoveryPointArn: RP,
      backupVaultName: 'prod-primary',
      metadata: { ItemsToRestore: deep },
    });

    // Assert
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'metadata.ItemsToRestore',
        message: expect.stringContaining('more than 32 levels deep'),
      }),
    ]);
  });

  it('refuses a __proto__ key instead of silently dropping it', () => {
    // Act
    const problems = problemsOf(
      JSON.parse(
        `{"resourceArn":"${FS}","metadata":{"__proto__":"x"}}`
      ) as unknown
    );

    // Assert
    expect(problems).toEqual([
      {
        path: 'metadata.__proto__',
        message: '"__proto__" is not accepted as a key; it would be lost',
      },
    ]);
  });

  it('rejects an IamRoleArn: a message never chooses the role', () => {
    // Act
    const problems = problemsOf({
      recoveryPointArn: RP,
      backupVaultName: 'prod-primary',
      IamRoleArn: 'arn:aws:iam::111122223333:role/admin',
    });

    // Assert
    expect(problems).toEqual([
      {
        path: 'IamRoleArn',
        message: expect.stringContaining('unknown field; allowed fields:'),
      },
    ]);
  });

  it('rejects unknown fields inside selection with their full path', () => {
    // Act
    const problems = problemsOf({
      resourceArn: FS,
      selection: { strategy: 'latest', beforeDate: '2026-03-01T00:00:00Z' },
    });

    // Assert
    expect(problems).toEqual([
      { path: 'selection.beforeDate', message: 'unknown field' },
    ]);
  });

  it.each([
    [{ backupVaultName: 'v1' }, 'recoveryPointArn'],
    [{ recoveryPointArn: RP }, 'backupVaultName'],
    [
      { recoveryPointArn: RP, backupVaultName: 'v1', resourceArn: FS },
      'resourceArn',
    ],
    [{ resourceArn: FS, backupVaultName: 'v1' }, 'backupVaultName'],
  ])(
    'requires exactly one way to name the recovery point (%o)',
    (input, path) => {
      // Act
      const problems = problemsOf(input);

      // Assert
      expect(problems.map((p) => p.path)).toContain(path);
    }
  );

  it.each([
    [{ requestId: 'has space' }, 'requestId', 'must be 1–128 characters'],
    [{ requestId: 'x'.repeat(129) }, 'requestId', 'must be 1–128 characters'],
    [
      { resourceType: 'mainframe' },
      'resourceType',
      'unknown resource type "mainframe"',
    ],
    [{ selection: { before: 'yesterday' } }, 'selection.before', 'ISO-8601'],
    [{ selection: { strategy: 'oldest' } }, 'selection.strategy', ''],
    [
      {
        selection: {
          after: '2026-03-02T00:00:00Z',
          before: '2026-03-01T00:00:00Z',
        },
      },
      'selection.after',
      'after must be earlier than before',
    ],
    [{ selection: { vaults: [] } }, 'selection.vaults', ''],
    [{ copySourceTags: 'yes' }, 'copySourceTags', ''],
    [{ context: { note: 'x'.repeat(5000) } }, 'context', 'at most 4096 bytes'],
    [{ context: ['not', 'an', 'object'] }, 'context', ''],
    [{ restoreRole: 'has space' }, 'restoreRole', 'role name'],
  ])('rejects %o at %s', (extra, path, message) => {
    // Act
    const problems = problemsOf({ resourceArn: FS, ...extra });

    // Assert
    const problem = problems.find((p) => p.path === path);
    expect(problem?.message).toContain(message);
  });

  it('does not change its input', () => {
    // Arrange
    const input = Object.freeze({
      resourceArn: FS,
      selection: Object.freeze({ vaults: Object.freeze(['prod-primary']) }),
    });

    // Act
    const request = parseRestoreRequest(input);

    // Assert
    expect(input).toEqual({
      resourceArn: FS,
      selection: { vaults: ['prod-primary'] },
    });
    expect(request.selection?.strategy).toBe('latest');
  });
});
