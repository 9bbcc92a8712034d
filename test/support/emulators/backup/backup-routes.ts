/**
 * How the Backup emulator reads a REST-JSON request: the operation from the
 * method and path, and the input under the model's member names from the
 * path, query and body.
 *
 * What `@aws-sdk/client-backup@3.1092.0` sends (checked by sending each
 * command to a throwaway server):
 * - `PUT /restore-jobs` with a JSON body: StartRestoreJob. The SDK fills in
 *   a random `IdempotencyToken` when the caller omits it, and validates
 *   nothing client-side, so a request without `Metadata` reaches the server.
 * - `GET /backup-vaults/{name}/recovery-points/{arn}[/restore-metadata]`:
 *   DescribeRecoveryPoint and GetRecoveryPointRestoreMetadata. The ARN is one
 *   URL-encoded path segment (`/` travels as `%2F`); unencoded slashes are
 *   accepted too, for curl users.
 * - `GET /resources/{arn}/recovery-points?maxResults=&nextToken=`:
 *   ListRecoveryPointsByResource (the SDK drops the model's trailing `/`).
 * - `GET /restore-jobs/{id}`: DescribeRestoreJob.
 * - `GET /restore-jobs?createdAfter=&resourceType=&maxResults=&nextToken=`:
 *   ListRestoreJobs. Dates in the query are ISO 8601.
 */
import { ServiceError } from '../service-error.js';
import { defined } from './backup-json.js';

/** A matched request: the operation and its path members. */
export type BackupRoute =
  | { operation: 'StartRestoreJob' }
  | {
      operation: 'DescribeRecoveryPoint' | 'GetRecoveryPointRestoreMetadata';
      vaultName: string;
      recoveryPointArn: string;
    }
  | { operation: 'ListRecoveryPointsByResource'; resourceArn: string }
  | { operation: 'DescribeRestoreJob'; restoreJobId: string }
  | { operation: 'ListRestoreJobs' };

/** ListRestoreJobs query names and the members they carry. */
const LIST_RESTORE_JOBS_QUERY: Readonly<Record<string, string>> = {
  nextToken: 'NextToken',
  maxResults: 'MaxResults',
  createdAfter: 'ByCreatedAfter',
  resourceType: 'ByResourceType',
};

const decodeSegments = (segments: string[]): string =>
  segments.map((s) => decodeURIComponent(s)).join('/');

/**
 * Maps method and raw path to an operation.
 *
 * @returns the route, or `undefined` for a request no operation matches
 * @throws URIError for malformed percent-encoding
 * @example
 * ```ts
 * backupRoute('PUT', '/restore-jobs'); // { operation: 'StartRestoreJob' }
 * ```
 */
export const backupRoute = (
  method: string,
  pathname: string
): BackupRoute | undefined => {
  const segments = pathname.split('/').slice(1);
  if (segments.at(-1) === '' && segments.length > 1) {
    segments.pop();
  }
  const [head, ...rest] = segments;
  if (head === 'restore-jobs') {
    if (method === 'PUT' && rest.length === 0) {
      return { operation: 'StartRestoreJob' };
    }
    if (method === 'GET' && rest.length === 0) {
      return { operation: 'ListRestoreJobs' };
    }
    if (method === 'GET' && rest.length === 1 && rest[0] !== '') {
      return {
        operation: 'DescribeRestoreJob',
        restoreJobId: decodeSegments(rest),
      };
    }
    return undefined;
  }
  if (method !== 'GET') {
    return undefined;
  }
  if (
    head === 'backup-vaults' &&
    rest.length >= 3 &&
    rest[1] === 'recovery-points'
  ) {
    const vaultName = decodeSegments(rest.slice(0, 1));
    const arnSegments = rest.slice(2);
    if (arnSegments.length > 1 && arnSegments.at(-1) === 'restore-metadata') {
      return {
        operation: 'GetRecoveryPointRestoreMetadata',
        vaultName,
        recoveryPointArn: decodeSegments(arnSegments.slice(0, -1)),
      };
    }
    return {
      operation: 'DescribeRecoveryPoint',
      vaultName,
      recoveryPointArn: decodeSegments(arnSegments),
    };
  }
  if (head === 'resources' && rest.length >= 2) {
    const last = rest.lastIndexOf('recovery-points');
    if (last === rest.length - 1 && last > 0) {
      return {
        operation: 'ListRecoveryPointsByResource',
        resourceArn: decodeSegments(rest.slice(0, last)),
      };
    }
  }
  return undefined;
};

const jsonBody = (body: Buffer): Record<string, unknown> => {
  const text = body.toString('utf8');
  let parsed: unknown = {};
  if (text.trim() !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ServiceError(
        'SerializationException',
        400,
        'Request body is not valid JSON.'
      );
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ServiceError(
      'SerializationException',
      400,
      'Request body must be a JSON object.'
    );
  }
  return parsed as Record<string, unknown>;
};

/**
 * The operation's input under the model's member names: the JSON body for
 * StartRestoreJob (Metadata and IdempotencyToken included), path and query
 * members for the reads. A ListRestoreJobs query the emulator does not know
 * is passed on under its query name, for the operation to refuse.
 *
 * @throws ServiceError `SerializationException` for a body that is not a
 * JSON object
 * @example
 * ```ts
 * backupInput({ operation: 'ListRestoreJobs' }, new URL('http://x/restore-jobs?maxResults=5'), Buffer.alloc(0));
 * // { MaxResults: '5' }
 * ```
 */
export const backupInput = (
  matched: BackupRoute,
  url: URL,
  body: Buffer
): Record<string, unknown> => {
  const query = url.searchParams;
  switch (matched.operation) {
    case 'StartRestoreJob':
      return jsonBody(body);
    case 'DescribeRecoveryPoint':
    case 'GetRecoveryPointRestoreMetadata':
      return {
        BackupVaultName: matched.vaultName,
        RecoveryPointArn: matched.recoveryPointArn,
      };
    case 'ListRecoveryPointsByResource':
      return defined({
        ResourceArn: matched.resourceArn,
        MaxResults: query.get('maxResults') ?? undefined,
        NextToken: query.get('nextToken') ?? undefined,
      });
    case 'DescribeRestoreJob':
      return { RestoreJobId: matched.restoreJobId };
    case 'ListRestoreJobs':
      return Object.fromEntries(
        [...query].map(([name, value]) => [
          LIST_RESTORE_JOBS_QUERY[name] ?? name,
          value,
        ])
      );
  }
};
