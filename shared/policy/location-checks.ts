import type { Problem } from '../domain/problem.js';
import { parseJson } from '../restore-metadata/json-text.js';

/** Where the deployment runs: every ARN a restore uses must be here too. */
export interface DeploymentLocation {
  readonly partition?: string;
  readonly region?: string;
  readonly accountId?: string;
  /**
   * ARNs allowed elsewhere: exact, or a prefix ending in `*`
   * (`TRUSTED_ARNS`, docs/policy.md).
   */
  readonly trustedArns: readonly string[];
}

// Services whose ARNs carry no Region (IAM, S3 buckets, …).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
const GLOBAL_SERVICES = new Set([
  'iam',
  's3',
  'cloudfront',
  'route53',
  'organizations',
  'sts',
]);

// S3 bucket ARNs carry no account, and neither do EC2 snapshot and image
// ARNs, which are what AWS Backup names EBS and EC2 recovery points by.
const accountless = (service: string, resource: string): boolean =>
  service === 's3' ||
  (service === 'ec2' && /^(snapshot|image)\//.test(resource));

const isTrusted = (location: DeploymentLocation, arn: string): boolean =>
  location.trustedArns.some((t) =>
    t.endsWith('*') ? arn.startsWith(t.slice(0, -1)) : arn === t
  );

/**
 * What is wrong with where an ARN points, or `undefined` when it is in the
 * deployment's partition, Region and account (or trusted). An empty Region
 * is accepted only for global services, an empty account only for S3 and
 * EC2 snapshots and images.
 *
 * @example
 * ```ts
 * arnLocationProblem(here, 'arn:aws-cn:kms:cn-north-1:111122223333:key/1');
 * // "is in partition aws-cn, not this deployment's partition aws"
 * ```
 */
export const arnLocationProblem = (
  location: DeploymentLocation,
  arn: string
): string | undefined => {
  if (isTrusted(location, arn)) {
    return undefined;
  }
  const parts = arn.split(':');
  const [prefix, partition = '', service = '', region = '', account = ''] =
    parts;
  if (prefix !== 'arn' || parts.length < 6 || service === '') {
    return 'is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)';
  }
  const resource = parts.slice(5).join(':');
  if (location.partition !== undefined && partition !== location.partition) {
    return `is in partition ${partition}, not this deployment's partition ${location.partition}`;
  }
  if (region === '') {
    if (!GLOBAL_SERVICES.has(service)) {
      return `names no Region; only ARNs of global services (${[...GLOBAL_SERVICES].join(', ')}) may`;
    }
  } else if (location.region !== undefined && region !== location.region) {
    return `is in Region ${region}, not this deployment's Region ${location.region}`;
  }
  if (account === '') {
    if (!accountless(service, resource)) {
      return 'names no account';
    }
  } else if (
    location.accountId !== undefined &&
    account !== location.accountId
  ) {
    return `is in account ${account}, not this deployment's account ${location.accountId}`;
  }
  return undefined;
};

// An Availability Zone *name* starts with its Region (eu-west-1a,
// us-east-1-bos-1a); zone ids such as euw1-az1 do not and are not checked.
const ZONE_NAME = /^[a-z]{2}(-[a-z]+)+-\d+/;

const stringProblem = (
  location: DeploymentLocation,
  keyName: string,
  value: string
): string | undefined => {
  if (value.startsWith('arn:')) {
    return arnLocationProblem(location, value);
  }
  if (
    /account/i.test(keyName) &&
    /^\d{12}$/.test(value) &&
    location.accountId !== undefined &&
    value !== location.accountId
  ) {
    return `names account ${value}, not this deployment's account ${location.accountId}`;
  }
  if (
    /availabilityzone/i.test(keyName) &&
    location.region !== undefined &&
    ZONE_NAME.test(value) &&
    !value.startsWith(location.region)
  ) {
    return `names an Availability Zone outside this deployment's Region ${location.region}`;
  }
  return undefined;
};

// Saved and built values are bounded already; this only keeps a freak
// value from costing more than a walk of this depth.
const MAX_DEPTH = 64;

/**
 * The first value of the final metadata that points outside the
 * deployment: every ARN (also inside JSON values: block device mappings,
 * node groups, role lists), every account id under a key naming an account,
 * every Availability Zone name. The problem names the key, not the value
 * (metadata values are sensitive).
 *
 * @example
 * ```ts
 * metadataLocationProblem(here, { KMSKey: 'arn:aws:kms:eu-west-1:999988887777:key/1' });
 * // { path: 'metadata.KMSKey', message: "is in account 999988887777, …" }
 * ```
 */
export const metadataLocationProblem = (
  location: DeploymentLocation,
  metadata: Readonly<Record<string, string>>
): Problem | undefined => {
  const walk = (
    value: unknown,
    keyName: string,
    path: string,
    depth: number
  ): Problem | undefined => {
    if (typeof value === 'string') {
      const message = stringProblem(location, keyName, value);
      return message === undefined ? undefined : { path, message };
    }
    if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) {
      return undefined;
    }
    const children: [string, string, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [keyName, `${path}.${i}`, v])
      : Object.entries(value).map(([k, v]) => [k, `${path}.${k}`, v]);
    for (const [name, childPath, child] of children) {
      const found = walk(child, name, childPath, depth + 1);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  };
  for (const [key, value] of Object.entries(metadata)) {
    const trimmed = value.trimStart();
    const json =
      trimmed.startsWith('[') || trimmed.startsWith('{')
        ? parseJson(value)
        : undefined;
    const found = walk(
      json?.ok === true ? json.parsed : value,
      key,
      `metadata.${key}`,
      0
    );
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
};

/**
 * The partition of a Region, for ARNs: `aws-cn` for China, `aws-us-gov`
 * for GovCloud, and so on.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 * @example
 * ```ts
 * partitionOf('cn-north-1'); // 'aws-cn'
 * ```
 */
export const partitionOf = (region: string): string => {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
};
