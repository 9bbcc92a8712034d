import {
  type BackupClient,
  ResourceNotFoundException,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import type { StartRestoreJobInput } from '../domain/start-restore-job-input.js';
import { DependencyError } from '../errors/dependency-error.js';
import { RecoveryPointNotFoundError } from '../errors/recovery-point-not-found-error.js';
import type { RestoreJobStarter } from '../ports/restore-job-starter.js';
import { toAppError } from './to-app-error.js';

/**
 * {@link RestoreJobStarter} over AWS Backup `StartRestoreJob`. The input is
 * sent as given: the caller's deterministic `IdempotencyToken` replaces the
 * random one the SDK would fill in (reliability-and-limits.md §4.2).
 */
export class BackupRestoreJobStarter implements RestoreJobStarter {
  readonly #client: BackupClient;

  constructor(deps: { readonly client: BackupClient }) {
    this.#client = deps.client;
  }

  async start(
    input: StartRestoreJobInput
  ): Promise<{ readonly restoreJobId: string }> {
    let restoreJobId: string | undefined;
    try {
      const out = await this.#client.send(
        new StartRestoreJobCommand({
          ...input,
          Metadata: { ...input.Metadata },
        })
      );
      restoreJobId = out.RestoreJobId;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        throw new RecoveryPointNotFoundError(
          `StartRestoreJob: recovery point ${input.RecoveryPointArn} was not found`,
          { cause: error }
        );
      }
      throw toAppError(error, 'StartRestoreJob', 'backup');
    }
    if (restoreJobId === undefined) {
      // The model marks RestoreJobId optional; without it nothing can be
      // tracked, and the same token makes the retry safe.
      throw new DependencyError('StartRestoreJob returned no RestoreJobId');
    }
    return { restoreJobId };
  }
}
