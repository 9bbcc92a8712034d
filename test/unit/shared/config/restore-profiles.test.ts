import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import { defaultProfiles } from '#shared/config/restore-profiles';
import { RESOURCE_TYPES } from '#shared/domain/resource-type';
import { foldKey } from '#shared/domain/restore-profile';
import { getMetadataBuilder } from '#shared/restore-metadata/builders';
import { RELAY_ENV } from '#test/support/relay-env';

const profilesOf = (doc: unknown) =>
  parseConfig(RestorePolicySchema, {
    ...RELAY_ENV,
    RESTORE_PROFILES: doc === '' ? '' : JSON.stringify(doc),
  }).profiles;

describe('the built-in restore profiles', () => {
  it('has one profile per resource type, naming only documented keys', () => {
    // Act
    const profiles = defaultProfiles();

    // Assert: a misspelt key would allow or forbid nothing.
    expect([...profiles.keys()].sort()).toEqual([...RESOURCE_TYPES].sort());
    for (const [type, profile] of profiles) {
      const documented = new Set(
        getMetadataBuilder(type).documentedKeys.map(foldKey)
      );
      for (const { key } of profile.keys.values()) {
        expect(documented.has(foldKey(key)), `${type} ${key}`).toBe(true);
      }
      for (const { key } of profile.requirements) {
        expect(
          documented.has(foldKey(key)) || key === 'PubliclyAccessible',
          `${type} pin ${key}`
        ).toBe(true);
      }
      expect(profile.inPlace).toBe(false);
    }
  });

  it('never lets a request set code, identity, directory or owner keys', () => {
    // Arrange
    const profiles = defaultProfiles();
    const ruleOf = (type: (typeof RESOURCE_TYPES)[number], key: string) =>
      profiles.get(type)?.keys.get(foldKey(key))?.rule.allow;

    // Assert
    for (const key of ['UserData', 'KeyName', 'IamInstanceProfileName']) {
      expect(ruleOf('EC2', key)).toBe('never');
    }
    expect(ruleOf('VirtualMachine', 'UserData')).toBe('never');
    expect(ruleOf('Redshift', 'OwnerAccount')).toBe('never');
    expect(ruleOf('Redshift', 'IamRoles')).toBe('never');
    expect(ruleOf('RDS', 'Domain')).toBe('never');
    expect(ruleOf('EKS', 'clusterRole')).toBe('never');
    expect(ruleOf('EC2', 'SubnetId')).toBe('as-backed-up');
  });
});

describe('RESTORE_PROFILES', () => {
  it('extends the built-in profile of one type, key by key, and leaves the others alone', () => {
    // Act
    const profiles = profilesOf({
      EC2: { allow: { subnetid: { oneOf: ['subnet-0aa', 'subnet-0bb'] } } },
    });

    // Assert
    expect(profiles.get('EC2')?.keys.get('subnetid')).toEqual({
      key: 'SubnetId',
      rule: { allow: 'one-of', values: ['subnet-0aa', 'subnet-0bb'] },
      origin: 'deployment',
    });
    expect(profiles.get('EC2')?.keys.get('userdata')?.rule.allow).toBe('never');
    // An EC2 rule never re-allows a public database.
    expect(profiles.get('RDS')?.requirements).toEqual([
      expect.objectContaining({ key: 'PubliclyAccessible', value: 'false' }),
    ]);
  });

  it('replaces a type only when it says so', () => {
    // Act
    const profiles = profilesOf({
      rds: { replace: true, allow: { DBInstanceIdentifier: 'any' } },
    });

    // Assert
    const rds = profiles.get('RDS');
    expect([...(rds?.keys.values() ?? [])].map((k) => k.key)).toEqual([
      'DBInstanceIdentifier',
    ]);
    expect(rds?.requirements).toEqual([]);
  });

  it('reads pins in short and long form, and in-place opt-ins', () => {
    // Act
    const profiles = profilesOf({
      EC2: { require: { RequireIMDSv2: true } },
      RDS: {
        require: { DeletionProtection: { value: 'true', onSaved: 'refuse' } },
      },
      EFS: { inPlace: true },
      FSx: { inPlace: { vaults: ['fsx-ontap'] } },
    });

    // Assert
    expect(profiles.get('EC2')?.requirements).toEqual([
      {
        key: 'RequireIMDSv2',
        value: 'true',
        when: 'always',
        onSaved: 'rewrite',
        origin: 'deployment',
      },
    ]);
    expect(profiles.get('RDS')?.requirements.map((r) => r.key)).toEqual([
      'PubliclyAccessible',
      'DeletionProtection',
    ]);
    expect(profiles.get('EFS')?.inPlace).toBe(true);
    expect(profiles.get('FSx')?.inPlace).toEqual({
      vaults: new Set(['fsx-ontap']),
    });
  });

  it('is the built-in profiles when empty', () => {
    // Act & Assert
    expect(profilesOf('')).toEqual(defaultProfiles());
  });
});
