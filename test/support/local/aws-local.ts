/**
 * `npm run aws:local [-- --seed FILE]`: starts DynamoDB Local and the
 * Backup, SNS, SQS, EventBridge and Step Functions emulators, creates the
 * relay table, topic and queues, prints the environment as
 * `export NAME=value` lines, and runs until SIGINT or SIGTERM.
 *
 * Options:
 * - `--seed FILE`: Backup seed instead of test/fixtures/seed/recovery-points.json
 * - `--backup-port N`, `--sns-port N`, `--sqs-port N`, `--eventbridge-port N`,
 *   `--sfn-port N`, `--dynamodb-port N`: fixed ports
 *
 * @example
 * ```sh
 * npm run -s aws:local > .local-aws.env &   # then: source .local-aws.env
 * ```
 */
import { parseArgs } from 'node:util';
import { RELAY_DLQ_NAME, startLocalAws } from './local-aws.js';

const port = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65_535) {
    throw new Error(`${flag} must be a port number, got ${value}`);
  }
  return parsed;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      'backup-port': { type: 'string' },
      'sns-port': { type: 'string' },
      'sqs-port': { type: 'string' },
      'eventbridge-port': { type: 'string' },
      'sfn-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
    },
    strict: true,
  });
  const local = await startLocalAws({
    seedFile: values.seed,
    backup: { port: port(values['backup-port'], '--backup-port') },
    snsPort: port(values['sns-port'], '--sns-port'),
    sqsPort: port(values['sqs-port'], '--sqs-port'),
    eventsPort: port(values['eventbridge-port'], '--eventbridge-port'),
    stepFunctionsPort: port(values['sfn-port'], '--sfn-port'),
    dynamoPort: port(values['dynamodb-port'], '--dynamodb-port'),
  });

  const lines = [
    '# restore-relay local AWS (stop with Ctrl-C)',
    ...Object.entries(local.env).map(
      ([name, value]) => `export ${name}=${value}`
    ),
    `# Backup emulator control:         ${local.backup.url}/_emulator/calls, /_emulator/jobs, /_emulator/events`,
    `# SNS emulator control:            ${local.sns.url}/_emulator/messages`,
    `# SQS emulator control:            ${local.sqs.url}/_emulator/messages?queue=${RELAY_DLQ_NAME}`,
    `# SQS request queue:               ${local.requestQueueUrl}`,
    `# EventBridge emulator control:    ${local.events.url}/_emulator/events?bus=default`,
    `# Step Functions emulator control: ${local.stepFunctions.url}/_emulator/tasks (POST {"name":…} makes a task token)`,
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stdout.write(`# ${signal}: stopping\n`);
    local.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `aws:local failed: ${error instanceof Error ? error.message : String(error)}\n`
  );
  process.exit(1);
});
