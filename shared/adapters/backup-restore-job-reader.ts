import {
  type BackupClient,
  DescribeRestoreJobCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-backup';
import {
  isoDate,
  type JobObservation,
  vaultNameOf,
} from '../domain/job-observation.js';
import { RestoreJobNotFoundError } from '../errors/errors.js';
import type { RestoreJobReader } from '../ports/restore-job-reader.js';
import { toAppError } from './to-app-error.js';

/**
 * {@link RestoreJobReader} over AWS Backup `DescribeRestoreJob` (15 calls/s
 * per account, docs/reliability.md#quotas), the source of truth when the
 * best-effort events do not come (docs/events.md#backup-delivery).
 */
export class BackupRestoreJobReader implements RestoreJobReader {
  readonly #client: BackupClient;

  constructor(deps: { readonly client: BackupClient }) {
    this.#client = deps.client;
  }

  async describe(restoreJobId: string): Promise<JobObservation> {
    try {
      const job = await this.#client.send(
        new DescribeRestoreJobCommand({ RestoreJobId: restoreJobId })
      );
      const fields = {
        creationDate: isoDate(job.CreationDate),
        completionDate: isoDate(job.CompletionDate),
        createdResourceArn: job.CreatedResourceArn,
        statusMessage: job.StatusMessage,
        backupSizeInBytes: job.BackupSizeInBytes,
        percentDone: job.PercentDone,
        resourceType: job.ResourceType,
        recoveryPointArn: job.RecoveryPointArn,
        backupVaultName: vaultNameOf(job.BackupVaultArn),
      };
      return {
        restoreJobId,
        status: job.Status ?? 'UNKNOWN',
        detectedBy: 'reconciler',
        ...Object.fromEntries(
          Object.entries(fields).filter(([, value]) => value !== undefined)
        ),
      };
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        throw new RestoreJobNotFoundError(
          `AWS Backup has no restore job ${restoreJobId}`,
          { cause: error }
        );
      }
      throw toAppError(error, 'DescribeRestoreJob', 'backup');
    }
  }
}
