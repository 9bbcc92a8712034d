import { describe, expect, it } from 'vitest';
import {
  nameInArn,
  originalName,
} from '../../../../shared/restore-metadata/original-name.js';

describe('nameInArn', () => {
  it.each<[string | undefined, string, string | undefined]>([
    ['arn:aws:rds:eu-west-1:111122223333:db:orders-db', 'db', 'orders-db'],
    ['arn:aws:rds:eu-west-1:111122223333:cluster:orders', 'cluster', 'orders'],
    ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders', 'table', 'orders'],
    [
      'arn:aws:redshift:eu-west-1:111122223333:snapshot:analytics/awsbackup:job-1',
      'snapshot',
      'analytics',
    ],
    ['arn:aws:rds:eu-west-1:111122223333:db:orders-db', 'cluster', undefined],
    [
      'arn:aws:rds:eu-west-1:111122223333:cluster-snapshot:awsbackup:job-1',
      'cluster',
      undefined,
    ],
    ['not-an-arn', 'db', undefined],
    [undefined, 'db', undefined],
  ])('finds in %s the %s id', (arn, type, expected) => {
    // Arrange: the ARN and type come from the table.

    // Act
    const name = nameInArn(arn, type);

    // Assert
    expect(name).toBe(expected);
  });
});

describe('originalName', () => {
  it('takes the first non-blank candidate', () => {
    // Arrange
    const candidates = [undefined, '', '  ', 'orders', 'other'];

    // Act
    const name = originalName(candidates);

    // Assert
    expect(name).toBe('orders');
    expect(originalName([undefined, ' '])).toBeUndefined();
  });
});
