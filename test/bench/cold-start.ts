import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { RELAY_ENV } from '../support/relay-env.js';
import { REPO_ROOT, serverlessEsbuildOptions } from './esbuild-options.js';
import type { FunctionArtifacts } from './package-functions.js';
import { median, round } from './stats.js';
import { readZipEntries } from './zip-entries.js';

const execFileAsync = promisify(execFile);

/** The cold-start figures of one function. */
export interface ColdStart {
  /** Median ms of `await import(handler bundle)` in a fresh Node process. */
  readonly handlerMs: number;
  /** The same for the reference bundle: only the bare SDK clients. */
  readonly referenceMs: number;
  /** `handlerMs / referenceMs` (goal: ≤ 1.3). */
  readonly ratio: number;
  /** The SDK packages the function bundles, which the reference constructs. */
  readonly sdkClients: string[];
}

/** Options of {@link measureColdStarts}. */
export interface ColdStartOptions {
  /** Timed imports per bundle (handler and reference each); default 15, as the issue asks for a median of at least 15. */
  readonly runs?: number;
}

/** `@aws-sdk/client-*` and `@aws-sdk/lib-dynamodb`, from a bundled path. */
const SDK_CLIENT_PACKAGE =
  /(?:^|\/)node_modules\/(@aws-sdk\/(?:client-[^/]+|lib-dynamodb))\//;

/**
 * Imports the module named by argv[1] and prints how long the import took.
 * `handler` as argv[2] also checks that the module exports one.
 */
const TIMED_IMPORT = [
  'const started = performance.now();',
  'const loaded = await import(process.argv[1]);',
  'const ms = performance.now() - started;',
  "if (process.argv[2] === 'handler' && typeof loaded.handler !== 'function') {",
  "  throw new Error('the bundle exports no handler');",
  '}',
  'process.stdout.write(String(ms), () => process.exit(0));',
].join('\n');

/**
 * The environment the bundles are imported with: a complete relay
 * configuration (parsed lazily, on the first invocation, but complete all
 * the same), fake credentials, silent Powertools, and nothing inherited
 * (no `NODE_OPTIONS` loader of the parent).
 */
const childEnv = (functionName: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  ...RELAY_ENV,
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_LAMBDA_FUNCTION_NAME: `restore-relay-bench-${functionName}`,
  POWERTOOLS_SERVICE_NAME: 'restore-relay',
  POWERTOOLS_METRICS_NAMESPACE: 'RestoreRelay',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_DEV: 'false',
});

/** Milliseconds one fresh `node` process takes to import `file`. */
const timeImport = async (
  file: string,
  kind: 'handler' | 'reference',
  env: NodeJS.ProcessEnv
): Promise<number> => {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--input-type=module', '-e', TIMED_IMPORT, pathToFileURL(file).href, kind],
    { env, cwd: dirname(file), timeout: 60_000 }
  );
  const ms = Number(stdout);
  if (!Number.isFinite(ms)) {
    throw new Error(`${file}: unexpected output "${stdout}"`);
  }
  return ms;
};

/** The source file serverless-esbuild built `functions/x/handler.mjs` from. */
const sourceOf = async (bundleName: string): Promise<string> => {
  const stem = bundleName.slice(0, -extname(bundleName).length);
  for (const extension of ['.ts', '.mts', '.js', '.mjs']) {
    const candidate = join(REPO_ROOT, stem + extension);
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next extension
    }
  }
  throw new Error(`no source for ${bundleName}`);
};

/** The client class a `@aws-sdk/client-*` package exports (`BackupClient`). */
const clientClassOf = async (sdkPackage: string): Promise<string> => {
  const exports: Record<string, unknown> = await import(sdkPackage);
  const names = Object.keys(exports).filter(
    (name) =>
      /^[A-Z]\w*Client$/.test(name) && typeof exports[name] === 'function'
  );
  if (names.length !== 1 || names[0] === undefined) {
    throw new Error(`${sdkPackage}: no single client class (${names})`);
  }
  return names[0];
};

/**
 * The reference entry: imports the bare clients and constructs each once
 * at module scope, with default options.
 */
const referenceEntry = async (sdkClients: readonly string[]) => {
  const imports = new Map<string, Set<string>>();
  const constructions: string[] = [];
  const use = (sdkPackage: string, name: string) => {
    const names = imports.get(sdkPackage) ?? new Set<string>();
    names.add(name);
    imports.set(sdkPackage, names);
  };
  for (const sdkPackage of sdkClients) {
    if (sdkPackage === '@aws-sdk/lib-dynamodb') {
      use(sdkPackage, 'DynamoDBDocumentClient');
      use('@aws-sdk/client-dynamodb', 'DynamoDBClient');
      constructions.push('DynamoDBDocumentClient.from(new DynamoDBClient({}))');
    } else {
      const name = await clientClassOf(sdkPackage);
      use(sdkPackage, name);
      constructions.push(`new ${name}({})`);
    }
  }
  return [
    ...[...imports].map(
      ([sdkPackage, names]) =>
        `import { ${[...names].join(', ')} } from '${sdkPackage}';`
    ),
    `export const clients = [${constructions.join(', ')}];`,
  ].join('\n');
};

