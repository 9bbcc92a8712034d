/**
 * The resource id inside an ARN whose resource part starts with
 * `resourceType` followed by `:` or `/`, e.g. `orders` in
 * `arn:aws:rds:eu-west-1:111122223333:db:orders` (`db`) or
 * `arn:aws:dynamodb:eu-west-1:111122223333:table/orders` (`table`). Anything
 * after a further `/` is not part of the id: a Redshift recovery point
 * `…:snapshot:analytics/awsbackup:job-1` names cluster `analytics`
 * (docs/resource-types.md#redshift).
 *
 * @returns the id, or `undefined` when the ARN is absent or of another type
 * @example
 * ```ts
 * nameInArn('arn:aws:rds:eu-west-1:111122223333:db:orders', 'db'); // 'orders'
 * ```
 */
export const nameInArn = (
  arn: string | undefined,
  resourceType: string
): string | undefined => {
  const resource = arn?.split(':').slice(5).join(':') ?? '';
  const match = /^([^:/]+)[:/]([^/]+)/.exec(resource);
  return match?.[1] === resourceType ? match[2] : undefined;
};

/**
 * The first candidate that is a non-blank string: where a builder looks for
 * the backed-up resource's name, in order of preference.
 *
 * @example
 * ```ts
 * originalName([undefined, ' ', 'orders']); // 'orders'
 * ```
 */
export const originalName = (
  candidates: readonly (string | undefined)[]
): string | undefined =>
  candidates.find((c) => c !== undefined && c.trim() !== '');
