import { stat } from 'node:fs/promises';
import type { FunctionArtifacts } from './package-functions.js';

/**
 * The size in bytes of each function's artifact zip, as uploaded to Lambda
 * (goal: ≤ 150 KB each, the SDK bundled).
 *
 * @example
 * ```ts
 * const bundleZipBytes = await measureBundleSizes(await packageFunctions());
 * // { 'sqs-restore': 335356, … }
 * ```
 */
export const measureBundleSizes = async (
  artifacts: FunctionArtifacts
): Promise<Record<string, number>> => {
  const sizes: Record<string, number> = {};
  for (const [name, zipPath] of Object.entries(artifacts)) {
    sizes[name] = (await stat(zipPath)).size;
  }
  return sizes;
};
