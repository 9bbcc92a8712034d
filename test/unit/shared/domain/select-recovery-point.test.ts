import { describe, expect, it } from 'vitest';
import type { RecoveryPoint } from '#shared/domain/recovery-point';
import {
  describeFilters,
  selectLatest,
} from '#shared/domain/select-recovery-point';

const R = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const point = (
  id: string,
  vault: string,
  iso: string,
  status = 'COMPLETED'
): RecoveryPoint => ({
  recoveryPointArn: `arn:aws:backup:eu-west-1:111122223333:recovery-point:${id}`,
  backupVaultName: vault,
  resourceArn: R,
  status,
  creationDate: new Date(iso),
});

const points = [
  point('a', 'prod-primary', '2026-03-01T01:00:00Z'),
  point('c', 'prod-primary', '2026-03-01T03:00:00Z'),
  point('d', 'prod-primary', '2026-03-01T04:00:00Z', 'PARTIAL'),
  point('b', 'archive-vault', '2026-03-01T02:00:00Z'),
];

describe('selectLatest', () => {
  it.each([
    [{}, 'c'],
    [{ before: new Date('2026-03-01T03:00:00Z') }, 'b'],
    [
      {
        vaults: new Set(['prod-primary']),
        before: new Date('2026-03-01T03:00:00Z'),
      },
      'a',
    ],
    [
      {
        after: new Date('2026-03-01T01:00:00Z'),
        vaults: new Set(['archive-vault']),
      },
      'b',
    ],
    [{ after: new Date('2026-03-01T03:00:00Z') }, undefined],
  ])('with %o picks %s', (filters, expected) => {
    // Act
    const chosen = selectLatest(points, { resourceArn: R, ...filters });

    // Assert
    expect(chosen?.recoveryPointArn.split(':').at(-1)).toBe(expected);
  });

  it('takes an AVAILABLE point like a COMPLETED one, and never PARTIAL, EXPIRED, DELETING, STOPPED or CREATING', () => {
    // Arrange
    const later = [
      ...points,
      point('e', 'prod-primary', '2026-03-01T05:00:00Z', 'AVAILABLE'),
      ...['PARTIAL', 'EXPIRED', 'DELETING', 'STOPPED', 'CREATING'].map(
        (status, i) =>
          point(`x${i}`, 'prod-primary', `2026-03-01T0${6 + i}:00:00Z`, status)
      ),
    ];

    // Act
    const chosen = selectLatest(later, { resourceArn: R });

    // Assert
    expect(chosen?.recoveryPointArn.split(':').at(-1)).toBe('e');
    expect(
      selectLatest(later, {
        resourceArn: R,
        after: new Date('2026-03-01T05:00:00Z'),
      })
    ).toBeUndefined();
  });

  it('describes the filters for a not-found message', () => {
    // Act
    const text = describeFilters(
      {
        resourceArn: R,
        vaults: new Set(['prod-primary']),
        before: new Date('2026-03-01T00:00:00Z'),
      },
      4
    );

    // Assert
    expect(text).toBe(
      `resource ${R}; status COMPLETED or AVAILABLE; vaults prod-primary; created before 2026-03-01T00:00:00.000Z; 4 recovery point(s) of the resource looked at`
    );
  });
});
