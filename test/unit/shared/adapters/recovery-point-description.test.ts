import { describe, expect, it } from 'vitest';
import { recoveryPointOf } from '#shared/adapters/recovery-point-description';

const ASKED = {
  backupVaultName: 'prod-primary',
  recoveryPointArn: 'arn:aws:ec2:eu-west-1::snapshot/snap-068beea0c7a22b1b5',
};

describe('recoveryPointOf', () => {
  it('maps the DescribeRecoveryPoint members restore-relay reads', () => {
    // Act
    const point = recoveryPointOf(
      {
        RecoveryPointArn: ASKED.recoveryPointArn,
        BackupVaultName: 'prod-primary',
        BackupVaultArn:
          'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-primary',
        ResourceArn:
          'arn:aws:ec2:eu-west-1:111122223333:volume/vol-0a1b2c3d4e5f60718',
        ResourceType: 'EBS',
        ResourceName: 'app-data-volume',
        Status: 'PARTIAL',
        StatusMessage: 'snapshot incomplete',
        CreationDate: new Date('2026-11-25T03:00:00Z'),
      },
      ASKED
    );

    // Assert
    expect(point).toEqual({
      recoveryPointArn: ASKED.recoveryPointArn,
      backupVaultName: 'prod-primary',
      backupVaultArn:
        'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-primary',
      resourceArn:
        'arn:aws:ec2:eu-west-1:111122223333:volume/vol-0a1b2c3d4e5f60718',
      resourceType: 'EBS',
      resourceName: 'app-data-volume',
      status: 'PARTIAL',
      statusMessage: 'snapshot incomplete',
      creationDate: new Date('2026-11-25T03:00:00Z'),
    });
  });

  it('falls back to what was asked for, and to UNKNOWN without a status', () => {
    // Act
    const point = recoveryPointOf({}, ASKED);

    // Assert
    expect(point).toEqual({ ...ASKED, status: 'UNKNOWN' });
  });
});
