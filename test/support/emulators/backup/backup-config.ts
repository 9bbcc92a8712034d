/**
 * The Backup emulator's run-time knobs, their defaults, and the schema of
 * `POST /_emulator/config`.
 */
import { z } from 'zod';
import { type LatencyConfig, latencySchema } from '../latency.js';
import {
  BACKUP_OPERATIONS,
  type BackupOperation,
} from './backup-operations.js';
import {
  failureRuleSchema,
  type RestoreFailureRule,
} from './restore-failures.js';
import type { BackupEventDropSwitch } from './restore-job-events.js';
import type { ThrottleSetting } from './token-bucket.js';

/** Run-time knobs; every field can be changed with `configure()`. */
export interface BackupEmulatorConfig {
  /** Artificial latency per call, in wall-clock ms. Default 0. */
  latencyMs: LatencyConfig<BackupOperation>;
  /**
   * Token buckets per operation; `null`/absent = unthrottled. An empty
   * bucket answers 400 `ThrottlingException`.
   */
  throttle: Partial<Record<BackupOperation, ThrottleSetting | null>>;
  /** Clock ms from creation to RUNNING. Default 200. */
  runningAfterMs: number;
  /** Clock ms from creation to COMPLETED/FAILED. Default 1000. */
  completeAfterMs: number;
  /** Clock ms a token is remembered; `null` = forever. Default one hour. */
  tokenWindowMs: number | null;
  /**
   * A replayed token is answered without `RestoreJobId` (200 and `{}`)
   * instead of with the original job's id. Default false.
   */
  replayWithoutRestoreJobId: boolean;
  /**
   * Refuse a `ResourceType` that breaks the model's pattern (documented
   * values with spaces included). Default false.
   */
  enforceResourceTypePattern: boolean;
  /** Rules that make jobs end FAILED. */
  failureRules: RestoreFailureRule[];
  /** Events lost at the source (AWS Backup events are best effort). */
  dropEvents: BackupEventDropSwitch;
}

/** A partial {@link BackupEmulatorConfig}, as `configure()` takes it. */
export type BackupEmulatorConfigPatch = {
  [K in keyof BackupEmulatorConfig]?: BackupEmulatorConfig[K] | undefined;
};

const throttleSettingSchema = z.strictObject({
  ratePerSecond: z.number().positive(),
  burst: z.number().int().positive(),
});

const dropFilterSchema = z.strictObject({ restoreJobIds: z.array(z.string()) });

/** The schema of a patch posted to `POST /_emulator/config`. */
export const configPatchSchema = z.strictObject({
  latencyMs: latencySchema(BACKUP_OPERATIONS).optional(),
  throttle: z
    .partialRecord(z.enum(BACKUP_OPERATIONS), throttleSettingSchema.nullable())
    .optional(),
  runningAfterMs: z.number().nonnegative().optional(),
  completeAfterMs: z.number().nonnegative().optional(),
  tokenWindowMs: z.number().nonnegative().nullable().optional(),
  replayWithoutRestoreJobId: z.boolean().optional(),
  enforceResourceTypePattern: z.boolean().optional(),
  failureRules: z.array(failureRuleSchema).optional(),
  dropEvents: z.union([z.boolean(), dropFilterSchema]).optional(),
});

/** The knobs of a new emulator. */
export const DEFAULT_CONFIG: BackupEmulatorConfig = {
  latencyMs: 0,
  // The default StartRestoreJob quota (docs/reliability.md#backup-api-rates).
  throttle: { StartRestoreJob: { ratePerSecond: 5, burst: 5 } },
  runningAfterMs: 200,
  completeAfterMs: 1_000,
  tokenWindowMs: 3_600_000,
  replayWithoutRestoreJobId: false,
  enforceResourceTypePattern: false,
  failureRules: [],
  dropEvents: false,
};

/**
 * Applies a patch: `undefined` members keep their value, and `throttle`
 * merges per operation.
 *
 * @example
 * ```ts
 * mergeConfig(DEFAULT_CONFIG, { completeAfterMs: 5_000 });
 * ```
 */
export const mergeConfig = (
  base: BackupEmulatorConfig,
  patch: BackupEmulatorConfigPatch
): BackupEmulatorConfig => {
  const merged: BackupEmulatorConfig = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      continue;
    }
    if (key === 'throttle') {
      merged.throttle = { ...base.throttle, ...(value as object) };
    } else {
      Object.assign(merged, { [key]: value });
    }
  }
  return merged;
};
