/**
 * The recovery points and vaults the Backup emulator starts with: the seed
 * format, and reading a seed file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ACCOUNT_ID, VAULT_NAME } from './backup-validation.js';

/** `RecoveryPointStatus` in the service model. */
export const RECOVERY_POINT_STATUSES = [
  'COMPLETED',
  'PARTIAL',
  'DELETING',
  'EXPIRED',
  'AVAILABLE',
  'STOPPED',
  'CREATING',
] as const;

/** Path of the default seed file. */
export const DEFAULT_SEED_FILE = fileURLToPath(
  new URL('../../../fixtures/seed/recovery-points.json', import.meta.url)
);

const isoDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO date');

const metadataMap = z.record(z.string(), z.string().nullable());

const recoveryPointSeedSchema = z.strictObject({
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  arn: z.string().min(1),
  vault: z.string().regex(VAULT_NAME),
  resourceArn: z.string().min(1),
  resourceType: z.string().min(1),
  resourceName: z.string().optional(),
  status: z.enum(RECOVERY_POINT_STATUSES),
  statusMessage: z.string().optional(),
  creationDate: isoDate,
  completionDate: isoDate.optional(),
  backupSizeInBytes: z.number().int().nonnegative().optional(),
  iamRoleArn: z.string().optional(),
  storageClass: z.enum(['WARM', 'COLD', 'DELETED']).optional(),
  isEncrypted: z.boolean().optional(),
  encryptionKeyArn: z.string().optional(),
  restoreMetadata: z.union([z.string(), metadataMap]),
});

/**
 * The seed format (JSON file, `emulator.seed()`).
 *
 * ```jsonc
 * {
 *   "accountId": "111122223333",        // optional; default for the emulator
 *   "region": "eu-west-1",              // optional; default for the emulator
 *   "vaults": [{ "name": "prod-primary", "encryptionKeyArn": "arn:aws:kms:…" }],
 *   "metadataSets": { "shared-data": { "file-system-id": "fs-…" } },
 *   "recoveryPoints": [{
 *     "arn": "arn:aws:backup:eu-west-1:111122223333:recovery-point:<uuid>",
 *     "vault": "prod-primary",           // must be listed in vaults (here or earlier)
 *     "resourceArn": "arn:aws:elasticfilesystem:…:file-system/fs-…",
 *     "resourceType": "EFS",             // AWS spelling (docs/resource-types.md#resource-type-member)
 *     "resourceName": "shared-data",     // optional
 *     "status": "COMPLETED",             // RecoveryPointStatus
 *     "statusMessage": "…",              // optional
 *     "creationDate": "2026-11-01T03:00:00Z",
 *     "completionDate": "…",             // optional; default creationDate + 10 min
 *     "backupSizeInBytes": 5368709120,   // optional; default 1 GiB
 *     "iamRoleArn": "…",                 // optional; default AWSBackupDefaultServiceRole
 *     "storageClass": "WARM",            // optional: WARM | COLD | DELETED
 *     "isEncrypted": true,               // optional; default true
 *     "encryptionKeyArn": "…",           // optional; default the vault's key
 *     "restoreMetadata": { "file-system-id": "fs-…" } // or a metadataSets name
 *   }]
 * }
 * ```
 * Metadata values are strings, or `null` where AWS's own example shows null
 * (EBS `availabilityZone`); the SDK passes a JSON null through unchanged.
 * `$comment` is allowed at the top level and on points. Seeding a point whose
 * ARN already exists replaces it.
 */
export const backupSeedSchema = z.strictObject({
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  accountId: z.string().regex(ACCOUNT_ID).optional(),
  region: z.string().min(1).optional(),
  vaults: z
    .array(
      z.strictObject({
        name: z.string().regex(VAULT_NAME),
        encryptionKeyArn: z.string().optional(),
      })
    )
    .optional(),
  metadataSets: z.record(z.string(), metadataMap).optional(),
  recoveryPoints: z.array(recoveryPointSeedSchema).optional(),
});

/** Seed data; see {@link backupSeedSchema} for the format. */
export type BackupSeed = z.input<typeof backupSeedSchema>;

/**
 * Reads and validates a seed file.
 *
 * @throws Error naming the file and the invalid fields
 * @example
 * ```ts
 * const seed = loadBackupSeed(DEFAULT_SEED_FILE);
 * ```
 */
export const loadBackupSeed = (file: string): BackupSeed => {
  const parsed = backupSeedSchema.safeParse(
    JSON.parse(readFileSync(file, 'utf8'))
  );
  if (!parsed.success) {
    throw new Error(
      `invalid Backup seed ${file}:\n${z.prettifyError(parsed.error)}`
    );
  }
  return parsed.data;
};
