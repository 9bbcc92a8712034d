import { describe, expect, it } from 'vitest';
import { ec2MetadataBuilder } from '../../../../shared/restore-metadata/ec2.js';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { ec2Fixture } from '../../../fixtures/restore-metadata/ec2.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';

const CPU_WARNING =
  "metadata.CpuOptions: dropped: it makes EC2 restores fail (docs/resource-types.md#ec2); the instance gets its instance type's default CPU options";
const NETWORK_WARNING =
  'metadata.NetworkInterfaces: dropped because SubnetId or SecurityGroupIds is set; EC2 rejects both together (InvalidParameterCombination, docs/resource-types.md#ec2)';

const build = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = {}
) =>
  ec2MetadataBuilder.build(
    metadataInput({ resourceType: 'EC2', saved, overrides })
  );

describe('ec2MetadataBuilder', () => {
  it('builds the illustrative request of the guide from the saved map', () => {
    // Arrange
    const input = fixtureInput(ec2Fixture);

    // Act
    const outcome = ec2MetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...ec2Fixture.expected, problems: [] });
  });

  it('restores with no stored parameters at all', () => {
    // Arrange: the guide says no key is required.

    // Act
    const outcome = build({});

    // Assert
    expect(outcome).toEqual({ metadata: {}, warnings: [], problems: [] });
  });

  it('always drops CpuOptions, warning only when it was there', () => {
    // Arrange
    const saved = { CpuOptions: '{"CoreCount":1}' };

    // Act
    const fromSaved = build({}, saved);
    const fromOverride = build({ CpuOptions: { CoreCount: 2 } });
    const absent = build({});

    // Assert
    expect(fromSaved).toEqual({
      metadata: {},
      warnings: [CPU_WARNING],
      problems: [],
    });
    expect(fromOverride).toEqual({
      metadata: {},
      warnings: [CPU_WARNING],
      problems: [],
    });
    expect(absent.warnings).toEqual([]);
  });

  it('keeps NetworkInterfaces while no subnet or security group is set', () => {
    // Arrange
    const saved = { NetworkInterfaces: '[{"DeviceIndex":0}]' };

    // Act
    const kept = build({}, saved);
    const dropped = build({ SecurityGroupIds: ['sg-0a1b2c3d'] }, saved);

    // Assert
    expect(kept.metadata).toEqual(saved);
    expect(dropped).toEqual({
      metadata: { SecurityGroupIds: '["sg-0a1b2c3d"]' },
      warnings: [NETWORK_WARNING],
      problems: [],
    });
  });

  it('sends UseBackedUpValue for a saved profile and accepts null', () => {
    // Arrange
    const saved = {
      IamInstanceProfileName: 'arn:aws:iam::111122223333:instance-profile/app',
    };

    // Act
    const fromSaved = build({}, saved);
    const asNull = build({ IamInstanceProfileName: null }, saved);

    // Assert
    expect(fromSaved.metadata).toEqual({
      IamInstanceProfileName: 'UseBackedUpValue',
    });
    expect(asNull).toEqual({
      metadata: { IamInstanceProfileName: 'null' },
      warnings: [],
      problems: [],
    });
  });

  it('refuses a new instance profile: the job would fail', () => {
    // Arrange
    const overrides = { IamInstanceProfileName: 'other-profile' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.IamInstanceProfileName',
        message:
          'must be UseBackedUpValue or null; AWS Backup fails the job when a new instance profile is named (docs/resource-types.md#ec2)',
      },
    ]);
  });

  it('refuses null for keys other than IamInstanceProfileName', () => {
    // Arrange
    const overrides = { InstanceType: null };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.InstanceType',
        message:
          'must not be null; send a string, number, boolean or JSON value',
      },
    ]);
  });

  it('refuses SecurityGroupIds that are not a JSON array of sg- ids', () => {
    // Arrange
    const bare = { SecurityGroupIds: 'sg-0a1b2c3d' };
    const wrong = { SecurityGroupIds: ['subnet-0a1b2c3d'] };

    // Act
    const outcomes = [build(bare), build(wrong)];

    // Assert
    const list =
      'must be a JSON array string of security group ids (sg-…) (at least 1), e.g. ["sg-0123456789abcdef0"]';
    expect(outcomes.map((o) => o.problems)).toEqual([
      [{ path: 'metadata.SecurityGroupIds', message: list }],
      [
        {
          path: 'metadata.SecurityGroupIds',
          message: `item 1 is not of the expected form; ${list}`,
        },
      ],
    ]);
  });

  it('refuses block device mappings with a SnapshotId or OutpostArn', () => {
    // Arrange
    const overrides = {
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-1' } },
      ],
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.BlockDeviceMappings',
        message:
          'must not set SnapshotId or OutpostArn; AWS Backup does not support them in block device mappings (docs/resource-types.md#ec2)',
      },
    ]);
  });

  it('checks a deeply nested block device mapping string without overflowing the stack', () => {
    // Arrange
    const overrides = {
      BlockDeviceMappings: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems.map((p) => p.path)).toEqual([
      'metadata.BlockDeviceMappings',
    ]);
  });

  it('removes SnapshotId and OutpostArn from saved block device mappings', () => {
    // Arrange
    const saved = {
      BlockDeviceMappings:
        '[{"DeviceName":"/dev/xvda","OutpostArn":"arn:x","Ebs":{"OutpostArn":"arn:y","VolumeSize":8}}]',
    };

    // Act
    const outcome = build({}, saved);

    // Assert
    expect(outcome).toEqual({
      metadata: {
        BlockDeviceMappings:
          '[{"DeviceName":"/dev/xvda","Ebs":{"VolumeSize":8}}]',
      },
      warnings: [
        'metadata.BlockDeviceMappings: SnapshotId and OutpostArn removed from the saved mappings; AWS Backup does not support them',
      ],
      problems: [],
    });
  });

  it('accepts the information-only vpcId and says it changes nothing', () => {
    // Arrange
    const overrides = { vpcId: 'vpc-0a1b2c3d' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome).toEqual({
      metadata: { vpcId: 'vpc-0a1b2c3d' },
      warnings: [
        'metadata.vpcId: accepted, but AWS documents it as information only; it does not change the restore',
      ],
      problems: [],
    });
  });

  it('warns that a KeyName may be ignored', () => {
    // Arrange
    const overrides = { KeyName: 'ops-key' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.warnings).toEqual([
      'metadata.KeyName: may be ignored: the guide lists KeyName but also says the key pair cannot be changed (UNVERIFIED, docs/resource-types.md#ec2, #unverified)',
    ]);
  });

  it.each<[string, MetadataValue, string]>([
    ['InstanceType', 'small', 'must be an instance type such as t3.small'],
    ['SubnetId', 'sub-1', 'must be a subnet id (subnet-…)'],
    ['DisableApiTermination', 'no', 'must be one of: true, false'],
    [
      'InstanceInitiatedShutdownBehavior',
      'halt',
      'must be one of: stop, terminate',
    ],
    [
      'Placement',
      '"default"',
      'must be a JSON object string, e.g. {"Key":"value"}',
    ],
  ])('refuses a bad %s', (key, value, message) => {
    // Arrange
    const overrides = { [key]: value };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([{ path: `metadata.${key}`, message }]);
  });

  it('supports tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(ec2MetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
