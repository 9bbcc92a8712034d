import { describe, expect, it } from 'vitest';
import {
  type KeyPolicy,
  mergeMetadata,
  REQUEST_ID_KEY,
  savedValue,
} from '../../../../shared/restore-metadata/metadata-keys.js';

const AURORA_POLICY: KeyPolicy = {
  resourceType: 'Aurora',
  documentedKeys: ['dbClusterIdentifier', 'engine', 'vpcSecurityGroupIds'],
  informationalKeys: [],
  noEffectKeys: ['vpcId'],
  documentedKeysOnly: false,
};

const EFS_POLICY: KeyPolicy = {
  resourceType: 'EFS',
  documentedKeys: ['file-system-id', 'newFileSystem', 'CreationToken'],
  informationalKeys: [],
  noEffectKeys: [],
  documentedKeysOnly: true,
};

const EBS_POLICY: KeyPolicy = {
  resourceType: 'EBS',
  documentedKeys: ['availabilityZone'],
  informationalKeys: ['volumeId'],
  noEffectKeys: [],
  documentedKeysOnly: false,
};

describe('mergeMetadata', () => {
  it('replaces a saved key matched regardless of case, in the saved spelling', () => {
    // Arrange
    const saved = { Engine: 'aurora', Port: '3306' };

    // Act
    const merged = mergeMetadata(
      saved,
      { engine: 'aurora-mysql' },
      AURORA_POLICY
    );

    // Assert
    expect(merged.metadata.toRecord()).toEqual({
      Engine: 'aurora-mysql',
      Port: '3306',
    });
    expect(merged.warnings).toEqual([
      'metadata.engine: sent as Engine, the spelling AWS returned',
    ]);
    expect(merged.problems).toEqual([]);
  });

  it('sends a documented key in the documented spelling (newFilesystem)', () => {
    // Arrange: aws/aws-cli#6468, the failure this rule prevents.
    const overrides = { newFilesystem: 'true' };

    // Act
    const merged = mergeMetadata({}, overrides, EFS_POLICY);

    // Assert
    expect(merged.metadata.toRecord()).toEqual({ newFileSystem: 'true' });
    expect(merged.warnings).toEqual([
      'metadata.newFilesystem: sent as newFileSystem, the documented spelling',
    ]);
  });

  it('respells saved keys for documented-only types and drops the others', () => {
    // Arrange: Kanister merged tags into EFS metadata (kanister#792).
    const saved = { newfilesystem: 'true', 'aws:backup:tag:team': 'a' };

    // Act
    const merged = mergeMetadata(saved, {}, EFS_POLICY);

    // Assert
    expect(merged.metadata.toRecord()).toEqual({ newFileSystem: 'true' });
    expect(merged.warnings).toEqual([
      'metadata.aws:backup:tag:team: dropped from the saved metadata; not a documented key for EFS',
    ]);
  });

  it('reports an override key neither documented nor saved, listing the allowed keys', () => {
    // Arrange
    const saved = { Port: '3306' };

    // Act
    const merged = mergeMetadata(saved, { Bogus: 'x' }, AURORA_POLICY);

    // Assert
    expect(merged.problems).toEqual([
      {
        path: 'metadata.Bogus',
        message:
          'unknown key for Aurora; allowed: dbClusterIdentifier, engine, vpcSecurityGroupIds, vpcId, Port',
      },
    ]);
    expect(merged.metadata.toRecord()).toEqual({ Port: '3306' });
  });

  it('accepts an override of an undocumented key the saved map has', () => {
    // Arrange
    const saved = { DatabaseName: '' };

    // Act
    const merged = mergeMetadata(
      saved,
      { DatabaseName: 'orders' },
      AURORA_POLICY
    );

    // Assert
    expect(merged.metadata.toRecord()).toEqual({ DatabaseName: 'orders' });
    expect(merged.warnings).toEqual([]);
    expect(merged.problems).toEqual([]);
  });

  it('drops informational saved keys silently and ignores them as overrides', () => {
    // Arrange
    const saved = { volumeId: 'vol-1', availabilityZone: 'null' };

    // Act
    const merged = mergeMetadata(saved, { VolumeId: 'vol-2' }, EBS_POLICY);

    // Assert
    expect(merged.metadata.toRecord()).toEqual({ availabilityZone: 'null' });
    expect(merged.warnings).toEqual([
      'metadata.VolumeId: ignored; AWS returns it for information only and EBS does not accept it',
    ]);
    expect(merged.problems).toEqual([]);
  });

  it('accepts a no-effect key and says it changes nothing', () => {
    // Arrange
    const overrides = { vpcId: 'vpc-1' };

    // Act
    const merged = mergeMetadata({}, overrides, AURORA_POLICY);

    // Assert
    expect(merged.metadata.toRecord()).toEqual({ vpcId: 'vpc-1' });
    expect(merged.warnings).toEqual([
      'metadata.vpcId: accepted, but AWS documents it as information only; it does not change the restore',
    ]);
  });

  it('reports two override keys that differ only in case', () => {
    // Arrange
    const overrides = { newFileSystem: 'true', NEWFILESYSTEM: 'false' };

    // Act
    const merged = mergeMetadata({}, overrides, EFS_POLICY);

    // Assert
    expect(merged.problems).toEqual([
      {
        path: 'metadata.NEWFILESYSTEM',
        message:
          'same key as metadata.newFileSystem (keys match regardless of case); send it once, as newFileSystem',
      },
    ]);
    expect(merged.metadata.toRecord()).toEqual({ newFileSystem: 'true' });
  });

  it('skips saved values that are not strings (AWS null)', () => {
    // Arrange: the type says string; AWS reports some values as null.
    const saved = JSON.parse('{"availabilityZone":null,"encrypted":"false"}');

    // Act
    const merged = mergeMetadata(saved, {}, EBS_POLICY);

    // Assert
    expect(merged.metadata.toRecord()).toEqual({ encrypted: 'false' });
  });
});

describe('savedValue', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ['matches regardless of case', { OriginalTableName: 'orders' }, 'orders'],
    ['ignores a blank value', { originalTableName: ' ' }, undefined],
    ['ignores an absent key', {}, undefined],
    [
      'ignores a null value',
      JSON.parse('{"originalTableName":null}'),
      undefined,
    ],
  ])('%s', (_name, saved, expected) => {
    // Arrange: the saved map comes from the table.

    // Act
    const value = savedValue(saved, 'originalTableName');

    // Assert
    expect(value).toBe(expected);
  });
});

describe('REQUEST_ID_KEY', () => {
  it('is the key AWS documents (docs/resource-types.md#request-id-key)', () => {
    // Arrange, Act: a constant.

    // Assert
    expect(REQUEST_ID_KEY).toBe('aws:backup:request-id');
  });
});
