import type { RecoveryPoint } from '../domain/recovery-point.js';
import { RecoveryPointNotFoundError } from '../errors/recovery-point-not-found-error.js';
import { RequestValidationError } from '../errors/request-validation-error.js';
import type {
  RecoveryPointCatalog,
  SavedRestoreMetadata,
} from '../ports/recovery-point-catalog.js';

/**
 * What `aws backup get-recovery-point-restore-metadata` prints
 * (restore-metadata.md §2.2).
 */
export interface SavedRestoreMetadataFile {
  readonly BackupVaultArn?: string | undefined;
  readonly RecoveryPointArn?: string | undefined;
  readonly RestoreMetadata: Readonly<Record<string, string>>;
  readonly ResourceType?: string | undefined;
}

/**
 * An offline {@link RecoveryPointCatalog} that knows one recovery point,
 * from a saved `get-recovery-point-restore-metadata` output: the plan
 * command's `--saved-metadata`. The point counts as COMPLETED, since AWS
 * returned its metadata.
 */
export class SavedMetadataCatalog implements RecoveryPointCatalog {
  readonly #saved: SavedRestoreMetadataFile;

  constructor(saved: SavedRestoreMetadataFile) {
    this.#saved = saved;
  }

  async describe(
    backupVaultName: string,
    recoveryPointArn: string
  ): Promise<RecoveryPoint> {
    const { RecoveryPointArn, ResourceType } = this.#saved;
    if (
      RecoveryPointArn !== undefined &&
      RecoveryPointArn !== recoveryPointArn
    ) {
      throw new RecoveryPointNotFoundError(
        `the saved metadata is for ${RecoveryPointArn}, not ${recoveryPointArn}`
      );
    }
    return {
      recoveryPointArn,
      backupVaultName,
      status: 'COMPLETED',
      ...(ResourceType === undefined ? {} : { resourceType: ResourceType }),
    };
  }

  async listByResource(): Promise<readonly RecoveryPoint[]> {
    throw new RequestValidationError([
      {
        path: 'resourceArn',
        message:
          'an offline plan (--saved-metadata) needs recoveryPointArn + backupVaultName',
      },
    ]);
  }

  async getRestoreMetadata(): Promise<SavedRestoreMetadata> {
    return {
      metadata: this.#saved.RestoreMetadata,
      ...(this.#saved.ResourceType === undefined
        ? {}
        : { resourceType: this.#saved.ResourceType }),
    };
  }
}
