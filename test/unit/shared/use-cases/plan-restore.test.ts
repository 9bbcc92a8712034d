import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import { planRestore } from '#shared/use-cases/plan-restore';
import { InMemoryCatalog } from '#test/support/fakes/in-memory-catalog';
import { RELAY_ENV } from '#test/support/relay-env';

const TABLE = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const point = (id: string, iso: string) => ({
  recoveryPointArn: `arn:aws:backup:eu-west-1:111122223333:recovery-point:${id}`,
  backupVaultName: 'prod-primary',
  resourceArn: TABLE,
  status: 'COMPLETED',
  creationDate: new Date(iso),
  saved: { originalTableName: 'orders' },
});

const deps = {
  catalog: new InMemoryCatalog([
    point('monday', '2026-03-02T01:00:00Z'),
    point('tuesday', '2026-03-03T01:00:00Z'),
  ]),
  policy: parseConfig(RestorePolicySchema, RELAY_ENV),
};

describe('planRestore', () => {
  it('bounds latest selection by asOf, so a redelivery picks the same point', async () => {
    // Arrange
    const request = parseRestoreRequest({ resourceArn: TABLE });

    // Act
    const now = await planRestore(receiveRequest(request), deps);
    const asOfMonday = await planRestore(receiveRequest(request), deps, {
      asOf: new Date('2026-03-02T12:00:00Z'),
    });

    // Assert
    expect(now.recoveryPoint.recoveryPointArn).toMatch(/tuesday$/);
    expect(asOfMonday.recoveryPoint.recoveryPointArn).toMatch(/monday$/);
  });

  it('falls back to the resource ARN for the type when AWS reports none', async () => {
    // Act
    const plan = await planRestore(
      receiveRequest(parseRestoreRequest({ resourceArn: TABLE })),
      deps
    );

    // Assert
    expect(plan.resourceType).toBe('DynamoDB');
    expect(plan.input.ResourceType).toBe('DynamoDB');
    expect(plan.input.Metadata.targetTableName).toMatch(/^orders-[0-9a-f]{8}$/);
  });

  it('derives the same names for a dry run and the real run', async () => {
    // Act
    const dry = await planRestore(
      receiveRequest(
        parseRestoreRequest({
          requestId: 'r-1',
          resourceArn: TABLE,
          dryRun: true,
        })
      ),
      deps
    );
    const real = await planRestore(
      receiveRequest(
        parseRestoreRequest({ requestId: 'r-1', resourceArn: TABLE })
      ),
      deps
    );

    // Assert
    expect(dry.input).toEqual(real.input);
  });
});
