import { readFileSync } from 'node:fs';

interface SeedPoint {
  arn: string;
  vault: string;
  resourceArn: string;
  creationDate: string;
}

/**
 * The ARN of the default seed's recovery point of `resourceArn` created at
 * `creationDate` (as written in `test/fixtures/seed/recovery-points.json`).
 */
export const seedPointArn = (
  resourceArn: string,
  creationDate: string
): string => {
  const seed = JSON.parse(
    readFileSync(
      new URL('../fixtures/seed/recovery-points.json', import.meta.url),
      'utf8'
    )
  ) as { recoveryPoints: SeedPoint[] };
  const point = seed.recoveryPoints.find(
    (p) => p.resourceArn === resourceArn && p.creationDate === creationDate
  );
  if (point === undefined) {
    throw new Error(`no seed point of ${resourceArn} at ${creationDate}`);
  }
  return point.arn;
};
