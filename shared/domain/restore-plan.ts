import type { RecoveryPoint } from './recovery-point.js';
import type { ResourceType } from './resource-type.js';
import type { ProfileDecision } from './restore-profile.js';
import type { StartRestoreJobInput } from './start-restore-job-input.js';

/** What restore-relay would send, and why: the result of a dry run. */
export interface RestorePlan {
  /** The request key: the caller's `requestId`, or the canonical hash. */
  readonly requestId: string;
  readonly resourceType: ResourceType;
  readonly recoveryPoint: RecoveryPoint;
  readonly input: StartRestoreJobInput;
  readonly warnings: readonly string[];
  /** Per metadata key: where its value came from, which rule allowed it. */
  readonly decisions: readonly ProfileDecision[];
}
