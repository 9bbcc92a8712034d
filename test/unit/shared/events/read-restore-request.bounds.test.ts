import { describe, expect, it } from 'vitest';
import { boundText } from '#shared/domain/bounded-text';
import { toResourceType } from '#shared/domain/resource-type';
import { resourceTypeFromArn } from '#shared/domain/resource-type-from-arn';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import {
  readRestoreRequest,
  readRestoreRequestBody,
} from '#shared/events/read-restore-request';
import { MAX_REQUEST_BYTES } from '#shared/events/restore-request';
import { buildRestoreMetadata } from '#shared/restore-metadata/build-restore-metadata';

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

const problemsOf = (reading: ReturnType<typeof readRestoreRequest>) => {
  if (reading.ok) {
    throw new Error('expected the request to be refused');
  }
  expect(reading.error).toBeInstanceOf(RestoreRequestInvalidError);
  return (reading.error as RestoreRequestInvalidError).problems;
};

const manyKeys = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

describe('bounds before validation', () => {
  it('refuses 20,000 metadata keys with one problem, before the schema runs', () => {
    // Act
    const problems = problemsOf(
      readRestoreRequest({
        recoveryPointArn: EFS_RP,
        backupVaultName: 'prod-primary',
        metadata: manyKeys(20_000),
      })
    );

    // Assert
    expect(problems).toEqual([
      { path: 'metadata', message: 'has 20000 keys; at most 100' },
    ]);
  });

  it('refuses a request with more fields than the contract has, and a body over the size limit', () => {
    // Act
    const fields = problemsOf(readRestoreRequest(manyKeys(300)));
    const body = problemsOf(
      readRestoreRequestBody(`{"a":"${'x'.repeat(MAX_REQUEST_BYTES)}"}`)
    );
    const payload = problemsOf(readRestoreRequest({}, { sizeBytes: 300_000 }));

    // Assert
    expect(fields).toHaveLength(1);
    expect(fields[0]?.message).toMatch(
      /^has 300 fields; a restore request has at most \d+/
    );
    expect(body[0]?.message).toBe(
      `the request is ${MAX_REQUEST_BYTES + 8} bytes; at most ${MAX_REQUEST_BYTES}`
    );
    expect(payload[0]?.message).toContain('the request is 300000 bytes');
  });

  it('caps the problems at 20 and counts the rest; lists the allowed fields once', () => {
    // Act
    const capped = new RestoreRequestInvalidError(
      Array.from({ length: 30 }, (_, i) => ({ path: `p${i}`, message: 'bad' }))
    ).problems;
    const problems = problemsOf(readRestoreRequest(manyKeys(10)));

    // Assert
    expect(capped).toHaveLength(21);
    expect(capped.at(-1)).toEqual({
      path: '',
      message: 'and 10 more problems',
    });
    expect(
      problems.filter((p) => p.message.includes('allowed fields'))
    ).toHaveLength(1);
    expect(problems.filter((p) => p.message === 'unknown field')).toHaveLength(
      9
    );
  });

  it('lists the allowed metadata keys once, however many keys are unknown', () => {
    // Act
    const { problems } = buildRestoreMetadata({
      resourceType: 'EFS',
      saved: {},
      overrides: manyKeys(100),
      recoveryPoint: {
        recoveryPointArn: EFS_RP,
        backupVaultName: 'prod-primary',
      },
      requestKey: 'r',
    });

    // Assert
    expect(problems.filter((p) => p.message.includes('allowed:'))).toHaveLength(
      1
    );
    expect(problems[1]?.message).toBe(
      'unknown key for EFS; the allowed keys are listed at metadata.k0'
    );
  });

  it('cuts long problem text without splitting a surrogate pair', () => {
    // Arrange
    const path = `${'a'.repeat(510)}😀😀`;

    // Act
    const [problem] = problemsOf(readRestoreRequest({ [path]: 1 }));
    const cut = boundText('ab😀', 3);

    // Assert
    expect(problem?.path.length).toBeLessThanOrEqual(512);
    expect(problem?.path.endsWith('…')).toBe(true);
    expect(problem?.path).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(cut).toBe('ab…');
  });
});

describe('prototype names are no keys', () => {
  it.each([
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'prototype',
  ])('%s names no service, no type and no metadata key', (name) => {
    // Act
    const reading = readRestoreRequest({
      resourceArn: `arn:aws:${name}:eu-west-1:111122223333:x/${name}`,
      metadata: { [name]: 'x' },
    });
    const built = buildRestoreMetadata({
      resourceType: 'EC2',
      saved: {},
      overrides: JSON.parse(`{"${name}":"x"}`),
      recoveryPoint: { recoveryPointArn: EFS_RP, backupVaultName: 'v' },
      requestKey: 'r',
    });

    // Assert
    expect(
      resourceTypeFromArn(`arn:aws:${name}:eu-west-1:1:x`)
    ).toBeUndefined();
    expect(toResourceType(name)).toBeUndefined();
    if (reading.ok) {
      expect(reading.resourceType).toBeUndefined();
    }
    expect(built.problems.map((p) => p.path)).toEqual([`metadata.${name}`]);
  });
});