/**
 * Cold start of each function: the time a fresh `node` process (this
 * process's binary, so Node 24 under the npm scripts) takes to `await
 * import()` the function's bundle from its zip, against a reference bundle
 * that only imports and constructs the bare SDK clients the function
 * bundles. Both bundles are built with the esbuild options of serverless.yml
 * (`custom.esbuild`, as serverless-esbuild applies them), so the ratio
 * measures what our code, Powertools, middy and zod add on top of the SDK.
 *
 * The clients are the `@aws-sdk/client-*` and `@aws-sdk/lib-dynamodb`
 * packages with bytes in the function's bundle, from its esbuild metafile
 * (the function's current source is built again, with `metafile: true`,
 * for that, so pass artifacts packaged from the current source). The
 * reference constructs its clients at module scope, where the handlers
 * construct theirs on first use: the ratio charges that to the reference,
 * as a handler that built its clients at import would. Handler and reference
 * imports alternate, in alternating order, so drift on a shared machine
 * hits both; one untimed import of each warms the file cache first. The
 * handler's module scope must load without invoking: config is parsed on
 * the first invocation, but the environment is complete anyway.
 *
 * @example
 * ```ts
 * const coldStarts = await measureColdStarts(await packageFunctions(), { runs: 15 });
 * coldStarts['sqs-restore'].ratio; // e.g. 1.2
 * ```
 */
export const measureColdStarts = async (
  artifacts: FunctionArtifacts,
  { runs = 15 }: ColdStartOptions = {}
): Promise<Record<string, ColdStart>> => {
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError(`runs must be a positive integer, not ${runs}`);
  }
  const options = await serverlessEsbuildOptions();
  const workDir = await mkdtemp(join(tmpdir(), 'restore-relay-cold-start-'));
  try {
    const results: Record<string, ColdStart> = {};
    for (const [name, zipPath] of Object.entries(artifacts)) {
      const bundles = (await readZipEntries(zipPath)).filter((entry) =>
        /\.m?js$/.test(entry.name)
      );
      const [bundle] = bundles;
      if (bundle === undefined || bundles.length !== 1) {
        throw new Error(`${zipPath}: expected one .mjs/.js bundle`);
      }
      const handlerFile = join(workDir, name, bundle.name);
      await mkdir(dirname(handlerFile), { recursive: true });
      await writeFile(handlerFile, bundle.data);

      const analysis = await build({
        ...options,
        entryPoints: [await sourceOf(bundle.name)],
        outdir: join(workDir, name, 'analysis'),
        absWorkingDir: REPO_ROOT,
        metafile: true,
        write: false,
        logLevel: 'error',
      });
      // The output's inputs with bytes in it: `metafile.inputs` also lists
      // what was loaded and then tree-shaken away.
      const bundled = Object.values(analysis.metafile.outputs).flatMap(
        (output) =>
          Object.entries(output.inputs)
            .filter(([, input]) => input.bytesInOutput > 0)
            .map(([path]) => path)
      );
      const sdkClients = [
        ...new Set(
          bundled.flatMap((path) => SDK_CLIENT_PACKAGE.exec(path)?.[1] ?? [])
        ),
      ].sort();

      const reference = await build({
        ...options,
        stdin: {
          contents: await referenceEntry(sdkClients),
          resolveDir: REPO_ROOT,
          sourcefile: `${name}-reference.mjs`,
          loader: 'js',
        },
        outdir: join(workDir, name, 'reference'),
        absWorkingDir: REPO_ROOT,
        write: false,
        logLevel: 'error',
      });
      const [output] = reference.outputFiles;
      if (output === undefined) {
        throw new Error(`${name}: the reference build wrote nothing`);
      }
      const referenceFile = join(workDir, name, 'reference.mjs');
      await writeFile(referenceFile, output.contents);

      const env = childEnv(name);
      await timeImport(handlerFile, 'handler', env);
      await timeImport(referenceFile, 'reference', env);
      const handlerTimes: number[] = [];
      const referenceTimes: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const handlerFirst = run % 2 === 0;
        if (handlerFirst) {
          handlerTimes.push(await timeImport(handlerFile, 'handler', env));
        }
        referenceTimes.push(await timeImport(referenceFile, 'reference', env));
        if (!handlerFirst) {
          handlerTimes.push(await timeImport(handlerFile, 'handler', env));
        }
      }
      const handlerMs = median(handlerTimes);
      const referenceMs = median(referenceTimes);
      results[name] = {
        handlerMs: round(handlerMs, 1),
        referenceMs: round(referenceMs, 1),
        ratio: round(handlerMs / referenceMs, 2),
        sdkClients,
      };
    }
    return results;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
};
