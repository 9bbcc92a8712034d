/**
 * `npm start`: the local default. Starts the local AWS (DynamoDB Local and
 * the Backup, SNS and SQS emulators, seeded with example recovery points),
 * runs a realistic set of requests through the three real handlers (a
 * queue batch, a custom EventBridge event, an alarm entering ALARM, a
 * direct invocation, a duplicate and an invalid request) with the real AWS
 * SDK clients, and prints what happened.
 *
 * `npm start -- --request FILE` sends the request in FILE through the queue
 * door instead and prints the same summary; exit code 2 when the file is
 * unreadable or the request is rejected.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext } from '../lambda-context.js';
import {
  alarmEvent,
  restoreRequestedEvent,
  sqsEvent,
  sqsRecord,
} from '../lambda-events.js';
import { RELAY_ENV } from '../relay-env.js';
import { type LocalAws, startLocalAws } from './local-aws.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

const ORDERS_DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

/** The alarm rule of the demo: orders-db alarms restore the point before. */
const DEMO_ALARM_RULES = [
  {
    alarmNamePrefix: 'orders-db-',
    beforeAlarm: true,
    request: {
      resourceArn: ORDERS_DB,
      restoreRole: 'databases',
      metadata: { DBInstanceIdentifier: 'orders-db-before-alarm' },
      context: { runbook: 'RB-7: orders-db data corruption' },
    },
  },
];

const demoRequest = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL(`../../fixtures/requests/${name}.json`, import.meta.url),
      'utf8'
    )
  ) as Record<string, unknown>;

interface Mark {
  starts: number;
  messages: number;
  letters: number;
}

const mark = (local: LocalAws): Mark => ({
  starts: local.backup.callsTo('StartRestoreJob').length,
  messages: local.sns.messages().length,
  letters: local.sqs.messages(local.dlqUrl).length,
});

const indent = (text: string, by = '      '): string =>
  text.replaceAll('\n', `\n${by}`);

/** Prints what happened since `since`: jobs, notifications, dead letters. */
const report = (local: LocalAws, since: Mark, result: unknown): void => {
  if ((result as { status?: string } | undefined)?.status === 'ignored') {
    out('    ignored: no restore, no notification');
    return;
  }
  const starts = local.backup.callsTo('StartRestoreJob').slice(since.starts);
  for (const call of starts) {
    const job = local.backup
      .jobs()
      .find((j) => j.idempotencyToken === call.input.IdempotencyToken);
    out(`    StartRestoreJob ${String(call.input.ResourceType)}`);
    out(`      recovery point ${String(call.input.RecoveryPointArn)}`);
    out(`      role           ${String(call.input.IamRoleArn)}`);
    out(
      `      metadata sent  ${indent(JSON.stringify(call.input.Metadata, null, 2))}`
    );
    out(`      RestoreJobId   ${job?.restoreJobId ?? '(none)'}`);
  }
  for (const message of local.sns.messages().slice(since.messages)) {
    const n = JSON.parse(message.Message) as {
      type: string;
      requestId?: string;
      restoreJobId?: string;
      reason?: {
        code: string;
        problems?: { path: string; message: string }[];
        message: string;
      };
    };
    if (n.type === 'restore.started') {
      out(
        `    notified  restore.started  requestId=${n.requestId} restoreJobId=${n.restoreJobId}`
      );
    } else {
      out(
        `    notified  ${n.type}  requestId=${n.requestId ?? '(none)'} code=${n.reason?.code}`
      );
      const problems = n.reason?.problems ?? [];
      for (const p of problems) {
        out(`      why: ${p.path || '(request)'}: ${p.message}`);
      }
      if (problems.length === 0 && n.reason !== undefined) {
        out(`      why: ${n.reason.message}`);
      }
    }
  }
  const letters = local.sqs.messages(local.dlqUrl).slice(since.letters);
  for (const letter of letters) {
    out(
      `    kept in the dead-letter queue (errorCode=${letter.attributes.errorCode?.StringValue})`
    );
  }
  if (starts.length === 0 && letters.length === 0) {
    const replayed = local.sns.messages().length === since.messages;
    out(
      replayed
        ? '    no new job: answered from the idempotency record (replayed)'
        : '    no restore job'
    );
  }
};

interface Handlers {
  sqs: Handler;
  event: Handler;
  invoke: Handler;
}

/** Imported after the environment is set: the modules read it once. */
const loadHandlers = async (): Promise<Handlers> => ({
  sqs: (await import('../../../functions/sqs-restore/handler.js'))
    .handler as Handler,
  event: (await import('../../../functions/event-restore/handler.js'))
    .handler as Handler,
  invoke: (await import('../../../functions/invoke-restore/handler.js'))
    .handler as Handler,
});

const step = async (
  local: LocalAws,
  title: string,
  asked: string,
  run: () => Promise<unknown>
): Promise<unknown> => {
  out();
  out(`▶ ${title}`);
  out(`    asked: ${asked}`);
  const since = mark(local);
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    const e = error as Error;
    out(`    the invocation failed: ${e.name}: ${e.message}`);
  }
  report(local, since, result);
  return result;
};

