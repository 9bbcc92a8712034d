/**
 * Where `npm run bench` and `npm run soak` write their results. By default
 * a run leaves the tree clean: results go to the ignored `.bench/` folder.
 * With `--write` (or `BENCH_WRITE=1`) they go to the tracked report:
 * `bench/results.json` and the table in BENCHMARKS.md for the bench,
 * `bench/soak.json` for the soak.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './esbuild-options.js';

/** Where a run's results go. */
export interface ResultFiles {
  /** Whether the tracked report is updated. */
  tracked: boolean;
  /** The folder the JSON results are written to. */
  dir: string;
}

/**
 * Whether a run should update the tracked report: `--write` on the command
 * line, or `BENCH_WRITE=1` in the environment.
 *
 * @example
 * ```ts
 * const files = resultFiles({ write: values.write === true });
 * ```
 */
export const resultFiles = (options: {
  write: boolean;
  env?: NodeJS.ProcessEnv;
}): ResultFiles => {
  const tracked =
    options.write || (options.env ?? process.env).BENCH_WRITE === '1';
  return {
    tracked,
    dir: join(REPO_ROOT, tracked ? 'bench' : '.bench'),
  };
};

/**
 * Writes one JSON result file into the run's folder.
 *
 * @returns the path written, relative to the repository root
 * @example
 * ```ts
 * const path = await writeResultJson(files, 'soak.json', report);
 * ```
 */
export const writeResultJson = async (
  files: ResultFiles,
  name: string,
  value: unknown
): Promise<string> => {
  await mkdir(files.dir, { recursive: true });
  const path = join(files.dir, name);
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
  return relative(REPO_ROOT, path);
};
