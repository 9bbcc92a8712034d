import { describe, expect, it } from 'vitest';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { virtualMachineMetadataBuilder } from '../../../../shared/restore-metadata/virtual-machine.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';
import { virtualMachineFixture } from '../../../fixtures/restore-metadata/virtual-machine.js';

const build = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = { vmId: 'vm-1' }
) =>
  virtualMachineMetadataBuilder.build(
    metadataInput({ resourceType: 'VirtualMachine', saved, overrides })
  );

describe('virtualMachineMetadataBuilder', () => {
  it('builds the VMware fixture, dropping vmId', () => {
    // Arrange
    const input = fixtureInput(virtualMachineFixture);

    // Act
    const outcome = virtualMachineMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({
      ...virtualMachineFixture.expected,
      problems: [],
    });
  });

  it('requires RestoreTo', () => {
    // Arrange: nothing given.

    // Act
    const outcome = build({});

    // Assert
    expect(outcome).toEqual({
      metadata: {},
      warnings: [],
      problems: [
        {
          path: 'metadata.RestoreTo',
          message:
            'required for VirtualMachine: the target, EC2Instance or VMware',
        },
      ],
    });
  });

  it('refuses a RestoreTo other than EC2Instance or VMware (EBS is UNVERIFIED)', () => {
    // Arrange
    const overrides = { RestoreTo: 'EBSVolume' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.RestoreTo',
        message:
          'must be EC2Instance or VMware; a restore to EBS volumes is not supported yet because AWS does not document its RestoreTo value (UNVERIFIED, docs/resource-types.md#virtual-machine)',
      },
    ]);
  });

  it('builds an EC2 target with the EC2 keys', () => {
    // Arrange
    const overrides = {
      RestoreTo: 'EC2Instance',
      InstanceType: 't3.medium',
      SubnetId: 'subnet-0aa11bb2',
      SecurityGroupIds: ['sg-0a1b2c3d'],
      RequireIMDSv2: true,
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome).toEqual({
      metadata: {
        RestoreTo: 'EC2Instance',
        InstanceType: 't3.medium',
        SubnetId: 'subnet-0aa11bb2',
        SecurityGroupIds: '["sg-0a1b2c3d"]',
        RequireIMDSv2: 'true',
      },
      warnings: [],
      problems: [],
    });
  });

  it('refuses keys of the other target', () => {
    // Arrange
    const overrides = { RestoreTo: 'EC2Instance', VMName: 'app-01' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.VMName',
        message:
          'is a key of the VMware target, not accepted when RestoreTo is EC2Instance; allowed: InstanceType, VpcId, SubnetId, SecurityGroupIds, IamInstanceProfileName, InstanceInitiatedShutdownBehavior, HibernationOptions, DisableApiTermination, Placement, CreditSpecification, RamdiskId, KernelId, UserData, EbsOptimized, LicenseSpecifications, KmsKeyId, AvailabilityZone, EbsVolumeType, IsEncrypted, RequireIMDSv2, NetworkInterfaces, ItemsToRestore',
      },
    ]);
  });

  it('drops saved keys of the other target', () => {
    // Arrange
    const saved = { vmId: 'vm-1', VMName: 'app-01' };

    // Act
    const outcome = build({ RestoreTo: 'EC2Instance' }, saved);

    // Assert
    expect(outcome).toEqual({
      metadata: { RestoreTo: 'EC2Instance' },
      warnings: [
        'metadata.VMName: dropped from the saved metadata: a key of the VMware target, and RestoreTo is EC2Instance',
      ],
      problems: [],
    });
  });

  it('requires the VMware placement keys', () => {
    // Arrange
    const overrides = { RestoreTo: 'VMware', VMName: 'app-01' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual(
      ['HypervisorArn', 'VMPath', 'ComputeResourceName', 'VMDatastore'].map(
        (key) => ({
          path: `metadata.${key}`,
          message: 'required when RestoreTo is VMware',
        })
      )
    );
  });

  it('refuses DisksToRestore that are not {DiskId, Label} objects', () => {
    // Arrange
    const overrides = {
      ...virtualMachineFixture.overrides,
      DisksToRestore: [{ DiskId: 2000 }],
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.DisksToRestore',
        message:
          'item 1 is not an object with string DiskId and Label; must be a JSON array string of objects {DiskId, Label} (at least 1), e.g. [{"DiskId":"2000","Label":"Hard disk 1"}]',
      },
    ]);
  });

  it('warns that ItemsToRestore is ignored for an EC2 target', () => {
    // Arrange
    const overrides = { RestoreTo: 'EC2Instance', ItemsToRestore: ['2000'] };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.warnings).toEqual([
      'metadata.ItemsToRestore: is ignored for an EC2 target; it selects the disk of a restore to EBS (docs/resource-types.md#virtual-machine)',
    ]);
  });

  it('does not support tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(virtualMachineMetadataBuilder.copySourceTagsSupported).toBe(false);
  });
});
