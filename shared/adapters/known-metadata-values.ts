/**
 * The values of a saved restore metadata map that AWS knows. The model says
 * string → string, but AWS returns JSON null for a value it does not know
 * (EBS `availabilityZone` in the guide's example,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-ebs.html):
 * such a key counts as absent. The online catalog and the plan command's
 * saved files read nulls through this one function, so an offline plan and
 * the real run see the same map.
 *
 * @example
 * ```ts
 * knownMetadataValues({ availabilityZone: null, encrypted: 'false' });
 * // { encrypted: 'false' }
 * ```
 */
export const knownMetadataValues = (
  saved: Readonly<Record<string, unknown>>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(saved).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string'
    )
  );
