/**
 * The Backup emulator's vaults and recovery points, and the reads over them:
 * DescribeRecoveryPoint, GetRecoveryPointRestoreMetadata and
 * ListRecoveryPointsByResource.
 *
 * Fidelity choices: ListRecoveryPointsByResource returns the newest points
 * first (UNVERIFIED) and an empty list for an unknown resource (UNVERIFIED;
 * AWS might answer ResourceNotFoundException). `MaxResults` below 20 for an
 * RDS or Aurora resource is rejected, as the model documentation says RDS
 * requires at least 20 (error name UNVERIFIED).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defined, toSeconds } from './backup-json.js';
import { type BackupSeed, backupSeedSchema } from './backup-seed.js';
import {
  invalid,
  maxResultsOf,
  missing,
  notFound,
  VAULT_NAME,
} from './backup-validation.js';
import { pageOf } from './page-token.js';

const DEFAULT_IAM_ROLE_ARN =
  'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole';

/** A recovery point as the emulator holds it (dates in epoch ms). */
export interface RecoveryPoint {
  arn: string;
  vaultName: string;
  resourceArn: string;
  resourceType: string;
  resourceName: string | undefined;
  status: string;
  statusMessage: string | undefined;
  creationDate: number;
  completionDate: number;
  backupSizeInBytes: number;
  iamRoleArn: string;
  storageClass: string;
  isEncrypted: boolean;
  encryptionKeyArn: string | undefined;
  restoreMetadata: Record<string, string | null>;
}

interface Vault {
  name: string;
  arn: string;
  encryptionKeyArn: string;
}

