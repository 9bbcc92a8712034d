import { describe, expect, it } from 'vitest';
import { MetadataMap } from '../../../../shared/restore-metadata/metadata-map.js';

describe('MetadataMap', () => {
  it('matches keys regardless of case and keeps the first spelling', () => {
    // Arrange
    const map = new MetadataMap();
    map.set('Engine', 'aurora', 'saved');

    // Act
    map.set('engine', 'aurora-mysql', 'override');

    // Assert
    expect(map.toRecord()).toEqual({ Engine: 'aurora-mysql' });
    expect(map.get('ENGINE')).toBe('aurora-mysql');
    expect(map.has('eNgInE')).toBe(true);
    expect(map.spellingOf('engine')).toBe('Engine');
    expect(map.entry('engine')).toEqual({
      key: 'Engine',
      value: 'aurora-mysql',
      source: 'override',
    });
  });

  it('respells a key, keeping its value and source', () => {
    // Arrange
    const map = new MetadataMap();
    map.set('newfilesystem', 'true', 'saved');

    // Act
    map.respell('newFileSystem', 'newFileSystem');
    map.respell('absent', 'Absent');

    // Assert
    expect(map.entries()).toEqual([
      { key: 'newFileSystem', value: 'true', source: 'saved' },
    ]);
  });

  it('deletes a key and returns what it removed', () => {
    // Arrange
    const map = new MetadataMap();
    map.set('CpuOptions', '{}', 'saved');
    map.set('InstanceType', 't3.small', 'override');

    // Act
    const removed = map.delete('cpuoptions');
    const none = map.delete('cpuoptions');

    // Assert
    expect(removed).toEqual({
      key: 'CpuOptions',
      value: '{}',
      source: 'saved',
    });
    expect(none).toBeUndefined();
    expect(map.toRecord()).toEqual({ InstanceType: 't3.small' });
  });

  it('lists entries in the order keys were first set', () => {
    // Arrange
    const map = new MetadataMap();

    // Act
    map.set('b', '1', 'saved');
    map.set('a', '2', 'derived');
    map.set('B', '3', 'override');

    // Assert
    expect(map.entries().map((e) => e.key)).toEqual(['b', 'a']);
    expect(map.get('missing')).toBeUndefined();
  });
});
