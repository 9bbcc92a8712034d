import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import {
  idempotencyTokenOf,
  requestKeyOf,
} from '#shared/events/restore-request-key';
import { planRestore } from '#shared/use-cases/plan-restore';
import { InMemoryCatalog } from '#test/support/fakes/in-memory-catalog';
import { RELAY_ENV } from '#test/support/relay-env';

const FS = 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1';
const keyOf = (input: unknown) => requestKeyOf(parseRestoreRequest(input));

describe('requestKeyOf', () => {
  it('is the caller requestId when given', () => {
    // Act & Assert
    expect(keyOf({ requestId: 'inc-42', resourceArn: FS })).toBe('inc-42');
  });

  it('does not depend on key order, value formatting or aliases', () => {
    // Arrange
    const a = {
      resourceArn: FS,
      resourceType: 'efs',
      selection: {
        before: '2026-03-01T04:15:00Z',
        vaults: ['vault-b', 'vault-a'],
      },
      metadata: {
        newFileSystem: true,
        PerformanceMode: 'generalPurpose',
        n: 5,
      },
    };
    const b = {
      metadata: {
        n: '5',
        PerformanceMode: 'generalPurpose',
        newFileSystem: 'true',
      },
      selection: {
        vaults: ['vault-a', 'vault-b'],
        before: '2026-03-01T05:15:00.000+01:00',
      },
      resourceType: 'EFS',
      resourceArn: FS,
    };

    // Act & Assert
    expect(keyOf(a)).toBe(keyOf(b));
    expect(keyOf(a)).toMatch(/^auto-[0-9a-f]{40}$/);
  });

  it('ignores dryRun, taskToken and context, so a preview shows the real names', () => {
    // Act & Assert
    expect(keyOf({ resourceArn: FS })).toBe(
      keyOf({
        resourceArn: FS,
        dryRun: true,
        taskToken: 't',
        context: { a: 1 },
      })
    );
  });

  it.each([
    [{ resourceArn: `${FS}x` }],
    [{ resourceArn: FS, metadata: { newFileSystem: false } }],
    [{ resourceArn: FS, selection: { before: '2026-03-01T04:15:00Z' } }],
    [{ resourceArn: FS, restoreRole: 'other' }],
    [{ resourceArn: FS, copySourceTags: true }],
  ])('differs when the restore differs (%o)', (other) => {
    // Act & Assert
    expect(keyOf(other)).not.toBe(keyOf({ resourceArn: FS }));
  });
});

describe('idempotencyTokenOf', () => {
  it('is deterministic, UUID-shaped and different per key', () => {
    // Act
    const one = idempotencyTokenOf('inc-42');
    const again = idempotencyTokenOf('inc-42');
    const other = idempotencyTokenOf('inc-43');

    // Assert
    expect(one).toBe(again);
    expect(one).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/
    );
    expect(other).not.toBe(one);
  });
});

describe('the deployment namespace', () => {
  it('gives two stages that see one requestId different tokens and different derived names', async () => {
    // Arrange
    const catalog = new InMemoryCatalog([
      {
        recoveryPointArn:
          'arn:aws:backup:eu-west-1:111122223333:recovery-point:p-1',
        backupVaultName: 'prod-primary',
        resourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
        status: 'COMPLETED',
        creationDate: new Date('2026-03-01T00:00:00Z'),
        saved: { originalTableName: 'orders' },
      },
    ]);
    const policy = parseConfig(RestorePolicySchema, RELAY_ENV);
    const request = parseRestoreRequest({
      requestId: 'inc-42',
      resourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
    });

    // Act
    const [dev, prod] = await Promise.all(
      ['restore-relay-dev', 'restore-relay-prod'].map((deployment) =>
        planRestore(receiveRequest(request), { catalog, policy, deployment })
      )
    );

    // Assert
    expect(dev?.input.IdempotencyToken).toBe(
      idempotencyTokenOf('inc-42', 'restore-relay-dev')
    );
    expect(dev?.input.IdempotencyToken).not.toBe(prod?.input.IdempotencyToken);
    expect(dev?.input.Metadata.targetTableName).not.toBe(
      prod?.input.Metadata.targetTableName
    );
  });
});