const queueBatch = (local: LocalAws, handlers: Handlers, event: SQSEvent) =>
  handlers
    .sqs(event, lambdaContext())
    .then((response) => {
      const failures = (response as SQSBatchResponse).batchItemFailures;
      out(
        `    batch response: ${failures.length} item failure(s)${failures.length > 0 ? ' (SQS redelivers them)' : ''}`
      );
      return response;
    })
    .finally(() => local);

const demo = async (local: LocalAws, handlers: Handlers): Promise<number> => {
  const efs = demoRequest('efs');
  const rds = demoRequest('rds');
  const dynamodb = demoRequest('dynamodb');
  await step(
    local,
    'Queue: two requests in one SQS batch (EFS and RDS)',
    `${efs.requestId}, ${rds.requestId}`,
    () => queueBatch(local, handlers, sqsEvent(sqsRecord(efs), sqsRecord(rds)))
  );
  await step(
    local,
    'Queue: the same EFS message delivered again (a duplicate)',
    String(efs.requestId),
    () => queueBatch(local, handlers, sqsEvent(sqsRecord(efs)))
  );
  await step(
    local,
    'Queue: an invalid request (a misspelt field and a role ARN)',
    'recoveryPointARN + IamRoleArn',
    () =>
      queueBatch(
        local,
        handlers,
        sqsEvent(
          sqsRecord({
            requestId: 'demo-invalid',
            recoveryPointARN: EFS_RP,
            backupVaultName: 'prod-primary',
            IamRoleArn: 'arn:aws:iam::111122223333:role/admin',
          })
        )
      )
  );
  await step(
    local,
    'EventBridge: a custom "Restore Requested" event',
    'detail = the EFS point, restored into a new file system',
    () =>
      handlers.event(
        restoreRequestedEvent({
          requestId: 'demo-eventbridge-efs',
          recoveryPointArn: EFS_RP,
          backupVaultName: 'prod-primary',
          metadata: { newFileSystem: true },
        }),
        lambdaContext()
      )
  );
  await step(
    local,
    'EventBridge: CloudWatch alarm orders-db-bad-writes goes OK → ALARM',
    'rule orders-db-*: restore orders-db from the last point before the alarm (2026-11-20T04:16Z)',
    () =>
      handlers.event(
        alarmEvent({
          alarmName: 'orders-db-bad-writes',
          stateTimestamp: '2026-11-20T04:16:10.447+0000',
        }),
        lambdaContext()
      )
  );
  await step(
    local,
    'EventBridge: the same alarm goes back to OK',
    'nothing: only transitions into ALARM restore',
    () =>
      handlers.event(
        alarmEvent({
          alarmName: 'orders-db-bad-writes',
          value: 'OK',
          previousValue: 'ALARM',
        }),
        lambdaContext()
      )
  );
  const result = await step(
    local,
    'Direct invocation (Step Functions, another Lambda)',
    String(dynamodb.requestId),
    () => handlers.invoke(dynamodb, lambdaContext())
  );
  out(`    returned: ${indent(JSON.stringify(result, null, 2), '    ')}`);
  out();
  const notified = local.sns.messages().map((m) => JSON.parse(m.Message));
  out(
    `Summary: ${local.backup.jobs().length} restore jobs in AWS Backup, ` +
      `${notified.filter((n) => n.type === 'restore.started').length} restore.started and ` +
      `${notified.filter((n) => n.type === 'restore.rejected').length} restore.rejected notifications, ` +
      `${local.sqs.messages(local.dlqUrl).length} request(s) kept in the dead-letter queue.`
  );
  out(
    'Next: npm start -- --request my-request.json (see README, "Send a restore request").'
  );
  return 0;
};

const runFile = async (
  local: LocalAws,
  handlers: Handlers,
  body: string,
  file: string
): Promise<number> => {
  const since = mark(local);
  await step(
    local,
    `Queue: ${file}`,
    'your request, through the SQS door',
    () => queueBatch(local, handlers, sqsEvent(sqsRecord(body)))
  );
  const rejected = local.sqs.messages(local.dlqUrl).length > since.letters;
  return rejected ? 2 : 0;
};

const readRequestFile = (file: string): string | undefined => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    out(`cannot read ${file}: ${(error as Error).message}`);
    return undefined;
  }
  try {
    JSON.parse(text);
  } catch (error) {
    out(
      `${file} is not JSON (${(error as Error).message}); a restore request is a JSON object, see shared/events/schemas/restore-request.v1.schema.json`
    );
    return undefined;
  }
  return text;
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: { request: { type: 'string' } },
    strict: true,
  });
  const body =
    values.request === undefined ? undefined : readRequestFile(values.request);
  if (values.request !== undefined && body === undefined) {
    return 2;
  }
  out(
    'restore-relay: starting the local AWS (DynamoDB Local; Backup, SNS and SQS emulators)…'
  );
  const local = await startLocalAws();
  try {
    Object.assign(process.env, RELAY_ENV, local.env, {
      ALARM_RULES: JSON.stringify(DEMO_ALARM_RULES),
      // The summary below is the output; the handlers' JSON logs and EMF
      // metrics would drown it.
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_LAMBDA_FUNCTION_NAME: 'restore-relay-local',
    });
    const handlers = await loadHandlers();
    return body === undefined || values.request === undefined
      ? await demo(local, handlers)
      : await runFile(local, handlers, body, values.request);
  } finally {
    await local.stop();
  }
};

process.exitCode = await main();
