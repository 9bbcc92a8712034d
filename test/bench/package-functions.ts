import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  packageService,
  resourcesOfType,
} from '../support/serverless-template.js';
import { REPO_ROOT } from './esbuild-options.js';

/** Function name (the serverless.yml key) → path of its artifact zip. */
export type FunctionArtifacts = Readonly<Record<string, string>>;

/** Options of {@link packageFunctions}. */
export interface PackageFunctionsOptions {
  /** Where the zips are copied; `.serverless` like `npm run package`. */
  readonly outDir?: string;
  readonly stage?: string;
}

/**
 * Runs `osls package` the way the template tests do ({@link packageService}:
 * a copy of the service, offline, no telemetry) and copies each function's
 * artifact zip to `outDir`. The zips are found through the CloudFormation
 * template (`Code.S3Key`; osls names them after the function).
 *
 * @example
 * ```ts
 * const artifacts = await packageFunctions();
 * artifacts['sqs-restore']; // '/…/.serverless/sqs-restore.zip'
 * ```
 */
export const packageFunctions = async ({
  outDir = join(REPO_ROOT, '.serverless'),
  stage = 'ci',
}: PackageFunctionsOptions = {}): Promise<FunctionArtifacts> => {
  const packaged = await packageService({ stage });
  try {
    await mkdir(resolve(outDir), { recursive: true });
    const artifacts: Record<string, string> = {};
    for (const [logicalId, fn] of resourcesOfType(
      packaged.template,
      'AWS::Lambda::Function'
    )) {
      const code = fn.Properties.Code;
      const key =
        typeof code === 'object' && code !== null && !Array.isArray(code)
          ? code.S3Key
          : undefined;
      if (typeof key !== 'string' || !key.endsWith('.zip')) {
        throw new Error(`${logicalId} has no zip artifact`);
      }
      const zipPath = join(resolve(outDir), basename(key));
      await copyFile(join(packaged.packageDir, basename(key)), zipPath);
      artifacts[basename(key, '.zip')] = zipPath;
    }
    return artifacts;
  } finally {
    await packaged.cleanup();
  }
};
