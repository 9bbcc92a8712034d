/** Runs per property when `FUZZ_RUNS` is not set: cheap enough for `npm test`. */
export const DEFAULT_FUZZ_RUNS = 200;

/**
 * Per-test timeout of a property, in milliseconds: room for `npm run fuzz`
 * (`FUZZ_RUNS=10000`) on a busy 2-core build machine. At the default run
 * count every property ends in well under a second.
 */
export const FUZZ_TIMEOUT_MS = 120_000;

/**
 * How many runs each fast-check property makes: `FUZZ_RUNS` when it is set,
 * otherwise {@link DEFAULT_FUZZ_RUNS}. A value that is not a positive whole
 * number is a mistake in the command line, so it throws instead of silently
 * running the default.
 *
 * @param env - the environment to read (the process environment by default)
 * @example
 * ```ts
 * fc.assert(fc.property(fc.string(), check), { numRuns: fuzzRuns() });
 * ```
 */
export const fuzzRuns = (
  env: Readonly<Record<string, string | undefined>> = process.env
): number => {
  const raw = env.FUZZ_RUNS?.trim();
  if (raw === undefined || raw === '') {
    return DEFAULT_FUZZ_RUNS;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new Error(
      `FUZZ_RUNS must be a positive whole number of runs, e.g. FUZZ_RUNS=10000; got "${raw}"`
    );
  }
  return Number(raw);
};
