import {
  type BackupClient,
  DescribeRecoveryPointCommand,
  GetRecoveryPointRestoreMetadataCommand,
  paginateListRecoveryPointsByResource,
  ResourceNotFoundException,
} from '@aws-sdk/client-backup';
import { compact } from '../domain/compact.js';
import type { RecoveryPoint } from '../domain/recovery-point.js';
import { RecoveryPointNotFoundError } from '../errors/errors.js';
import type {
  RecoveryPointCatalog,
  SavedRestoreMetadata,
} from '../ports/recovery-point-catalog.js';
import { knownMetadataValues } from './known-metadata-values.js';
import { recoveryPointOf } from './recovery-point-description.js';
import { toAppError } from './to-app-error.js';

// RDS requires MaxResults of at least 20 (docs/resource-types.md#list-recovery-points).
const PAGE_SIZE = 100;

/**
 * {@link RecoveryPointCatalog} over AWS Backup: `DescribeRecoveryPoint`,
 * `ListRecoveryPointsByResource` (all pages) and
 * `GetRecoveryPointRestoreMetadata`.
 */
export class BackupRecoveryPointCatalog implements RecoveryPointCatalog {
  readonly #client: BackupClient;

  constructor(deps: { readonly client: BackupClient }) {
    this.#client = deps.client;
  }

  async describe(
    backupVaultName: string,
    recoveryPointArn: string
  ): Promise<RecoveryPoint> {
    try {
      const out = await this.#client.send(
        new DescribeRecoveryPointCommand({
          BackupVaultName: backupVaultName,
          RecoveryPointArn: recoveryPointArn,
        })
      );
      return recoveryPointOf(out, { backupVaultName, recoveryPointArn });
    } catch (error) {
      throw this.#notFoundOr(
        error,
        'DescribeRecoveryPoint',
        backupVaultName,
        recoveryPointArn
      );
    }
  }

  async listByResource(resourceArn: string): Promise<readonly RecoveryPoint[]> {
    const points: RecoveryPoint[] = [];
    try {
      for await (const page of paginateListRecoveryPointsByResource(
        { client: this.#client, pageSize: PAGE_SIZE },
        { ResourceArn: resourceArn, MaxResults: PAGE_SIZE }
      )) {
        for (const p of page.RecoveryPoints ?? []) {
          if (
            p.RecoveryPointArn === undefined ||
            p.BackupVaultName === undefined
          ) {
            continue;
          }
          points.push(
            compact({
              recoveryPointArn: p.RecoveryPointArn,
              backupVaultName: p.BackupVaultName,
              resourceArn,
              resourceName: p.ResourceName,
              status: p.Status ?? 'UNKNOWN',
              statusMessage: p.StatusMessage,
              creationDate: p.CreationDate,
            })
          );
        }
      }
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        return [];
      }
      throw toAppError(error, 'ListRecoveryPointsByResource', 'backup');
    }
    return points;
  }

  async getRestoreMetadata(
    backupVaultName: string,
    recoveryPointArn: string
  ): Promise<SavedRestoreMetadata> {
    try {
      const out = await this.#client.send(
        new GetRecoveryPointRestoreMetadataCommand({
          BackupVaultName: backupVaultName,
          RecoveryPointArn: recoveryPointArn,
        })
      );
      return compact({
        // JSON nulls (EBS availabilityZone) mean absent.
        metadata: knownMetadataValues(out.RestoreMetadata ?? {}),
        resourceType: out.ResourceType,
      });
    } catch (error) {
      throw this.#notFoundOr(
        error,
        'GetRecoveryPointRestoreMetadata',
        backupVaultName,
        recoveryPointArn
      );
    }
  }

  #notFoundOr(
    error: unknown,
    operation: string,
    vault: string,
    arn: string
  ): Error {
    if (error instanceof ResourceNotFoundException) {
      return new RecoveryPointNotFoundError(
        `recovery point ${arn} was not found in vault "${vault}"`,
        { cause: error }
      );
    }
    return toAppError(error, operation, 'backup');
  }
}
