import fc from 'fast-check';

/**
 * Replays a fuzz failure: fast-check prints `{ seed, path }` with every
 * counterexample; `FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz -- -t
 * '<test name>'` runs that exact case again. Without them every run draws
 * a new seed, and prints it on failure.
 */
const seed = process.env.FUZZ_SEED?.trim();
const path = process.env.FUZZ_PATH?.trim();
if (seed !== undefined && seed !== '') {
  if (!/^-?\d+$/.test(seed)) {
    throw new Error(
      `FUZZ_SEED must be the integer seed fast-check printed; got "${seed}"`
    );
  }
  fc.configureGlobal({
    seed: Number(seed),
    ...(path === undefined || path === '' ? {} : { path }),
    endOnFailure: true,
  });
}
