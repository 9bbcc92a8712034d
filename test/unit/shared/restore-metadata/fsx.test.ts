import { describe, expect, it } from 'vitest';
import { fsxMetadataBuilder } from '../../../../shared/restore-metadata/fsx.js';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';
import { fsxFixture } from '../../../fixtures/restore-metadata/fsx.js';

const SUBNETS = ['subnet-0aa11bb22cc33dd44'];
const FILE_SYSTEM_TYPE_WARNING =
  'metadata.FileSystemType: dropped: not an accepted FSx key (whether AWS ignores or rejects it is UNVERIFIED, docs/resource-types.md#fsx)';
const ONTAP_WARNING =
  'metadata.OntapConfiguration: an ONTAP volume is restored into an existing file system (docs/resource-types.md#in-place)';

const build = (
  overrides: Record<string, MetadataValue>,
  saved: Record<string, string> = {}
) =>
  fsxMetadataBuilder.build(
    metadataInput({ resourceType: 'FSx', saved, overrides })
  );

describe('fsxMetadataBuilder', () => {
  it('builds the Lustre example of the guide, dropping FileSystemId and FileSystemType', () => {
    // Arrange
    const input = fixtureInput(fsxFixture);

    // Act
    const outcome = fsxMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...fsxFixture.expected, problems: [] });
  });

  it('requires SubnetIds as a JSON array', () => {
    // Arrange
    const saved = { FileSystemType: 'LUSTRE' };

    // Act
    const missing = build({}, saved);
    const bare = build({ SubnetIds: 'subnet-0aa11bb2' }, saved);

    // Assert
    expect(missing.problems).toEqual([
      {
        path: 'metadata.SubnetIds',
        message:
          'required for FSx: a JSON array string of subnet ids, e.g. ["subnet-0123456789abcdef0"] (docs/resource-types.md#fsx)',
      },
    ]);
    expect(bare.problems).toEqual([
      {
        path: 'metadata.SubnetIds',
        message:
          'must be a JSON array string of subnet ids (subnet-…) (at least 1), e.g. ["subnet-0123456789abcdef0"]',
      },
    ]);
  });

  it('needs an Active Directory id for Windows, at either level', () => {
    // Arrange
    const saved = { FileSystemType: 'WINDOWS' };

    // Act
    const missing = build({ SubnetIds: SUBNETS }, saved);
    const topLevel = build(
      { SubnetIds: SUBNETS, ActiveDirectoryId: 'd-1234567890' },
      saved
    );
    const nested = build(
      {
        SubnetIds: SUBNETS,
        WindowsConfiguration: { activeDirectoryId: 'd-1234567890' },
      },
      saved
    );
    const selfManaged = build(
      {
        SubnetIds: SUBNETS,
        WindowsConfiguration: {
          SelfManagedActiveDirectoryConfiguration: {
            DomainName: 'corp.example.com',
          },
        },
      },
      saved
    );

    // Assert
    expect(missing.problems).toEqual([
      {
        path: 'metadata.ActiveDirectoryId',
        message:
          'required for FSx for Windows File Server: the directory id (d-…), at the top level or inside WindowsConfiguration (or a SelfManagedActiveDirectoryConfiguration there)',
      },
    ]);
    expect([topLevel, nested, selfManaged].map((o) => o.problems)).toEqual([
      [],
      [],
      [],
    ]);
  });

  it('needs the SVM id and a volume Name for ONTAP, not SubnetIds', () => {
    // Arrange
    const saved = { FileSystemType: 'ONTAP' };

    // Act
    const missing = build({}, saved);
    const complete = build(
      {
        Name: 'orders_vol_restored',
        OntapConfiguration: {
          storageVirtualMachineId: 'svm-0123456789abcdef0',
        },
      },
      saved
    );

    // Assert
    expect(missing.problems).toEqual([
      {
        path: 'metadata.OntapConfiguration',
        message:
          'required for FSx for ONTAP: a JSON object string with the storageVirtualMachineId, e.g. {"storageVirtualMachineId":"svm-0123456789abcdef0"}',
      },
      {
        path: 'metadata.Name',
        message: 'required for FSx for ONTAP: the name of the volume to create',
      },
    ]);
    expect(complete).toEqual({
      metadata: {
        Name: 'orders_vol_restored',
        OntapConfiguration:
          '{"storageVirtualMachineId":"svm-0123456789abcdef0"}',
      },
      warnings: [FILE_SYSTEM_TYPE_WARNING, ONTAP_WARNING],
      problems: [],
    });
  });

  it('recognises the variant from its configuration when no type was saved', () => {
    // Arrange
    const overrides = { OntapConfiguration: { junctionPath: '/vol' } };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems.map((p) => p.path)).toEqual([
      'metadata.OntapConfiguration',
      'metadata.Name',
    ]);
  });

  it('refuses StorageCapacity with INTELLIGENT_TIERING, drops a saved one', () => {
    // Arrange
    const saved = {
      FileSystemType: 'OPENZFS',
      SubnetIds: '["subnet-0aa11bb2"]',
      StorageCapacity: '1024',
    };

    // Act
    const given = build(
      { StorageType: 'INTELLIGENT_TIERING', StorageCapacity: 2048 },
      saved
    );
    const fromSaved = build({ StorageType: 'INTELLIGENT_TIERING' }, saved);

    // Assert
    expect(given.problems).toEqual([
      {
        path: 'metadata.StorageCapacity',
        message: 'must not be sent with StorageType INTELLIGENT_TIERING',
      },
    ]);
    expect(fromSaved.metadata).toEqual({
      SubnetIds: '["subnet-0aa11bb2"]',
      StorageType: 'INTELLIGENT_TIERING',
    });
    expect(fromSaved.warnings).toEqual([
      FILE_SYSTEM_TYPE_WARNING,
      'metadata.StorageCapacity: dropped: StorageType is INTELLIGENT_TIERING, which takes no StorageCapacity',
    ]);
  });

  it('refuses a StorageType FSx does not have', () => {
    // Arrange
    const overrides = { SubnetIds: SUBNETS, StorageType: 'NVME' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.StorageType',
        message: 'must be one of: SSD, HDD, INTELLIGENT_TIERING',
      },
    ]);
  });

  it('supports tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(fsxMetadataBuilder.copySourceTagsSupported).toBe(true);
  });
});
