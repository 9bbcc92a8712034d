import { parseArgs } from 'node:util';
import { planCommand } from './plan-command.js';

const USAGE = `usage: npm run -s restore -- plan --request FILE [--saved-metadata FILE] [--role-arn ARN]

  plan   print the exact StartRestoreJob input for a restore request (JSON on
         stdout, warnings on stderr). With --saved-metadata (the JSON that
         'aws backup get-recovery-point-restore-metadata' prints) it runs
         offline; without it, it asks AWS (or AWS_ENDPOINT_URL_BACKUP).
         Exit 0 planned, 2 invalid request or metadata (JSON problems on
         stderr), 1 other failure.
`;

/**
 * The `restore` command line: `npm run -s restore -- <command> …`.
 *
 * @returns the process exit code
 */
export const main = async (argv: readonly string[]): Promise<number> => {
  const io = {
    stdout: (t: string) => process.stdout.write(t),
    stderr: (t: string) => process.stderr.write(t),
    env: process.env,
  };
  const [command, ...rest] = argv;
  if (command !== 'plan') {
    io.stderr(USAGE);
    return 2;
  }
  let values: {
    request?: string;
    'saved-metadata'?: string;
    'role-arn'?: string;
  };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        request: { type: 'string' },
        'saved-metadata': { type: 'string' },
        'role-arn': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.request === undefined) {
    io.stderr(`--request FILE is required\n${USAGE}`);
    return 2;
  }
  return planCommand(
    {
      request: values.request,
      ...(values['saved-metadata'] === undefined
        ? {}
        : { savedMetadata: values['saved-metadata'] }),
      ...(values['role-arn'] === undefined
        ? {}
        : { roleArn: values['role-arn'] }),
    },
    io
  );
};

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
