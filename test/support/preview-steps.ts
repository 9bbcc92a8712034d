/**
 * Steps for "the preview is the real run": one restore request seen three
 * ways on the local AWS, which must agree exactly:
 * - the offline `restore plan`, on files written from the Backup
 *   emulator's own answers as the AWS CLI prints them;
 * - the dry run of the invoke-restore handler;
 * - the `StartRestoreJob` input the emulator received from the real run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackupClient,
  DescribeRecoveryPointCommand,
  GetRecoveryPointRestoreMetadataCommand,
} from '@aws-sdk/client-backup';
import { main } from '#shared/cli/restore-cli';
import type { ResourceType } from '#shared/domain/resource-type';
import { handler as invokeHandler } from '../../functions/invoke-restore/handler.js';
import { lambdaContext } from './lambda-context.js';
import type { LocalAws } from './local/local-aws.js';

/** A StartRestoreJob input as JSON: what is compared. */
export type SentInput = Record<string, unknown>;

/** The AWS CLI v2's timestamp format (Python `isoformat()` in UTC). */
const cliTimestamp = (date: Date): string => {
  const iso = date.toISOString();
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${millis === '000' ? '' : `.${millis}000`}+00:00`;
};

/**
 * An SDK command output as `aws … --output json` prints it: the API's
 * members, no `$metadata`, timestamps as ISO 8601 (the CLI v2 default),
 * JSON nulls kept, four-space indent.
 *
 * @example
 * ```ts
 * await writeFile(file, awsCliJson(await client.send(command)));
 * ```
 */
export const awsCliJson = (output: object): string => {
  const { $metadata: _ignored, ...members } = output as Record<string, unknown>;
  return `${JSON.stringify(
    members,
    function (this: Record<string, unknown>, key, value: unknown) {
      const raw = this[key];
      return raw instanceof Date ? cliTimestamp(raw) : value;
    },
    4
  )}\n`;
};

/** The files an operator saves before planning offline. */
export interface SavedAwsOutputs {
  /** `aws backup get-recovery-point-restore-metadata` output. */
  readonly savedMetadata: string;
  /** `aws backup describe-recovery-point` output. */
  readonly recoveryPoint: string;
}

/**
 * Asks the Backup emulator, through the real SDK client, what the AWS CLI
 * would print for one recovery point, and writes it into `dir`.
 */
export const saveAwsOutputs = async (
  local: LocalAws,
  point: {
    readonly backupVaultName: string;
    readonly recoveryPointArn: string;
  },
  dir: string
): Promise<SavedAwsOutputs> => {
  const client = new BackupClient({
    endpoint: local.backup.url,
    region: local.backup.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const input = {
      BackupVaultName: point.backupVaultName,
      RecoveryPointArn: point.recoveryPointArn,
    };
    const savedMetadata = join(dir, 'restore-metadata.json');
    const recoveryPoint = join(dir, 'recovery-point.json');
    await writeFile(
      savedMetadata,
      awsCliJson(
        await client.send(new GetRecoveryPointRestoreMetadataCommand(input))
      )
    );
    await writeFile(
      recoveryPoint,
      awsCliJson(await client.send(new DescribeRecoveryPointCommand(input)))
    );
    return { savedMetadata, recoveryPoint };
  } finally {
    client.destroy();
  }
};

/** The three views of one request, and what the offline plan cost. */
export interface PreviewAndRun {
  /** `restore plan` offline: exit code, stdout parsed, stderr. */
  readonly offline: {
    readonly code: number;
    readonly input: SentInput | undefined;
    readonly stderr: string;
  };
  /** AWS Backup calls the offline plan made (none, if it is offline). */
  readonly offlineBackupCalls: number;
  /** The dry run's `plan.input`, as the invocation returns it (JSON). */
  readonly dryRun: SentInput;
  /** Every StartRestoreJob body the emulator received for the real run. */
  readonly received: readonly SentInput[];
  /** The saved AWS CLI output the offline plan read, parsed. */
  readonly saved: {
    readonly savedMetadata: Record<string, unknown>;
    readonly recoveryPoint: Record<string, unknown>;
  };
}

/**
 * Runs one request as a dry run and for real through the invoke-restore
 * handler, saves the chosen recovery point's AWS CLI output, and plans the
 * request offline from those files with `npm run -s restore -- plan
 * --request … --saved-metadata … --recovery-point … --deployment …` (in
 * process, with `env` as the command's environment).
 */
export const previewAndRun = async (
  local: LocalAws,
  body: Record<string, unknown>,
  options: {
    readonly deployment: string;
    readonly env: Readonly<Record<string, string>>;
  }
): Promise<PreviewAndRun> => {
  const dry = await invokeHandler({ ...body, dryRun: true }, lambdaContext());
  const real = await invokeHandler(body, lambdaContext());
  const received = local.backup
    .callsTo('StartRestoreJob')
    .map((c) => c.input as SentInput);

  const dir = await mkdtemp(join(tmpdir(), 'preview-'));
  try {
    const request = join(dir, 'request.json');
    await writeFile(request, JSON.stringify(body, null, 2));
    const files = await saveAwsOutputs(
      local,
      {
        backupVaultName: real.backupVaultName,
        recoveryPointArn: real.recoveryPointArn,
      },
      dir
    );

    const callsBefore = local.backup.calls.length;
    let stdout = '';
    let stderr = '';
    const code = await main(
      [
        'plan',
        '--request',
        request,
        '--saved-metadata',
        files.savedMetadata,
        '--recovery-point',
        files.recoveryPoint,
        '--deployment',
        options.deployment,
      ],
      {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        env: options.env,
      }
    );
    const read = async (file: string) =>
      JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    return {
      offline: {
        code,
        input: code === 0 ? (JSON.parse(stdout) as SentInput) : undefined,
        stderr,
      },
      offlineBackupCalls: local.backup.calls.length - callsBefore,
      dryRun: JSON.parse(JSON.stringify(dry.plan?.input)) as SentInput,
      received,
      saved: {
        savedMetadata: await read(files.savedMetadata),
        recoveryPoint: await read(files.recoveryPoint),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/**
 * The resource type of each example request (test/fixtures/requests and
 * test/fixtures/other-type-requests): one request per type.
 */
export const REQUEST_TYPES: Readonly<Record<string, ResourceType>> = {
  aurora: 'Aurora',
  cloudformation: 'CloudFormation',
  documentdb: 'DocumentDB',
  dynamodb: 'DynamoDB',
  ebs: 'EBS',
  ec2: 'EC2',
  efs: 'EFS',
  eks: 'EKS',
  fsx: 'FSx',
  neptune: 'Neptune',
  rds: 'RDS',
  redshift: 'Redshift',
  s3: 'S3',
  'sap-hana': 'SAP HANA on Amazon EC2',
  'storage-gateway': 'Storage Gateway',
  timestream: 'Timestream',
  'virtual-machine': 'VirtualMachine',
};

/**
 * The requests that restore in place (SAP HANA overwrites its target, EKS
 * goes into an existing cluster): they run where the deployment opts in.
 */
export const IN_PLACE_REQUESTS: readonly string[] = ['eks', 'sap-hana'];
