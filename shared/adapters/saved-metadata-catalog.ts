import { compact } from '../domain/compact.js';
import type { RecoveryPoint } from '../domain/recovery-point.js';
import {
  RecoveryPointNotFoundError,
  RestoreRequestInvalidError,
} from '../errors/errors.js';
import type {
  RecoveryPointCatalog,
  SavedRestoreMetadata,
} from '../ports/recovery-point-catalog.js';
import { knownMetadataValues } from './known-metadata-values.js';
import {
  type RecoveryPointDescription,
  recoveryPointOf,
} from './recovery-point-description.js';

/**
 * What `aws backup get-recovery-point-restore-metadata` prints
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetRecoveryPointRestoreMetadata.html).
 */
export interface SavedRestoreMetadataFile {
  readonly BackupVaultArn?: string | undefined;
  readonly RecoveryPointArn?: string | undefined;
  /** A JSON null is a value AWS does not know: the key counts as absent. */
  readonly RestoreMetadata: Readonly<Record<string, string | null>>;
  readonly ResourceType?: string | undefined;
}

/**
 * What `aws backup describe-recovery-point` prints for the same point: the
 * members the plan reads, its identity required.
 */
export type SavedRecoveryPointFile = RecoveryPointDescription & {
  readonly RecoveryPointArn: string;
  readonly BackupVaultName: string;
};

/** What the offline catalog knows of its one recovery point. */
export interface SavedRecoveryPoint {
  /** The `get-recovery-point-restore-metadata` output (`--saved-metadata`). */
  readonly saved: SavedRestoreMetadataFile;
  /** Its `describe-recovery-point` output (`--recovery-point`). */
  readonly recoveryPoint?: SavedRecoveryPointFile | undefined;
  /**
   * The backed-up resource's ARN, when only that is known
   * (`--resource-arn`); ignored when `recoveryPoint` is given.
   */
  readonly resourceArn?: string | undefined;
}

/** The vault name in a backup vault ARN (`…:backup-vault:<name>`). */
const vaultNameIn = (arn: string | undefined): string | undefined =>
  arn === undefined ? undefined : /:backup-vault:(.+)$/.exec(arn)?.[1];

/**
 * An offline {@link RecoveryPointCatalog} that knows one recovery point,
 * from saved AWS CLI output: the plan command's `--saved-metadata`, and
 * optionally `--recovery-point` or `--resource-arn`.
 *
 * With the `describe-recovery-point` output it reports the point as
 * `DescribeRecoveryPoint` does (resource ARN, name and type, status,
 * vault), through the same mapping as the AWS catalog, and lists it for
 * its resource as `ListRecoveryPointsByResource` would. Without it, the
 * point counts as COMPLETED, since AWS returned its metadata, and its
 * resource is the `resourceArn` given, if any.
 */
export class SavedMetadataCatalog implements RecoveryPointCatalog {
  readonly #known: SavedRecoveryPoint;

  constructor(known: SavedRecoveryPoint) {
    this.#known = known;
  }

  async describe(
    backupVaultName: string,
    recoveryPointArn: string
  ): Promise<RecoveryPoint> {
    this.#expectPoint(recoveryPointArn);
    const { saved, recoveryPoint: point } = this.#known;
    const vault = point?.BackupVaultName ?? vaultNameIn(saved.BackupVaultArn);
    if (vault !== undefined && vault !== backupVaultName) {
      // DescribeRecoveryPoint answers ResourceNotFoundException for a point
      // asked for in another vault.
      throw new RecoveryPointNotFoundError(
        `recovery point ${recoveryPointArn} was not found in vault "${backupVaultName}": the saved recovery point is in "${vault}"`
      );
    }
    if (point !== undefined) {
      return recoveryPointOf(point, { backupVaultName, recoveryPointArn });
    }
    return compact({
      recoveryPointArn,
      backupVaultName,
      backupVaultArn: saved.BackupVaultArn,
      resourceType: saved.ResourceType,
      resourceArn: this.#known.resourceArn,
      status: 'COMPLETED',
    });
  }

  async listByResource(resourceArn: string): Promise<readonly RecoveryPoint[]> {
    const point = this.#known.recoveryPoint;
    if (point === undefined) {
      throw new RestoreRequestInvalidError([
        {
          path: 'resourceArn',
          message:
            'an offline plan (--saved-metadata) needs recoveryPointArn + backupVaultName, or --recovery-point FILE for the point the selection picks',
        },
      ]);
    }
    if (point.ResourceArn !== resourceArn) {
      throw new RecoveryPointNotFoundError(
        `the saved recovery point is of ${point.ResourceArn ?? 'an unnamed resource'}, not ${resourceArn}`
      );
    }
    // The members a ListRecoveryPointsByResource item carries: no vault
    // ARN and no resource type, as the AWS catalog reports a listed point.
    return [
      compact({
        recoveryPointArn: point.RecoveryPointArn,
        backupVaultName: point.BackupVaultName,
        resourceArn,
        resourceName: point.ResourceName,
        status: point.Status ?? 'UNKNOWN',
        statusMessage: point.StatusMessage,
        creationDate: point.CreationDate,
      }),
    ];
  }

  async getRestoreMetadata(
    _backupVaultName: string,
    recoveryPointArn: string
  ): Promise<SavedRestoreMetadata> {
    this.#expectPoint(recoveryPointArn);
    const { saved } = this.#known;
    return compact({
      metadata: knownMetadataValues(saved.RestoreMetadata),
      resourceType: saved.ResourceType,
    });
  }

  #expectPoint(recoveryPointArn: string): void {
    const known =
      this.#known.recoveryPoint?.RecoveryPointArn ??
      this.#known.saved.RecoveryPointArn;
    if (known !== undefined && known !== recoveryPointArn) {
      throw new RecoveryPointNotFoundError(
        `the saved metadata is for ${known}, not ${recoveryPointArn}`
      );
    }
  }
}
