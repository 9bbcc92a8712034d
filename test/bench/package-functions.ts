import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CfnTemplate } from '../support/serverless-template.js';
import { resourcesOfType } from '../support/serverless-template.js';
import { REPO_ROOT } from './esbuild-options.js';

const execFileAsync = promisify(execFile);

/** What `osls package` reads; tests, `.git` and old artefacts stay behind. */
const SERVICE_FILES = [
  'serverless.yml',
  'package.json',
  'tsconfig.json',
  'functions',
  'shared',
];

/** Function name (the serverless.yml key) → path of its artifact zip. */
export type FunctionArtifacts = Readonly<Record<string, string>>;

/** Options of {@link packageFunctions}. */
export interface PackageFunctionsOptions {
  /** Where the template and zips go; `.serverless` like `npm run package`. */
  readonly outDir?: string;
  readonly stage?: string;
}

/**
 * Runs `osls package --stage ci` (what `npm run package` runs) and returns
 * each function's artifact zip, read from the CloudFormation template it
 * wrote (`Code.S3Key` names the zip; osls names it after the function).
 *
 * Offline-safe: fake credentials, no telemetry. osls runs from
 * `node_modules/.bin` with this process's Node first on the PATH, so it
 * runs on the Node 22 of the npm scripts. It works on a copy of the
 * service in a temporary directory, so the plugin's `.esbuild` work folder
 * is never shared with a concurrent `npm run package`; only `outDir` is
 * written.
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
  const packageDir = resolve(outDir);
  const serviceDir = await mkdtemp(join(tmpdir(), 'restore-relay-bench-'));
  try {
    for (const name of SERVICE_FILES) {
      await cp(join(REPO_ROOT, name), join(serviceDir, name), {
        recursive: true,
      });
    }
    await symlink(
      join(REPO_ROOT, 'node_modules'),
      join(serviceDir, 'node_modules'),
      'dir'
    );
    await execFileAsync(
      join(REPO_ROOT, 'node_modules', '.bin', 'osls'),
      ['package', '--stage', stage, '--package', packageDir],
      {
        cwd: serviceDir,
        env: {
          ...process.env,
          PATH: [
            dirname(process.execPath),
            join(REPO_ROOT, 'node_modules', '.bin'),
            process.env.PATH ?? '',
          ].join(delimiter),
          // No route to AWS: packaging needs no real credentials
          // (toolchain.md §2.2).
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_REGION: 'eu-west-1',
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
        },
        maxBuffer: 16 * 1024 * 1024,
      }
    );
  } finally {
    await rm(serviceDir, { recursive: true, force: true });
  }
  const template = JSON.parse(
    await readFile(
      join(packageDir, 'cloudformation-template-update-stack.json'),
      'utf8'
    )
  ) as CfnTemplate;
  const artifacts: Record<string, string> = {};
  for (const [logicalId, fn] of resourcesOfType(
    template,
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
    const zipPath = join(packageDir, basename(key));
    await stat(zipPath);
    artifacts[basename(key, '.zip')] = zipPath;
  }
  return artifacts;
};
