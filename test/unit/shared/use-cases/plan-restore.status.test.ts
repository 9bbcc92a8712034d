import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import { RecoveryPointNotRestorableError } from '#shared/errors/errors';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import { planRestore } from '#shared/use-cases/plan-restore';
import { InMemoryCatalog } from '#test/support/fakes/in-memory-catalog';
import { rejectionOf } from '#test/support/rejection-of';
import { RELAY_ENV } from '#test/support/relay-env';

const TABLE = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const arnOf = (id: string) =>
  `arn:aws:backup:eu-west-1:111122223333:recovery-point:${id}`;
const point = (id: string, iso: string, status: string) => ({
  recoveryPointArn: arnOf(id),
  backupVaultName: 'prod-primary',
  resourceArn: TABLE,
  status,
  creationDate: new Date(iso),
  saved: { originalTableName: 'orders' },
});

const deps = {
  catalog: new InMemoryCatalog([
    point('completed', '2026-03-01T01:00:00Z', 'COMPLETED'),
    point('available', '2026-03-02T01:00:00Z', 'AVAILABLE'),
    point('partial', '2026-03-03T01:00:00Z', 'PARTIAL'),
    point('expired', '2026-03-04T01:00:00Z', 'EXPIRED'),
    point('deleting', '2026-03-05T01:00:00Z', 'DELETING'),
  ]),
  policy: parseConfig(RestorePolicySchema, RELAY_ENV),
};

const byArn = (id: string) =>
  parseRestoreRequest({
    recoveryPointArn: arnOf(id),
    backupVaultName: 'prod-primary',
  });

describe('planRestore and the recovery point status', () => {
  it.each(['completed', 'available'])(
    'restores a %s point named by ARN',
    async (id) => {
      // Act
      const plan = await planRestore(receiveRequest(byArn(id)), deps);

      // Assert
      expect(plan.input.RecoveryPointArn).toBe(arnOf(id));
    }
  );

  it('chooses the newest AVAILABLE point as latest, past newer points it cannot restore', async () => {
    // Act
    const plan = await planRestore(
      receiveRequest(parseRestoreRequest({ resourceArn: TABLE })),
      deps
    );

    // Assert
    expect(plan.recoveryPoint.recoveryPointArn).toBe(arnOf('available'));
  });

  it.each([
    ['partial', 'PARTIAL'],
    ['expired', 'EXPIRED'],
    ['deleting', 'DELETING'],
  ])(
    'refuses a %s point named by ARN, naming both restorable statuses',
    async (id, status) => {
      // Act
      const error = await rejectionOf(
        planRestore(receiveRequest(byArn(id)), deps)
      );

      // Assert
      expect(error).toBeInstanceOf(RecoveryPointNotRestorableError);
      expect((error as Error).message).toBe(
        `recoveryPointArn: recovery point ${arnOf(id)} is ${status}; only COMPLETED or AVAILABLE points can be restored`
      );
    }
  );
});
