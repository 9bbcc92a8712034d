import * as z from 'zod';
import {
  SavedMetadataCatalog,
  type SavedRecoveryPointFile,
} from '../adapters/saved-metadata-catalog.js';
import type { Problem } from '../domain/problem.js';
import { RestoreRequestInvalidError } from '../errors/errors.js';
import { toProblems } from '../events/parse-restore-request.js';

/** The plan command's offline inputs, as read from the command line. */
export interface OfflineInputs {
  /** The parsed `--saved-metadata` file. */
  readonly savedMetadata: unknown;
  /** The parsed `--recovery-point` file, if given. */
  readonly recoveryPoint?: unknown;
  /** `--resource-arn`, if given. */
  readonly resourceArn?: string | undefined;
}

// AWS prints a JSON null for a value it does not know (EBS
// availabilityZone): accepted, and read as absent like the real API's.
const SavedMetadataFileSchema = z.looseObject({
  BackupVaultArn: z.string().optional(),
  RecoveryPointArn: z.string().optional(),
  ResourceType: z.string().optional(),
  RestoreMetadata: z.record(z.string(), z.string().nullable()),
});

// AWS CLI v2 prints timestamps as ISO 8601 ("2026-11-25T03:00:00+00:00");
// v1, and v2 with cli_timestamp_format = none, print the wire value, epoch
// seconds
// (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-output-format.html).
const CliTimestamp = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const date = new Date(typeof value === 'number' ? value * 1000 : value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an ISO 8601 timestamp or epoch seconds',
      });
      return z.NEVER;
    }
    return date;
  });

// The members of DescribeRecoveryPoint the plan reads; the rest of the
// output is allowed and ignored
// (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRecoveryPoint.html).
const RecoveryPointFileSchema = z.looseObject({
  RecoveryPointArn: z.string().min(1),
  BackupVaultName: z.string().min(1),
  BackupVaultArn: z.string().optional(),
  ResourceArn: z.string().optional(),
  ResourceType: z.string().optional(),
  ResourceName: z.string().optional(),
  Status: z.string().min(1),
  StatusMessage: z.string().optional(),
  CreationDate: CliTimestamp.optional(),
});

const ResourceArnSchema = z
  .string()
  .regex(/^arn:[a-z-]+:[a-z0-9-]+:/, { error: 'must be a resource ARN' });

const parsed = <T>(schema: z.ZodType<T>, value: unknown, prefix: string): T => {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new RestoreRequestInvalidError(
      toProblems(result.error.issues).map((p) => ({
        path: p.path === '' ? prefix : `${prefix}.${p.path}`,
        message: p.message,
      }))
    );
  }
  return result.data;
};

/** Where the two saved files disagree: they are not of the same point. */
const disagreements = (
  saved: z.output<typeof SavedMetadataFileSchema>,
  point: SavedRecoveryPointFile
): Problem[] =>
  (['RecoveryPointArn', 'BackupVaultArn', 'ResourceType'] as const).flatMap(
    (member) => {
      const said = saved[member];
      const described = point[member];
      return said === undefined || described === undefined || said === described
        ? []
        : [
            {
              path: `recoveryPoint.${member}`,
              message: `is ${described}, but the saved metadata says ${said}: both files must be of the same recovery point`,
            },
          ];
    }
  );

/**
 * The catalog of an offline plan: the saved
 * `get-recovery-point-restore-metadata` output, and the point's
 * `describe-recovery-point` output or its resource ARN, validated and
 * checked against each other.
 *
 * @throws RestoreRequestInvalidError naming the file (`savedMetadata.…`,
 *   `recoveryPoint.…`) or option (`--resource-arn`) that is wrong
 * @example
 * ```ts
 * const catalog = offlineCatalog({
 *   savedMetadata: JSON.parse(await readFile('saved.json', 'utf8')),
 *   recoveryPoint: JSON.parse(await readFile('point.json', 'utf8')),
 * });
 * ```
 */
export const offlineCatalog = (inputs: OfflineInputs): SavedMetadataCatalog => {
  if (inputs.recoveryPoint !== undefined && inputs.resourceArn !== undefined) {
    throw new RestoreRequestInvalidError([
      {
        path: '--resource-arn',
        message:
          'give --recovery-point FILE or --resource-arn ARN, not both: the recovery point names its resource',
      },
    ]);
  }
  const saved = parsed(
    SavedMetadataFileSchema,
    inputs.savedMetadata,
    'savedMetadata'
  );
  if (inputs.recoveryPoint !== undefined) {
    const point = parsed(
      RecoveryPointFileSchema,
      inputs.recoveryPoint,
      'recoveryPoint'
    );
    const problems = disagreements(saved, point);
    if (problems.length > 0) {
      throw new RestoreRequestInvalidError(problems);
    }
    return new SavedMetadataCatalog({ saved, recoveryPoint: point });
  }
  if (inputs.resourceArn !== undefined) {
    return new SavedMetadataCatalog({
      saved,
      resourceArn: parsed(
        ResourceArnSchema,
        inputs.resourceArn,
        '--resource-arn'
      ),
    });
  }
  return new SavedMetadataCatalog({ saved });
};
