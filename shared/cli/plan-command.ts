import { readFile } from 'node:fs/promises';
import { BackupRecoveryPointCatalog } from '../adapters/backup-recovery-point-catalog.js';
import { getBackupClient } from '../clients/backup-client.js';
import { PolicyEnvSchema } from '../config/policy-env.js';
import type { Problem } from '../domain/problem.js';
import type { RestorePolicy } from '../domain/restore-policy.js';
import { AppError } from '../errors/app-error.js';
import {
  PolicyViolationError,
  RestoreRequestInvalidError,
} from '../errors/errors.js';
import {
  parseRestoreRequest,
  toProblems,
} from '../events/parse-restore-request.js';
import { receiveRequest } from '../events/received-request.js';
import type { RecoveryPointCatalog } from '../ports/recovery-point-catalog.js';
import { planRestore } from '../use-cases/plan-restore.js';
import { offlineCatalog } from './offline-catalog.js';

/** Options of `restore plan`. */
export interface PlanCommandOptions {
  readonly request: string;
  /** `get-recovery-point-restore-metadata` output: plan offline. */
  readonly savedMetadata?: string;
  /** `describe-recovery-point` output of the same point (offline only). */
  readonly recoveryPoint?: string;
  /** The backed-up resource's ARN, when no `recoveryPoint` (offline only). */
  readonly resourceArn?: string;
  readonly roleArn?: string;
  /** The deployment whose names and token to show (`DEPLOYMENT_ID`). */
  readonly deployment?: string;
}

/** Where the command writes, and the environment it reads. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const readJson = async (file: string, path: string): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RestoreRequestInvalidError([
      { path, message: `cannot read ${file}: ${(error as Error).message}` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestoreRequestInvalidError([
      { path, message: `${file} is not JSON: ${(error as Error).message}` },
    ]);
  }
};

const policyOf = (
  env: CommandIo['env'],
  roleArn: string | undefined,
  requestedRole: string | undefined
): RestorePolicy => {
  const roles =
    roleArn === undefined
      ? env.RESTORE_ROLES
      : JSON.stringify({ [requestedRole ?? 'cli']: roleArn });
  if (roles === undefined) {
    throw new RestoreRequestInvalidError([
      {
        path: '--role-arn',
        message:
          'no restore role: pass --role-arn ARN, or set RESTORE_ROLES (and DEFAULT_RESTORE_ROLE) as the deployment does',
      },
    ]);
  }
  const parsed = PolicyEnvSchema.safeParse({
    ...env,
    RESTORE_ROLES: roles,
    ...(roleArn === undefined
      ? {}
      : { DEFAULT_RESTORE_ROLE: requestedRole ?? 'cli' }),
  });
  if (!parsed.success) {
    throw new RestoreRequestInvalidError(
      toProblems(parsed.error.issues).map((p) => ({
        path:
          roleArn !== undefined && p.path === 'RESTORE_ROLES'
            ? '--role-arn'
            : p.path,
        message: p.message,
      }))
    );
  }
  return parsed.data;
};

const OFFLINE_SELECTION =
  'resourceArn: offline, the selection saw only the recovery point in --recovery-point; AWS may hold a newer one that matches';

const catalogOf = async (
  options: PlanCommandOptions
): Promise<RecoveryPointCatalog> => {
  if (options.savedMetadata === undefined) {
    const offlineOnly = (
      [
        ['--recovery-point', options.recoveryPoint],
        ['--resource-arn', options.resourceArn],
      ] as const
    ).filter(([, value]) => value !== undefined);
    if (offlineOnly.length > 0) {
      throw new RestoreRequestInvalidError(
        offlineOnly.map(([path]) => ({
          path,
          message:
            'needs --saved-metadata FILE: without it the plan reads the recovery point from AWS',
        }))
      );
    }
    return new BackupRecoveryPointCatalog({
      client: getBackupClient({
        requestTimeoutMs: 10_000,
        connectionTimeoutMs: 3_000,
        maxAttempts: 3,
      }),
    });
  }
  return offlineCatalog({
    savedMetadata: await readJson(options.savedMetadata, '--saved-metadata'),
    ...(options.recoveryPoint === undefined
      ? {}
      : {
          recoveryPoint: await readJson(
            options.recoveryPoint,
            '--recovery-point'
          ),
        }),
    resourceArn: options.resourceArn,
  });
};

/**
 * `restore plan`: prints the exact `StartRestoreJob` input for a request
 * on stdout and warnings on stderr. Offline with `--saved-metadata` (and
 * `--recovery-point` or `--resource-arn` for the point's resource);
 * otherwise it reads AWS (or the endpoints in `AWS_ENDPOINT_URL_*`).
 *
 * @returns the exit code: 0 planned, 2 invalid request / metadata / policy,
 *   1 anything else (AWS unreachable, throttled …)
 */
export const planCommand = async (
  options: PlanCommandOptions,
  io: CommandIo
): Promise<number> => {
  try {
    const raw = await readJson(options.request, '--request');
    const request = parseRestoreRequest(raw);
    const policy = policyOf(io.env, options.roleArn, request.restoreRole);
    const catalog = await catalogOf(options);
    const deployment = options.deployment ?? io.env.DEPLOYMENT_ID;
    const plan = await planRestore(receiveRequest(request), {
      catalog,
      policy,
      ...(deployment === undefined || deployment === '' ? {} : { deployment }),
    });
    io.stdout(`${JSON.stringify(plan.input, null, 2)}\n`);
    const warnings =
      options.savedMetadata !== undefined && request.resourceArn !== undefined
        ? [...plan.warnings, OFFLINE_SELECTION]
        : plan.warnings;
    for (const warning of warnings) {
      io.stderr(`warning: ${warning}\n`);
    }
    // What the restore profile decided, key by key (names, never values).
    for (const d of plan.decisions) {
      io.stderr(`profile: metadata.${d.key}: ${d.source}, ${d.rule}\n`);
    }
    return 0;
  } catch (error) {
    const problems = problemsOf(error);
    if (problems !== undefined) {
      io.stderr(`${JSON.stringify(problems, null, 2)}\n`);
      return 2;
    }
    io.stderr(`error: ${(error as Error).message}\n`);
    return 1;
  }
};

const problemsOf = (error: unknown): readonly Problem[] | undefined => {
  if (error instanceof RestoreRequestInvalidError) {
    return error.problems;
  }
  if (error instanceof PolicyViolationError) {
    return [error.problem];
  }
  if (error instanceof AppError && !error.retryable) {
    return [{ path: '', message: error.message }];
  }
  return undefined;
};
