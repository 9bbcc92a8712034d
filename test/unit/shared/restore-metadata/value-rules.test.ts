import { describe, expect, it } from 'vitest';
import { RDS_INSTANCE_IDENTIFIER } from '../../../../shared/restore-metadata/name-rules.js';
import {
  arnOf,
  availabilityZoneName,
  booleanString,
  integerString,
  jsonArray,
  jsonObject,
  jsonValue,
  matching,
  nameOf,
  nonEmpty,
  objectItem,
  oneOf,
  securityGroupIds,
  stringItem,
  stringList,
  subnetId,
  subnetIds,
  timestamp,
  uuid,
  type ValueRule,
} from '../../../../shared/restore-metadata/value-rules.js';

const SG_LIST =
  'must be a JSON array string of security group ids (sg-…) (at least 1), e.g. ["sg-0123456789abcdef0"]';

describe('value rules', () => {
  it.each<[string, ValueRule, string]>([
    ['oneOf', oneOf(['Default', 'KMS']), 'KMS'],
    ['booleanString', booleanString, 'false'],
    ['integerString', integerString({ min: 0, max: 180 }), '180'],
    ['integerString without bounds', integerString(), '-5'],
    ['matching', matching(/^fs-/, 'an id'), 'fs-1'],
    ['nonEmpty', nonEmpty, 'x'],
    ['nameOf', nameOf(RDS_INSTANCE_IDENTIFIER), 'orders-db'],
    ['securityGroupIds', securityGroupIds, '["sg-0a1b2c3d","sg-1"]'],
    ['subnetIds', subnetIds, '["subnet-0aa11bb2"]'],
    ['subnetId', subnetId, 'subnet-0aa11bb2'],
    ['stringList', stringList({ example: '["a"]' }), '[]'],
    ['jsonObject', jsonObject(), '{"Tenancy":"default"}'],
    ['jsonValue', jsonValue, '[1,{"a":null}]'],
    ['timestamp', timestamp, '2026-03-01T04:15:00Z'],
    ['timestamp with an offset', timestamp, '2026-03-01T04:15:00.123+01:00'],
    ['uuid', uuid, '6A1F2B3C-4D5E-4F60-8A1B-2C3D4E5F6A7B'],
    ['arnOf', arnOf('kms', 'key/'), 'arn:aws:kms:eu-west-1:111122223333:key/1'],
    [
      'arnOf in another partition',
      arnOf('kms'),
      'arn:aws-cn:kms:cn-north-1:111122223333:alias/x',
    ],
    ['availabilityZoneName', availabilityZoneName, 'eu-west-1a'],
    [
      'availabilityZoneName of a Local Zone',
      availabilityZoneName,
      'us-west-2-lax-1a',
    ],
  ])('%s accepts %s', (_name, rule, value) => {
    // Arrange: the rule and value come from the table.

    // Act
    const message = rule.check(value);

    // Assert
    expect(message).toBeUndefined();
  });

  it.each<[string, ValueRule, string, string]>([
    ['oneOf', oneOf(['Default', 'KMS']), 'kms', 'must be one of: Default, KMS'],
    ['booleanString', booleanString, 'TRUE', 'must be one of: true, false'],
    [
      'integerString, not digits',
      integerString({ min: 0, max: 180 }),
      '1.5',
      'must be a whole number from 0 to 180, written in digits',
    ],
    [
      'integerString, too large',
      integerString({ min: 0, max: 180 }),
      '181',
      'must be a whole number from 0 to 180',
    ],
    [
      'integerString, too small',
      integerString({ min: 1 }),
      '0',
      'must be a whole number of at least 1',
    ],
    ['matching', matching(/^fs-/, 'an EFS id'), 'x', 'must be an EFS id'],
    ['nonEmpty', nonEmpty, ' ', 'must not be empty'],
    ['securityGroupIds, a bare id', securityGroupIds, 'sg-0a1b2c3d', SG_LIST],
    [
      'securityGroupIds, empty',
      securityGroupIds,
      '[]',
      `has 0 items; ${SG_LIST}`,
    ],
    [
      'securityGroupIds, a bad item',
      securityGroupIds,
      '["sg-1","subnet-1"]',
      `item 2 is not of the expected form; ${SG_LIST}`,
    ],
    [
      'jsonArray, too many',
      jsonArray({ items: 'paths', maxItems: 1, example: '["/a"]' }),
      '["/a","/b"]',
      'has 2 items; must be a JSON array string of paths (0–1 of them), e.g. ["/a"]',
    ],
    [
      'jsonObject, an array',
      jsonObject(),
      '[]',
      'must be a JSON object string, e.g. {"Key":"value"}',
    ],
    [
      'jsonObject, a further check',
      jsonObject(() => 'must carry x'),
      '{}',
      'must carry x',
    ],
    ['jsonValue', jsonValue, '{', 'must be a JSON string'],
    [
      'timestamp without a zone',
      timestamp,
      '2026-03-01T04:15:00',
      'must be an ISO 8601 timestamp with a time zone, e.g. 2026-03-01T04:15:00Z',
    ],
    [
      'timestamp, not a date',
      timestamp,
      '2026-13-45T04:15:00Z',
      'must be an ISO 8601 timestamp with a time zone, e.g. 2026-03-01T04:15:00Z',
    ],
    [
      'uuid',
      uuid,
      'req-1',
      'must be a UUID, e.g. 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    ],
    [
      'arnOf, another service',
      arnOf('kms'),
      'arn:aws:iam::111122223333:role/x',
      'must be an ARN of kms, e.g. arn:aws:kms:eu-west-1:111122223333:…',
    ],
    [
      'availabilityZoneName, a Region',
      availabilityZoneName,
      'eu-west-1',
      'must be an Availability Zone name such as eu-west-1a (not a Region name)',
    ],
  ])('%s refuses %s', (_name, rule, value, expected) => {
    // Arrange: the rule and value come from the table.

    // Act
    const message = rule.check(value);

    // Assert
    expect(message).toBe(expected);
  });

  it.each<[string, string]>([
    ['["sg-1"]', '["sg-1"]'],
    ['sg-1', '["sg-1"]'],
    ['sg-1, sg-2', '["sg-1","sg-2"]'],
    ['', '[]'],
  ])('re-encodes the saved list %j as %s', (saved, expected) => {
    // Arrange: docs/resource-types.md#summary, "re-encode lists as JSON strings".

    // Act
    const repaired = securityGroupIds.normaliseSaved?.(saved);

    // Assert
    expect(repaired).toBe(expected);
  });

  it('checks object items', () => {
    // Arrange
    const items = [{ DiskId: '1' }, [], 'x'];

    // Act
    const results = items.map(objectItem);

    // Assert
    expect(results).toEqual([
      undefined,
      'is not an object',
      'is not an object',
    ]);
  });

  it('checks string items against a pattern', () => {
    // Arrange
    const item = stringItem(/^\//);

    // Act
    const results = [item('/data'), item('data'), item(3)];

    // Assert
    expect(results).toEqual([
      undefined,
      'is not of the expected form',
      'is not of the expected form',
    ]);
  });
});
