import { describe, expect, it } from 'vitest';
import {
  deriveCreationToken,
  deriveName,
} from '../../../../shared/restore-metadata/derive-name.js';
import {
  DB_CLUSTER_IDENTIFIER,
  type DerivableNameRule,
  DYNAMODB_TABLE_NAME,
  EFS_CREATION_TOKEN,
  RDS_INSTANCE_IDENTIFIER,
  REDSHIFT_CLUSTER_IDENTIFIER,
} from '../../../../shared/restore-metadata/name-rules.js';
import {
  REQUEST_KEY,
  REQUEST_KEY_HASH,
  REQUEST_KEY_HASH_48,
} from '../../../fixtures/restore-metadata/fixture.js';

const RULES: readonly [string, DerivableNameRule][] = [
  ['RDS instance', RDS_INSTANCE_IDENTIFIER],
  ['DB cluster', DB_CLUSTER_IDENTIFIER],
  ['Redshift cluster', REDSHIFT_CLUSTER_IDENTIFIER],
  ['DynamoDB table', DYNAMODB_TABLE_NAME],
];

const ORIGINALS: readonly (string | undefined)[] = [
  undefined,
  '',
  '   ',
  '-',
  'orders',
  'Orders_DB',
  'UPPER.case.Name',
  '123-db',
  '9',
  'orders--db',
  '--lead--and--trail--',
  'trailing-',
  'café-commandes',
  'Ωmega',
  '数据库',
  '🚀rocket',
  'a'.repeat(300),
  `${'a'.repeat(53)}-bcdef`,
  `${'a'.repeat(53)}_bcdef`,
  'x'.repeat(253),
  'tab\tand\nnewline',
];

const CASES = RULES.flatMap(([label, rule]) =>
  ORIGINALS.map((original) => [label, rule, original] as const)
);

describe('deriveName', () => {
  it.each(CASES)(
    'derives a valid %s name from %j, ending in the whole hash',
    (_label, rule, original) => {
      // Arrange: the rule and original come from the table.

      // Act
      const name = deriveName({ original, requestKey: REQUEST_KEY, rule });

      // Assert
      expect(rule.check(name)).toBeUndefined();
      expect(name.endsWith(`-${REQUEST_KEY_HASH}`)).toBe(true);
      expect(name.length).toBeLessThanOrEqual(rule.maxLength);
    }
  );

  it.each<[string, DerivableNameRule, string | undefined, string]>([
    [
      'keeps a valid RDS original, lower-cased',
      RDS_INSTANCE_IDENTIFIER,
      'Orders_DB',
      'orders-db',
    ],
    [
      'puts a stem before a digit-first original',
      RDS_INSTANCE_IDENTIFIER,
      '123db',
      'restore-123db',
    ],
    [
      'collapses -- and trims hyphens',
      DB_CLUSTER_IDENTIFIER,
      '--a--b--',
      'a-b',
    ],
    ['removes accents', RDS_INSTANCE_IDENTIFIER, 'café', 'cafe'],
    [
      'falls back when nothing survives',
      RDS_INSTANCE_IDENTIFIER,
      '数据库',
      'restore',
    ],
    [
      'falls back without an original',
      REDSHIFT_CLUSTER_IDENTIFIER,
      undefined,
      'restore',
    ],
    [
      'lower-cases for Redshift',
      REDSHIFT_CLUSTER_IDENTIFIER,
      'Analytics',
      'analytics',
    ],
    [
      'keeps case and dots for DynamoDB',
      DYNAMODB_TABLE_NAME,
      'Orders.v1_x',
      'Orders.v1_x',
    ],
    [
      'replaces spaces for DynamoDB',
      DYNAMODB_TABLE_NAME,
      'my orders',
      'my-orders',
    ],
  ])('%s', (_name, rule, original, stem) => {
    // Arrange: the rule and original come from the table.

    // Act
    const name = deriveName({ original, requestKey: REQUEST_KEY, rule });

    // Assert
    expect(name).toBe(`${stem}-${REQUEST_KEY_HASH}`);
  });

  it('cuts a long original, never the hash, to the maximum length', () => {
    // Arrange
    const original = 'a'.repeat(100);

    // Act
    const name = deriveName({
      original,
      requestKey: REQUEST_KEY,
      rule: RDS_INSTANCE_IDENTIFIER,
    });

    // Assert
    expect(name).toBe(`${'a'.repeat(54)}-${REQUEST_KEY_HASH}`);
    expect(name).toHaveLength(63);
  });

  it('does not leave a separator where the original was cut', () => {
    // Arrange: the cut at 54 characters falls right after the hyphen.
    const original = `${'a'.repeat(53)}-bcdef`;

    // Act
    const name = deriveName({
      original,
      requestKey: REQUEST_KEY,
      rule: RDS_INSTANCE_IDENTIFIER,
    });

    // Assert
    expect(name).toBe(`${'a'.repeat(53)}-${REQUEST_KEY_HASH}`);
  });

  it.each(RULES)(
    'gives a retry of one request the same %s name',
    (_l, rule) => {
      // Arrange
      const input = { original: 'orders', requestKey: 'retry-me', rule };

      // Act
      const first = deriveName(input);
      const second = deriveName(input);

      // Assert
      expect(second).toBe(first);
    }
  );

  it.each(RULES)(
    'gives 1,000 different requests 1,000 different %s names',
    (_l, rule) => {
      // Arrange
      const keys = Array.from({ length: 1000 }, (_, i) => `request-${i}`);

      // Act
      const names = keys.map((requestKey) =>
        deriveName({ original: 'a'.repeat(300), requestKey, rule })
      );

      // Assert
      expect(new Set(names).size).toBe(1000);
    }
  );
});

describe('deriveCreationToken', () => {
  it('is restore-relay- and 48 hex characters of sha256(requestKey)', () => {
    // Arrange
    const requestKey = REQUEST_KEY;

    // Act
    const token = deriveCreationToken(requestKey);

    // Assert
    expect(token).toBe(`restore-relay-${REQUEST_KEY_HASH_48}`);
    expect(token).toHaveLength(62);
    expect(EFS_CREATION_TOKEN.check(token)).toBeUndefined();
  });

  it('is the same for a retry and different for 1,000 requests', () => {
    // Arrange
    const keys = Array.from({ length: 1000 }, (_, i) => `request-${i}`);

    // Act
    const tokens = keys.map(deriveCreationToken);

    // Assert
    expect(deriveCreationToken('request-7')).toBe(tokens[7]);
    expect(new Set(tokens).size).toBe(1000);
  });
});
