import type { ResourceType } from '../domain/resource-type.js';

/** What an in-place check sees: the final metadata and the source. */
export interface InPlaceFacts {
  /** Final metadata value of a key, matched regardless of case. */
  readonly get: (key: string) => string | undefined;
  /** ARN of the backed-up resource, when known. */
  readonly resourceArn?: string;
}

type InPlaceCheck = (facts: InPlaceFacts) => string | undefined;

/** The bucket an S3 resource ARN names (`arn:aws:s3:::bucket`). */
const bucketOf = (arn: string | undefined): string | undefined =>
  arn?.startsWith('arn:') && arn.split(':')[2] === 's3'
    ? arn.split(':').slice(5).join(':')
    : undefined;

/**
 * The restores that write into a resource that already exists instead of
 * creating one
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html).
 * Each is refused unless the deployment's profile for the type says
 * `"inPlace": true`.
 */
const IN_PLACE: Readonly<Partial<Record<ResourceType, InPlaceCheck>>> = {
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-efs.html
  EFS: ({ get }) =>
    get('newFileSystem') === 'false'
      ? 'newFileSystem "false" restores into the source file system'
      : undefined,
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/saphana-restore.html
  'SAP HANA on Amazon EC2': () =>
    'a SAP HANA restore overwrites its target database',
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/redshift-restores.html
  Redshift: ({ get }) =>
    get('RestoreType') === 'NAMESPACE_RESTORE'
      ? 'RestoreType NAMESPACE_RESTORE overwrites the namespace'
      : undefined,
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-fsx.html
  FSx: ({ get }) =>
    get('OntapConfiguration') !== undefined
      ? 'an ONTAP volume restore goes into an existing file system'
      : undefined,
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-eks.html
  EKS: ({ get }) =>
    get('newCluster') === 'true'
      ? undefined
      : 'without newCluster "true" the restore goes into an existing cluster',
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html
  S3: ({ get, resourceArn }) => {
    const source = bucketOf(resourceArn);
    return source !== undefined && get('DestinationBucketName') === source
      ? 'DestinationBucketName is the source bucket'
      : undefined;
  },
};

/**
 * Why a restore of this type with this metadata is in place, if it is.
 *
 * @example
 * ```ts
 * inPlaceReason('EFS', { get: (k) => (k === 'newFileSystem' ? 'false' : undefined) });
 * // 'newFileSystem "false" restores into the source file system'
 * ```
 */
export const inPlaceReason = (
  type: ResourceType,
  facts: InPlaceFacts
): string | undefined => IN_PLACE[type]?.(facts);

/** The types that have an in-place form, for docs and configuration. */
export const IN_PLACE_TYPES = Object.keys(IN_PLACE) as ResourceType[];