/** A stable, UUID-shaped id derived from a name. */
const uuidFrom = (name: string): string => {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * Vaults and recovery points of one account and Region, filled from seeds.
 *
 * @example
 * ```ts
 * const points = new RecoveryPointStore({ accountId, region });
 * points.seed(loadBackupSeed(DEFAULT_SEED_FILE));
 * points.describe({ BackupVaultName: 'prod-primary', RecoveryPointArn: arn });
 * ```
 */
export class RecoveryPointStore {
  readonly #accountId: string;
  readonly #region: string;
  #vaults = new Map<string, Vault>();
  #points = new Map<string, RecoveryPoint>();
  #metadataSets = new Map<string, Record<string, string | null>>();

  constructor(where: { accountId: string; region: string }) {
    this.#accountId = where.accountId;
    this.#region = where.region;
  }

  /**
   * Adds vaults and points (replacing points with the same ARN).
   *
   * @throws Error for an invalid seed, or a point naming an unknown vault
   * or metadata set
   */
  seed(data: BackupSeed): void {
    const parsed = backupSeedSchema.safeParse(data);
    if (!parsed.success) {
      throw new Error(`invalid Backup seed:\n${z.prettifyError(parsed.error)}`);
    }
    const seed = parsed.data;
    for (const vault of seed.vaults ?? []) {
      this.#vaults.set(vault.name, {
        name: vault.name,
        arn: this.vaultArn(vault.name),
        encryptionKeyArn:
          vault.encryptionKeyArn ??
          `arn:aws:kms:${this.#region}:${this.#accountId}:key/${uuidFrom(vault.name)}`,
      });
    }
    for (const [name, map] of Object.entries(seed.metadataSets ?? {})) {
      this.#metadataSets.set(name, map);
    }
    for (const point of seed.recoveryPoints ?? []) {
      const vault = this.#vaults.get(point.vault);
      if (vault === undefined) {
        throw new Error(
          `recovery point ${point.arn} names unknown vault ${point.vault}; list it under "vaults"`
        );
      }
      const metadata =
        typeof point.restoreMetadata === 'string'
          ? this.#metadataSets.get(point.restoreMetadata)
          : point.restoreMetadata;
      if (metadata === undefined) {
        throw new Error(
          `recovery point ${point.arn} names unknown metadata set ${String(point.restoreMetadata)}`
        );
      }
      const creationDate = Date.parse(point.creationDate);
      const isEncrypted = point.isEncrypted ?? true;
      this.#points.set(point.arn, {
        arn: point.arn,
        vaultName: point.vault,
        resourceArn: point.resourceArn,
        resourceType: point.resourceType,
        resourceName: point.resourceName,
        status: point.status,
        statusMessage: point.statusMessage,
        creationDate,
        completionDate:
          point.completionDate === undefined
            ? creationDate + 600_000
            : Date.parse(point.completionDate),
        backupSizeInBytes: point.backupSizeInBytes ?? 1_073_741_824,
        iamRoleArn: point.iamRoleArn ?? DEFAULT_IAM_ROLE_ARN,
        storageClass: point.storageClass ?? 'WARM',
        isEncrypted,
        encryptionKeyArn: isEncrypted
          ? (point.encryptionKeyArn ?? vault.encryptionKeyArn)
          : undefined,
        restoreMetadata: { ...metadata },
      });
    }
  }

  /** Forgets every vault, point and metadata set. */
  clear(): void {
    this.#vaults.clear();
    this.#points.clear();
    this.#metadataSets.clear();
  }

  /** A point by ARN, whatever its vault. */
  get(arn: string): RecoveryPoint | undefined {
    return this.#points.get(arn);
  }

  /** The ARN of a vault (of this account and Region, known or not). */
  vaultArn(name: string): string {
    return `arn:aws:backup:${this.#region}:${this.#accountId}:backup-vault:${name}`;
  }

  /**
   * The point named by `BackupVaultName` and `RecoveryPointArn`.
   *
   * @throws ServiceError for an invalid vault name, a missing ARN, or a
   * vault or point that does not exist
   */
  pointInVault(input: Record<string, unknown>): RecoveryPoint {
    const vaultName = String(input.BackupVaultName ?? '');
    const arn = String(input.RecoveryPointArn ?? '');
    if (!VAULT_NAME.test(vaultName)) {
      throw invalid(`Invalid backup vault name ${vaultName}.`);
    }
    if (arn === '') {
      throw missing('RecoveryPointArn');
    }
    if (!this.#vaults.has(vaultName)) {
      throw notFound(`Backup vault ${vaultName} was not found.`);
    }
    const point = this.#points.get(arn);
    if (point === undefined || point.vaultName !== vaultName) {
      throw notFound(
        `Recovery point ${arn} was not found in backup vault ${vaultName}.`
      );
    }
    return point;
  }

  /** The DescribeRecoveryPoint output. */
  describe(input: Record<string, unknown>): unknown {
    const point = this.pointInVault(input);
    return defined({
      RecoveryPointArn: point.arn,
      BackupVaultName: point.vaultName,
      BackupVaultArn: this.vaultArn(point.vaultName),
      ResourceArn: point.resourceArn,
      ResourceType: point.resourceType,
      ResourceName: point.resourceName,
      IamRoleArn: point.iamRoleArn,
      Status: point.status,
      StatusMessage: point.statusMessage,
      CreationDate: toSeconds(point.creationDate),
      InitiationDate: toSeconds(point.creationDate),
      CompletionDate: toSeconds(point.completionDate),
      BackupSizeInBytes: point.backupSizeInBytes,
      EncryptionKeyArn: point.encryptionKeyArn,
      IsEncrypted: point.isEncrypted,
      StorageClass: point.storageClass,
      IsParent: false,
      VaultType: 'BACKUP_VAULT',
    });
  }

  /** The GetRecoveryPointRestoreMetadata output. */
  restoreMetadata(input: Record<string, unknown>): unknown {
    const point = this.pointInVault(input);
    return {
      BackupVaultArn: this.vaultArn(point.vaultName),
      RecoveryPointArn: point.arn,
      RestoreMetadata: point.restoreMetadata,
      ResourceType: point.resourceType,
    };
  }

  /** The ListRecoveryPointsByResource output (one page). */
  listByResource(input: Record<string, unknown>): unknown {
    const resourceArn = String(input.ResourceArn ?? '');
    if (resourceArn === '') {
      throw missing('ResourceArn');
    }
    const maxResults = maxResultsOf(input);
    const matching = [...this.#points.values()]
      .filter((p) => p.resourceArn === resourceArn)
      .sort((a, b) => b.creationDate - a.creationDate);
    const isRds =
      resourceArn.startsWith('arn:aws:rds:') ||
      matching.some((p) => p.resourceType === 'RDS');
    if (isRds && maxResults < 20) {
      // Model doc: "Amazon RDS requires a value of at least 20".
      throw invalid('MaxResults must be at least 20 for Amazon RDS.');
    }
    const { page, nextToken } = pageOf(
      matching,
      maxResults,
      input.NextToken,
      resourceArn
    );
    return defined({
      RecoveryPoints: page.map((p) =>
        defined({
          RecoveryPointArn: p.arn,
          CreationDate: toSeconds(p.creationDate),
          Status: p.status,
          StatusMessage: p.statusMessage,
          EncryptionKeyArn: p.encryptionKeyArn,
          BackupSizeBytes: p.backupSizeInBytes,
          BackupVaultName: p.vaultName,
          IsParent: false,
          ResourceName: p.resourceName,
          VaultType: 'BACKUP_VAULT',
        })
      ),
      NextToken: nextToken,
    });
  }
}
