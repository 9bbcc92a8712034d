import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Plugin } from 'esbuild';

const require = createRequire(import.meta.url);

/** The repository root: where serverless.yml and node_modules are. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A plain object, as YAML mappings are parsed. */
type Mapping = { [key: string]: unknown };

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The keys serverless-esbuild 1.57.2 reads itself and deletes before it
 * calls esbuild (`dist/bundle.js`).
 */
const PLUGIN_ONLY_KEYS = [
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
] as const;

/** Ramda's `mergeDeepRight`, as serverless-esbuild merges its defaults. */
const mergeDeepRight = (left: Mapping, right: Mapping): Mapping => {
  const merged: Mapping = { ...left };
  for (const [key, value] of Object.entries(right)) {
    const base = merged[key];
    merged[key] =
      isMapping(base) && isMapping(value) ? mergeDeepRight(base, value) : value;
  }
  return merged;
};

const asStrings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string'
  );

/**
 * serverless.yml parsed by osls' own reader: the same YAML schema
 * (CloudFormation tags such as `!Ref` included) the deployment reads.
 * Variables (`${…}`) are left unresolved.
 */
const readServerlessYml = async (): Promise<Mapping> => {
  const readConfiguration: (
    path: string
  ) => Promise<unknown> = require('osls/lib/configuration/read.js');
  const configuration = await readConfiguration(
    join(REPO_ROOT, 'serverless.yml')
  );
  if (!isMapping(configuration)) {
    throw new Error('serverless.yml is not a mapping');
  }
  return configuration;
};

/**
 * The esbuild options serverless-esbuild 1.57.2 builds every function with,
 * derived from serverless.yml `custom.esbuild` the way the plugin derives
 * them (`getBuildOptions` and `bundle`): its defaults merged under the
 * block, `target` from `provider.runtime`, the plugin-only keys removed,
 * `external` plus `exclude` as externals, and `outputFileExtension` as
 * `outExtension`. The caller adds `entryPoints`, `outdir` and, for an
 * analysis, `metafile`/`write`.
 *
 * @throws Error when the block uses something this copy of the plugin's
 * logic does not cover (a `config` file, unresolved `${…}` variables)
 *
 * @example
 * ```ts
 * const options = await serverlessEsbuildOptions();
 * await build({ ...options, entryPoints: ['functions/sqs-restore/handler.ts'], outdir, absWorkingDir: REPO_ROOT });
 * ```
 */
export const serverlessEsbuildOptions = async (): Promise<BuildOptions> => {
  const yml = await readServerlessYml();
  const custom = isMapping(yml.custom) ? yml.custom : {};
  const block = isMapping(custom.esbuild) ? custom.esbuild : {};
  if (block.config !== undefined) {
    throw new Error(
      'custom.esbuild.config (a JS config file) is not supported'
    );
  }
  if (JSON.stringify(block).includes('${')) {
    throw new Error('custom.esbuild uses variables, which are not resolved');
  }
  const provider = isMapping(yml.provider) ? yml.provider : {};
  const runtime = String(provider.runtime ?? '');
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (major === undefined) {
    throw new Error(`provider.runtime "${runtime}" is not a Node.js runtime`);
  }
  const defaults: Mapping = {
    bundle: true,
    target: `node${major}`,
    external: [],
    exclude: ['aws-sdk'],
    platform: 'node',
    outputFileExtension: '.js',
  };
  const merged = mergeDeepRight(defaults, block);
  const exclude = asStrings(merged.exclude);
  const options: Mapping = { ...merged };
  for (const key of PLUGIN_ONLY_KEYS) {
    delete options[key];
  }
  options.external = [
    ...asStrings(merged.external),
    ...(exclude.includes('*') ? [] : exclude),
  ];
  const extension = String(merged.outputFileExtension);
  if (extension !== '.js') {
    options.outExtension = { '.js': extension };
  }
  if (typeof options.plugins === 'string') {
    const plugins: Plugin[] = require(join(REPO_ROOT, options.plugins));
    options.plugins = plugins;
  }
  return options as BuildOptions;
};
