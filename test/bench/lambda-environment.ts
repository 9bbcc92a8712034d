import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { REPO_ROOT, serverlessEsbuildOptions } from './esbuild-options.js';

const OUT = mkdtempSync(join(tmpdir(), 'restore-relay-env-'));
const built = new Map<string, Promise<string>>();

/**
 * Bundles `entry` as serverless.yml's esbuild settings bundle a function
 * (once per process): environments run what Lambda would run, on plain
 * Node, with no TypeScript loader in their CPU time or memory.
 */
export const bundleModule = (entry: string): Promise<string> => {
  let out = built.get(entry);
  if (out === undefined) {
    out = (async () => {
      const outfile = join(OUT, `${basename(entry, '.ts')}-${built.size}.mjs`);
      await build({
        ...(await serverlessEsbuildOptions()),
        entryPoints: [entry],
        outfile,
        absWorkingDir: REPO_ROOT,
        metafile: false,
        logLevel: 'silent',
      });
      return outfile;
    })();
    built.set(entry, out);
  }
  return out;
};

const CHILD = fileURLToPath(new URL('./environment-child.ts', import.meta.url));

/** The handler modules an environment can run. */
export const HANDLER_MODULES = {
  sqs: fileURLToPath(
    new URL('../../functions/sqs-restore/handler.ts', import.meta.url)
  ),
  direct: fileURLToPath(new URL('./direct-sdk-handler.ts', import.meta.url)),
  invoke: fileURLToPath(
    new URL('../../functions/invoke-restore/handler.ts', import.meta.url)
  ),
} as const;

/** What an environment has used so far. */
export interface EnvironmentUsage {
  /** User + system CPU of the environment's process. */
  readonly cpuMs: number;
  readonly maxRssMb: number;
  /** Importing the handler: the cold start. */
  readonly initMs: number;
}

/** An invocation that did not end normally. */
export class InvocationError extends Error {
  override readonly name = 'InvocationError';

  constructor(
    message: string,
    readonly reason: 'error' | 'timeout' | 'killed'
  ) {
    super(message);
  }
}

/** One emulated Lambda execution environment (a child process). */
export interface LambdaEnvironment {
  /**
   * Runs one invocation; the environment must be idle. At `timeoutMs` the
   * environment is killed, as Lambda resets an environment whose
   * invocation timed out.
   *
   * @throws InvocationError when the handler threw, timed out or was killed
   */
  invoke(event: unknown, timeoutMs?: number): Promise<unknown>;
  /** Kills the process now (a crash at whatever await point it is). */
  kill(): void;
  /** False once killed or exited: start a new one (a cold start). */
  readonly alive: boolean;
  usage(): Promise<EnvironmentUsage>;
  stop(): Promise<void>;
}

/**
 * Starts an environment running the bundle of `module`'s `handler` with
 * exactly `env` (plus PATH and HOME), and waits for its cold start.
 */
export const startEnvironment = async (
  module: string,
  env: Readonly<Record<string, string>>
): Promise<LambdaEnvironment> => {
  const [child_, handler] = await Promise.all([
    bundleModule(CHILD),
    bundleModule(module),
  ]);
  const child: ChildProcess = fork(child_, [handler], {
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each environment, to see
    // where a handler's CPU goes.
    execArgv:
      process.env.BENCH_CPU_PROF === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let alive = true;
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  const failAll = (reason: 'killed', message: string): void => {
    for (const { reject } of pending.values()) {
      reject(new InvocationError(message, reason));
    }
    pending.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: Record<string, unknown>) => {
      if (message.ready === true) {
        resolve();
        return;
      }
      const waiter = pending.get(Number(message.id));
      pending.delete(Number(message.id));
      if (message.ok === true) {
        waiter?.resolve(message.result);
      } else {
        waiter?.reject(new InvocationError(String(message.error), 'error'));
      }
    });
    child.once('exit', (code) => {
      alive = false;
      reject(new Error(`environment exited during its cold start (${code})`));
      failAll('killed', 'the environment was killed');
    });
  });
  await ready;

  const request = (message: Record<string, unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (!alive) {
        reject(new InvocationError('the environment is dead', 'killed'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...message, id });
    });

  const kill = (): void => {
    if (alive) {
      alive = false;
      child.kill('SIGKILL');
    }
  };

  return {
    get alive() {
      return alive;
    },
    invoke: async (event, timeoutMs = 60_000) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          kill();
          reject(new InvocationError('the invocation timed out', 'timeout'));
        }, timeoutMs);
      });
      try {
        return await Promise.race([
          request({ kind: 'invoke', event, timeoutMs }),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill,
    usage: async () => (await request({ kind: 'usage' })) as EnvironmentUsage,
    stop: async () => {
      if (!alive) {
        return;
      }
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ kind: 'exit' });
      const timer = setTimeout(kill, 2_000);
      await exited;
      clearTimeout(timer);
      alive = false;
    },
  };
};
