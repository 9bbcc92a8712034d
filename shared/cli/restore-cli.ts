import { parseArgs } from 'node:util';
import { planCommand } from './plan-command.js';
import {
  EXIT,
  type StatusCommandDeps,
  statusCommand,
  statusCommandDeps,
  waitCommand,
} from './status-command.js';

const USAGE = `usage: npm run -s restore -- <command> …

  plan --request FILE [--saved-metadata FILE
       [--recovery-point FILE | --resource-arn ARN]] [--role-arn ARN]
       [--deployment ID]
         print the exact StartRestoreJob input for a restore request (JSON on
         stdout; warnings and the restore profile's decision per metadata
         key on stderr). With --saved-metadata (the JSON that
         'aws backup get-recovery-point-restore-metadata' prints) it runs
         offline; without it, it asks AWS (or AWS_ENDPOINT_URL_BACKUP).
         Offline, --recovery-point (the JSON that
         'aws backup describe-recovery-point' prints) gives the point's
         resource, status and vault as AWS reports them, so that names
         derived from the resource match the real run; --resource-arn ARN
         gives the resource alone.
         --deployment (or DEPLOYMENT_ID) gives the names and token the
         deployment with that id would send; RESTORE_PROFILES and
         TRUSTED_ARNS are read as the deployment reads them.
         Exit 0 planned, 2 invalid request or metadata (JSON problems on
         stderr), 1 other failure.

  status (--request-id ID | --job-id ID) [--json]
         show a restore job: restore-relay's record (RELAY_TABLE_NAME, the
         stack's TableName output) and its current AWS Backup state.
         Exit 0 shown, 2 no such job, 1 AWS or the table failed.

  wait (--request-id ID | --job-id ID) [--interval SECONDS] [--timeout SECONDS] [--json]
         poll AWS Backup every --interval seconds (default 30) until the job
         ends, with a progress line per poll on stderr, then print its status.
         Exit 0 COMPLETED, 1 FAILED or ABORTED, 2 no such job,
         124 --timeout passed (default 0: wait as long as it takes).
`;

/** What the command line needs from outside: its output and the AWS deps. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The status commands' deps; production adapters when absent. */
  readonly statusDeps?: StatusCommandDeps;
}

const seconds = (
  value: string | undefined,
  fallback: number,
  name: string
): number => {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`--${name} must be a number of seconds ≥ 0`);
  }
  return parsed;
};

const jobCommand = async (
  command: 'status' | 'wait',
  rest: readonly string[],
  io: CliIo
): Promise<number> => {
  const { values } = parseArgs({
    args: [...rest],
    options: {
      'request-id': { type: 'string' },
      'job-id': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...(command === 'wait'
        ? {
            interval: { type: 'string' },
            timeout: { type: 'string' },
          }
        : {}),
    },
    strict: true,
  });
  const requestId = values['request-id'] as string | undefined;
  const restoreJobId = values['job-id'] as string | undefined;
  if ((requestId === undefined) === (restoreJobId === undefined)) {
    throw new Error('give exactly one of --request-id ID and --job-id ID');
  }
  const query =
    requestId === undefined
      ? { restoreJobId: restoreJobId as string }
      : { requestId };
  const json = values.json === true;
  const deps = io.statusDeps ?? statusCommandDeps(io.env);
  if (command === 'status') {
    return statusCommand(query, { json }, io, deps);
  }
  const intervalSeconds = seconds(
    values.interval as string | undefined,
    30,
    'interval'
  );
  if (intervalSeconds === 0) {
    throw new Error('--interval must be more than 0 seconds');
  }
  return waitCommand(
    query,
    {
      intervalSeconds,
      timeoutSeconds: seconds(
        values.timeout as string | undefined,
        0,
        'timeout'
      ),
      json,
    },
    io,
    deps
  );
};

const planArgs = async (
  rest: readonly string[],
  io: CliIo
): Promise<number> => {
  const { values } = parseArgs({
    args: [...rest],
    options: {
      request: { type: 'string' },
      'saved-metadata': { type: 'string' },
      'recovery-point': { type: 'string' },
      'resource-arn': { type: 'string' },
      'role-arn': { type: 'string' },
      deployment: { type: 'string' },
    },
    strict: true,
  });
  if (values.request === undefined) {
    throw new Error('--request FILE is required');
  }
  return planCommand(
    {
      request: values.request,
      ...(values['saved-metadata'] === undefined
        ? {}
        : { savedMetadata: values['saved-metadata'] }),
      ...(values['recovery-point'] === undefined
        ? {}
        : { recoveryPoint: values['recovery-point'] }),
      ...(values['resource-arn'] === undefined
        ? {}
        : { resourceArn: values['resource-arn'] }),
      ...(values['role-arn'] === undefined
        ? {}
        : { roleArn: values['role-arn'] }),
      ...(values.deployment === undefined
        ? {}
        : { deployment: values.deployment }),
    },
    io
  );
};

/**
 * The `restore` command line: `npm run -s restore -- <command> …`.
 *
 * @returns the process exit code
 */
export const main = async (
  argv: readonly string[],
  io: CliIo = {
    stdout: (t: string) => process.stdout.write(t),
    stderr: (t: string) => process.stderr.write(t),
    env: process.env,
  }
): Promise<number> => {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'plan':
        return await planArgs(rest, io);
      case 'status':
      case 'wait':
        return await jobCommand(command, rest, io);
      default:
        io.stderr(USAGE);
        return EXIT.usage;
    }
  } catch (error) {
    // parseArgs and the checks above: a usage error, never a stack trace.
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
