/**
 * `npm start`: the local default. Starts the local AWS (DynamoDB Local and
 * the Backup and SNS emulators, seeded with example recovery points), runs a
 * realistic set of restore requests through the real start-restore use case
 * and the real AWS SDK clients, and prints what happened.
 */

import { AppError } from '#shared/errors/app-error';
import { RequestValidationError } from '#shared/errors/request-validation-error';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { startRestore } from '#shared/use-cases/start-restore';
import { exampleRequests } from '../example-requests.js';
import { RELAY_ENV } from '../relay-env.js';
import { startLocalAws } from './local-aws.js';
import { localRestoreDeps } from './local-restore-deps.js';

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

const main = async (): Promise<number> => {
  out(
    'restore-relay: starting the local AWS (DynamoDB Local, Backup and SNS emulators)…'
  );
  const local = await startLocalAws();
  try {
    Object.assign(process.env, local.env, RELAY_ENV);
    const deps = localRestoreDeps(local);
    const cases: { title: string; body: unknown }[] = [
      ...exampleRequests().map((e) => ({ title: e.name, body: e.body })),
      {
        title: 'duplicate of efs (redelivery)',
        body: exampleRequests()[4]?.body,
      },
      {
        title: 'dry run (plan only)',
        body: {
          recoveryPointArn: EFS_RP,
          backupVaultName: 'prod-primary',
          dryRun: true,
        },
      },
      {
        title: 'invalid: misspelt field',
        body: { recoveryPointARN: EFS_RP, backupVaultName: 'prod-primary' },
      },
      {
        title: 'invalid: role not on the allowlist',
        body: {
          recoveryPointArn: EFS_RP,
          backupVaultName: 'prod-primary',
          restoreRole: 'arn:aws:iam::111122223333:role/admin',
        },
      },
      {
        title: 'invalid: EBS without an availability zone',
        body: {
          recoveryPointArn:
            'arn:aws:ec2:eu-west-1::snapshot/snap-068beea0c7a22b1b5',
          backupVaultName: 'prod-primary',
        },
      },
    ];
    let started = 0;
    let rejected = 0;
    for (const { title, body } of cases) {
      out();
      out(`▶ ${title}`);
      try {
        const request = parseRestoreRequest(body);
        const result = await startRestore(request, deps, { source: 'cli' });
        out(`  resource type   ${result.resourceType}`);
        out(
          `  recovery point  ${result.recoveryPointArn} (${result.backupVaultName})`
        );
        if (result.plan) {
          out('  dry run: would send');
          out(
            `  ${JSON.stringify(result.plan.input, null, 2).replaceAll('\n', '\n  ')}`
          );
          continue;
        }
        const job = local.backup
          .jobs()
          .find((j) => j.restoreJobId === result.restoreJobId);
        out(`  metadata sent   ${JSON.stringify(job?.input.Metadata)}`);
        out(
          `  restore job     ${result.restoreJobId}${result.replayed ? ' (replayed: no new job)' : ''}`
        );
        started += result.replayed ? 0 : 1;
      } catch (error) {
        rejected += 1;
        if (error instanceof RequestValidationError) {
          out(`  rejected        ${error.code}`);
          for (const p of error.problems) {
            out(`    ${p.path || '(request)'}: ${p.message}`);
          }
        } else if (error instanceof AppError) {
          out(`  rejected        ${error.code}: ${error.message}`);
        } else {
          throw error;
        }
      }
    }
    out();
    out('Notifications published to SNS:');
    for (const m of local.sns.messages()) {
      const n = JSON.parse(m.Message) as Record<string, string | undefined>;
      out(
        `  ${n.type}  ${(n.resourceType ?? '').padEnd(16)} ${n.restoreJobId}  requestId=${n.requestId}`
      );
    }
    out();
    out(
      `Summary: ${cases.length} requests, ${started} restore jobs started, ${rejected} rejected, ` +
        `${local.backup.jobs().length} jobs in AWS Backup, ${local.sns.messages().length} notifications.`
    );
    return 0;
  } finally {
    await local.stop();
  }
};

process.exitCode = await main();
