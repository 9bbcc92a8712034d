import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RestoreJobStateChangeSchema } from '#shared/events/restore-job-state-change';
import { observationFromEvent } from '../../../../functions/track-restore/observation-from-event.js';

// The COMPLETED sample of docs/events.md#restore-job-sample.
const completed = JSON.parse(
  readFileSync(
    new URL(
      '../../../fixtures/events/restore-job-completed.json',
      import.meta.url
    ),
    'utf8'
  )
) as { detail: Record<string, unknown>; resources: string[] };

const parse = (event: unknown) =>
  observationFromEvent(RestoreJobStateChangeSchema.parse(event));

describe('observationFromEvent', () => {
  it('reads the COMPLETED sample: status, dates, created resource, size as a number, vault name', () => {
    // Act
    const observation = parse(completed);

    // Assert
    expect(observation).toEqual({
      restoreJobId: '7F3A9C21-5B4D-4E8F-9A10-2C6D8E4B1F37',
      status: 'COMPLETED',
      detectedBy: 'event',
      creationDate: '2026-03-01T04:15:09.518Z',
      completionDate: '2026-03-01T04:31:05.204Z',
      createdResourceArn:
        'arn:aws:rds:eu-west-1:111122223333:db:orders-db-restore-20260301',
      backupSizeInBytes: 0,
      resourceType: 'RDS',
      recoveryPointArn:
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94',
      backupVaultName: 'prod-primary',
    });
  });

  it('falls back to detail.state and to resources[0] in older events', () => {
    // Arrange
    const {
      status: _status,
      recoveryPointArn: _point,
      backupVaultArn: _vault,
      ...detail
    } = completed.detail;

    // Act
    const observation = parse({
      ...completed,
      detail: { ...detail, state: 'FAILED' },
    });

    // Assert
    expect(observation.status).toBe('FAILED');
    expect(observation.recoveryPointArn).toBe(completed.resources[0]);
    expect(observation).not.toHaveProperty('backupVaultName');
  });

  it('leaves out a size that is not a whole number', () => {
    // Act
    const observation = parse({
      ...completed,
      detail: { ...completed.detail, backupSizeInBytes: 'n/a' },
    });

    // Assert
    expect(observation).not.toHaveProperty('backupSizeInBytes');
  });

  it('refuses another Backup detail-type', () => {
    // Act
    const result = RestoreJobStateChangeSchema.safeParse({
      ...completed,
      'detail-type': 'Backup Job State Change',
    });

    // Assert
    expect(result.success).toBe(false);
  });
});
