/**
 * `npm start`: the local default. Starts the local AWS (DynamoDB Local and
 * the Backup, SNS, SQS, EventBridge and Step Functions emulators, seeded
 * with example recovery points), runs a realistic set of requests through
 * the three real source handlers (a queue batch, a custom EventBridge event,
 * an alarm entering ALARM, a direct invocation that a Step Functions task
 * waits on, a duplicate and an invalid request) with the real AWS SDK
 * clients, then lets the jobs end: AWS Backup's events go to the real
 * `track-restore` handler and `reconcile-restores` runs once. It prints what
 * happened and each job's outcome. For the demo one job fails (a failure
 * rule) and the events of another are lost, so the reconciler finds it.
 *
 * `npm start -- --request FILE` sends the request in FILE through the queue
 * source instead, with no staged failure, and prints its outcome and the same
 * summary; exit code 2 when the file is unreadable or the request is
 * rejected, 1 when the record failed and SQS would deliver it again (a job
 * that ends FAILED still exits 0).
 *
 * Test switch: `RESTORE_RELAY_LOCAL_BACKUP_FAULTS` holds fault rules (JSON,
 * as `POST /_emulator/faults` takes them) armed on the local AWS Backup
 * before anything runs, e.g. to make a request fail retryably.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ReconcileSummary } from '../../../shared/use-cases/reconcile-restores.js';
import { BACKUP_OPERATIONS } from '../emulators/backup/backup-operations.js';
import { faultRulesSchema } from '../emulators/fault-rules.js';
import type { CallbackTask } from '../emulators/stepfunctions-emulator.js';
import { exampleRequests } from '../example-requests.js';
import { type InvocationContext, lambdaContext } from '../lambda-context.js';
import {
  alarmEvent,
  restoreRequestedEvent,
  sqsEvent,
  sqsRecord,
} from '../lambda-events.js';
import { RELAY_ENV } from '../relay-env.js';
import { type LocalAws, startLocalAws } from './local-aws.js';

type Handler = (event: unknown, context: InvocationContext) => Promise<unknown>;

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

const ORDERS_DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

/** The DB instance the alarm rule restores into. */
const ALARM_DB_INSTANCE = 'orders-db-before-alarm';

/** The alarm rule of the demo: orders-db alarms restore the point before. */
const DEMO_ALARM_RULES = [
  {
    alarmNamePrefix: 'orders-db-',
    beforeAlarm: true,
    request: {
      resourceArn: ORDERS_DB,
      restoreRole: 'databases',
      metadata: { DBInstanceIdentifier: ALARM_DB_INSTANCE },
      context: { runbook: 'RB-7: orders-db data corruption' },
    },
  },
];

/**
 * The demo's failed job: the alarm's RDS restore ends FAILED, as a restore
 * role without enough permissions makes it. The text is the authorization
 * failure AWS Backup reports for restores (AWS Knowledge Center, "encoded
 * authorization failure"; seen there for EC2, its use for RDS is
 * illustrative).
 */
const DEMO_FAILURE = {
  resourceType: 'RDS',
  metadataEquals: { DBInstanceIdentifier: ALARM_DB_INSTANCE },
  statusMessage:
    'You are not authorized to perform this operation. Please consult the permissions associated with your AWS Backup role(s), and refer to the AWS Backup documentation for more details.',
};

/** The request whose AWS Backup events the demo loses on the way. */
const DEMO_LOST_EVENTS_REQUEST = 'demo-eventbridge-efs';

/** The Step Functions task that waits for the direct invocation's job. */
const DEMO_TASK_NAME = 'restore-and-wait';

/** The outcome notification types, in the order the summary counts them. */
const OUTCOME_TYPES = [
  'restore.completed',
  'restore.failed',
  'restore.aborted',
] as const;

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

const plural = (n: number, word: string): string =>
  `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the demo reads from a notification (never the context). */
interface Notice {
  type: string;
  requestId?: string;
  restoreJobId?: string;
  detectedBy?: string;
  durationSeconds?: number;
  createdResourceArn?: string;
  statusMessage?: string;
  reason?: {
    code: string;
    problems?: { path: string; message: string }[];
    message: string;
  };
}

/** Every notification published to the topic so far, oldest first. */
const notices = (local: LocalAws): Notice[] =>
  local.sns.messages().map((m) => JSON.parse(m.Message) as Notice);

/** Column width of outcome types and detail-types in the Outcomes section. */
const TYPE_WIDTH = Math.max(...OUTCOME_TYPES.map((t) => t.length));

const isOutcome = (n: Notice): boolean =>
  (OUTCOME_TYPES as readonly string[]).includes(n.type);

/**
 * The error code of each record `sqs-restore` failed (SQS delivers it
 * again), by messageId, from its WARN line "restore request will be
 * redelivered" (functions/sqs-restore/restore-from-record.ts).
 */
const redelivered = new Map<string, string>();

/**
 * Reads the handlers' log lines instead of printing them: Powertools writes
 * WARN and above as one JSON object per line to stderr. The summary is the
 * output, so JSON lines are kept off the terminal; anything else passes.
 */
const readHandlerLogs = (): void => {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    let line: unknown;
    try {
      line = JSON.parse(String(chunk));
    } catch {
      return write(chunk, ...rest);
    }
    const log = line as {
      message?: unknown;
      messageId?: unknown;
      errorCode?: unknown;
    };
    if (
      log.message === 'restore request will be redelivered' &&
      typeof log.messageId === 'string'
    ) {
      redelivered.set(log.messageId, String(log.errorCode ?? 'Unexpected'));
    }
    return true;
  }) as typeof process.stderr.write;
};

/** The records a queue batch response reports failed. */
const failedRecords = (result: unknown): string[] =>
  (
    (result as Partial<SQSBatchResponse> | undefined)?.batchItemFailures ?? []
  ).map((f) => f.itemIdentifier);

/** Prints what happened since `since`: jobs, notifications, dead letters. */
const report = (
  local: LocalAws,
  since: Mark,
  result: unknown,
  invocationFailed: boolean
): void => {
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
  for (const n of notices(local).slice(since.messages)) {
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
  const failed = failedRecords(result);
  for (const messageId of failed) {
    out(
      `    failed: not started and not rejected; SQS delivers the record again after its visibility timeout (errorCode=${redelivered.get(messageId) ?? 'unknown'})`
    );
  }
  if (
    starts.length === 0 &&
    letters.length === 0 &&
    failed.length === 0 &&
    !invocationFailed
  ) {
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
  reconcile: Handler;
  /** `track-restore` on the Backup emulator's events (lifecycle-steps). */
  lifecycle: typeof import('../lifecycle-steps.js');
}

/** Imported after the environment is set: the modules read it once. */
const loadHandlers = async (): Promise<Handlers> => ({
  sqs: (await import('../../../functions/sqs-restore/handler.js'))
    .handler as Handler,
  event: (await import('../../../functions/event-restore/handler.js'))
    .handler as Handler,
  invoke: (await import('../../../functions/invoke-restore/handler.js'))
    .handler as Handler,
  reconcile: (await import('../../../functions/reconcile-restores/handler.js'))
    .handler as Handler,
  lifecycle: await import('../lifecycle-steps.js'),
});

/** What one step's invocation returned, or that it failed. */
interface StepResult {
  result: unknown;
  invocationFailed: boolean;
}

const step = async (
  local: LocalAws,
  title: string,
  asked: string,
  run: () => Promise<unknown>
): Promise<StepResult> => {
  out();
  out(`▶ ${title}`);
  out(`    asked: ${asked}`);
  const since = mark(local);
  let result: unknown;
  let invocationFailed = false;
  try {
    result = await run();
  } catch (error) {
    const e = error as Error;
    invocationFailed = true;
    out(`    the invocation failed: ${e.name}: ${e.message}`);
  }
  report(local, since, result, invocationFailed);
  return { result, invocationFailed };
};

/**
 * Runs a batch through `sqs-restore` and returns what SQS makes of it. When
 * every record failed, Powertools throws instead of answering (the whole
 * batch returns to the queue): that is every record failed, too.
 */
const queueBatch = async (
  handlers: Handlers,
  event: SQSEvent
): Promise<SQSBatchResponse> => {
  let response: SQSBatchResponse;
  try {
    response = (await handlers.sqs(event, lambdaContext())) as SQSBatchResponse;
  } catch (error) {
    if (!(error instanceof FullBatchFailureError)) {
      throw error;
    }
    out(
      '    the invocation failed: every record of the batch failed (FullBatchFailureError), so SQS delivers the whole batch again'
    );
    return {
      batchItemFailures: event.Records.map((r) => ({
        itemIdentifier: r.messageId,
      })),
    };
  }
  const failures = response.batchItemFailures;
  out(
    `    batch response: ${failures.length} item failure(s)${failures.length > 0 ? ' (SQS redelivers them)' : ''}`
  );
  return response;
};

type Delivery = Awaited<
  ReturnType<Handlers['lifecycle']['finishJobs']>
>[number];

/** AWS Backup's job status in an event (`CREATED` events carry `state`). */
const statusOf = (event: Delivery['event']): string =>
  'status' in event.detail ? event.detail.status : event.detail.state;

const END_STATUSES = new Set(['COMPLETED', 'FAILED', 'ABORTED']);

/** "a", "a and b", "a, b and c". */
const joinAnd = (parts: string[]): string =>
  parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/** Counts of each value, in first-seen order: "3 COMPLETED, 1 FAILED". */
const tally = (values: string[]): string =>
  [...new Set(values)]
    .map((v) => `${values.filter((x) => x === v).length} ${v}`)
    .join(', ');

/** The scheduled event the reconciler's rule sends; it reads nothing of it. */
const scheduledEvent = (local: LocalAws) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: local.backup.accountId,
  time: `${new Date().toISOString().slice(0, 19)}Z`,
  region: local.backup.region,
  resources: [],
  detail: {},
});

const reconcileText = (s: ReconcileSummary): string => {
  const parts = [
    [
      s.published,
      `${s.published === 1 ? 'outcome' : 'outcomes'} published (the event never came)`,
    ],
    [s.alreadyPublished, 'already published meanwhile'],
    [s.stillOpen, 'still running'],
    [s.staleReported, 'reported restore.stale'],
    [s.unknownToAws, 'unknown to AWS Backup'],
    [s.closed, 'closed (AWS Backup no longer knows them)'],
    [s.failed, 'could not be checked (the next run retries)'],
  ] as const;
  const found = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  if (s.checked === 0) {
    return 'no job left open: every outcome came with its event';
  }
  return `checked ${plural(s.checked, 'open job')}${found.length > 0 ? `: ${found.join(', ')}` : ''}`;
};

/**
 * Lets every job end: the Backup emulator's clock moves past completion,
 * its "Restore Job State Change" events go to `track-restore` (through the
 * rule's pattern), then `reconcile-restores` runs once, as its schedule
 * would, for the jobs whose end event never came.
 */
const endJobs = async (
  local: LocalAws,
  handlers: Handlers,
  staged: string[]
): Promise<void> => {
  out();
  out("▶ The restore jobs end (the Backup emulator's clock moves on)");
  for (const line of staged) {
    out(`    staged: ${line}`);
  }
  const ends = (await handlers.lifecycle.finishJobs(local)).filter((d) =>
    END_STATUSES.has(statusOf(d.event))
  );
  const delivered = ends.filter((d) => d.outcome === 'delivered');
  out(
    `    track-restore got ${plural(delivered.length, 'end event')}` +
      (delivered.length > 0
        ? ` (${tally(delivered.map((d) => statusOf(d.event)))})`
        : '')
  );
  for (const d of ends) {
    const id = d.event.detail.restoreJobId;
    const requestId = notices(local).find(
      (n) => n.type === 'restore.started' && n.restoreJobId === id
    )?.requestId;
    const which = `the ${statusOf(d.event)} event of ${requestId ?? 'a job'} (restoreJobId=${id})`;
    if (d.outcome === 'dropped') {
      out(`    never arrived: ${which}`);
    } else if (d.outcome === 'failed') {
      const e = d.error as Error;
      out(
        `    track-restore failed on ${which}: ${e.name}: ${e.message} (the reconciler is the backstop)`
      );
    }
  }
  out();
  out('▶ reconcile-restores, as its schedule runs it');
  out(
    `    asked: DescribeRestoreJob for each job still open (RECONCILE_AFTER_SECONDS=${process.env.RECONCILE_AFTER_SECONDS} here, 900 by default)`
  );
  try {
    const summary = (await handlers.reconcile(
      scheduledEvent(local),
      lambdaContext()
    )) as ReconcileSummary;
    out(`    ${reconcileText(summary)}`);
  } catch (error) {
    const e = error as Error;
    out(`    the invocation failed: ${e.name}: ${e.message}`);
  }
};

/** What a Step Functions task was answered, in one line. */
const taskAnswer = (task: CallbackTask): string => {
  const about = (notice: unknown): string => {
    const n = notice as Partial<Notice> | undefined;
    return n?.type === undefined
      ? ''
      : `the ${n.type} notification (requestId=${n.requestId ?? '(none)'})`;
  };
  switch (task.status) {
    case 'succeeded':
      return `succeeded  output: ${about(task.output) || 'JSON'}`;
    case 'failed': {
      let cause: unknown;
      try {
        cause = JSON.parse(task.cause ?? '');
      } catch {
        cause = undefined;
      }
      return `failed  error=${task.error}${about(cause) ? `  cause: ${about(cause)}` : ''}`;
    }
    case 'waiting':
      return 'still waiting (no outcome yet)';
    case 'timed-out':
      return 'timed out before an answer';
  }
};

/**
 * Each job's outcome as SNS subscribers get it, the events on the outcome
 * bus and the Step Functions tasks' answers. No metadata and no context.
 */
const printOutcomes = (local: LocalAws, handlers: Handlers): void => {
  const all = notices(local);
  out();
  out('Outcomes (the notification of each job, in the order the jobs started)');
  for (const job of local.backup.jobs()) {
    const o = all.find(
      (n) => isOutcome(n) && n.restoreJobId === job.restoreJobId
    );
    if (o === undefined) {
      const started = all.find(
        (n) =>
          n.type === 'restore.started' && n.restoreJobId === job.restoreJobId
      );
      out(
        `    ${'no outcome yet'.padEnd(TYPE_WIDTH)}  requestId=${started?.requestId ?? '(none)'}  restoreJobId=${job.restoreJobId}  (AWS Backup says ${job.status})`
      );
      continue;
    }
    out(
      `    ${o.type.padEnd(TYPE_WIDTH)}  requestId=${o.requestId ?? '(none)'}  restoreJobId=${o.restoreJobId}`
    );
    const facts = [
      `detectedBy=${o.detectedBy}`,
      ...(o.durationSeconds === undefined
        ? []
        : [`durationSeconds=${o.durationSeconds}`]),
      ...(o.createdResourceArn === undefined
        ? []
        : [`createdResourceArn=${o.createdResourceArn}`]),
    ];
    out(`      ${facts.join('  ')}`);
    if (o.statusMessage !== undefined) {
      out(`      statusMessage: ${o.statusMessage}`);
    }
  }
  const bus = process.env.OUTCOME_EVENT_BUS_NAME ?? 'default';
  const events = handlers.lifecycle.outcomeEvents(local, bus);
  out(
    `  EventBridge bus "${bus}" (source ${process.env.OUTCOME_EVENT_SOURCE}): ${plural(events.length, 'event')}`
  );
  for (const e of events) {
    const detail = e.detail as { restoreJobId?: string };
    out(
      `    ${e.detailType.padEnd(TYPE_WIDTH)}  restoreJobId=${detail.restoreJobId}`
    );
  }
  for (const task of local.stepFunctions.tasks()) {
    out(`  Step Functions task "${task.name ?? '(unnamed)'}"`);
    out(`    ${taskAnswer(task)}`);
  }
};

/** The last line: jobs, notifications, dead letters and outcomes. */
const printSummary = (local: LocalAws): void => {
  const all = notices(local);
  const count = (type: string): number =>
    all.filter((n) => n.type === type).length;
  const outcomes = all.filter(isOutcome);
  const jobs = local.backup.jobs().length;
  const reconciled = outcomes.filter(
    (n) => n.detectedBy === 'reconciler'
  ).length;
  const open = jobs - outcomes.length;
  const counted = OUTCOME_TYPES.filter((t) => count(t) > 0).map(
    (t) => `${count(t)} ${t}`
  );
  out(
    `Summary: ${plural(jobs, 'restore job')} in AWS Backup, ` +
      `${count('restore.started')} restore.started and ` +
      `${count('restore.rejected')} restore.rejected notifications, ` +
      `${local.sqs.messages(local.dlqUrl).length} request(s) kept in the dead-letter queue. ` +
      `Outcomes: ${counted.length === 0 ? 'none' : joinAnd(counted)}` +
      (reconciled > 0 ? ` (${reconciled} found by the reconciler)` : '') +
      (open > 0 ? `, ${open} still open` : '') +
      '.'
  );
};

/** What a message may not decide, as docs/policy.md lists it. */
const POLICY_ATTACKS: readonly [string, Record<string, unknown>][] = [
  [
    'EC2 with a boot script (UserData)',
    {
      ...demoRequest('ec2'),
      metadata: { UserData: 'IyEvYmluL3NoCmN1cmwgZXZpbA==' },
    },
  ],
  [
    'S3 into a bucket nobody allowed',
    {
      ...demoRequest('s3'),
      metadata: { DestinationBucketName: 'exfil-bucket' },
    },
  ],
  [
    'RDS made public',
    { ...demoRequest('rds'), metadata: { PubliclyAccessible: 'TRUE' } },
  ],
  [
    "DynamoDB under another account's KMS key",
    {
      ...demoRequest('dynamodb'),
      metadata: {
        encryptionType: 'KMS',
        kmsMasterKeyArn:
          'arn:aws:kms:eu-west-1:999988887777:key/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
      },
    },
  ],
];

/**
 * The restore profiles at work: one legitimate request per resource type
 * through the queue (each starts), then requests that try to decide what
 * only the deployment may (each is refused before any AWS Backup write).
 */
const policyDemo = async (
  local: LocalAws,
  handlers: Handlers
): Promise<void> => {
  out();
  out(
    '▶ Restore profiles (docs/policy.md): one request per resource type, through the queue'
  );
  const examples = exampleRequests();
  const before = local.backup.callsTo('StartRestoreJob').length;
  const records = examples.map((e) =>
    sqsRecord({ ...e.body, requestId: `${String(e.body.requestId)}-profiles` })
  );
  for (let i = 0; i < records.length; i += 10) {
    await handlers.sqs(sqsEvent(...records.slice(i, i + 10)), lambdaContext());
  }
  // One call per job: a throttled call the SDK retried is the same job.
  const started = [
    ...new Map(
      local.backup
        .callsTo('StartRestoreJob')
        .slice(before)
        .map((c) => [c.input.IdempotencyToken, c])
    ).values(),
  ];
  for (const call of started) {
    const keys = Object.keys(call.input.Metadata as object).length;
    out(
      `    ${String(call.input.ResourceType).padEnd(16)} started, ${plural(keys, 'metadata key')}`
    );
  }
  out();
  out('▶ Restore profiles: what a message may not decide');
  const since = mark(local);
  for (const [what, body] of POLICY_ATTACKS) {
    const requestId = `${String(body.requestId)}-attack`;
    await handlers
      .invoke({ ...body, requestId }, lambdaContext())
      .catch(() => undefined);
    const [rejected] = notices(local).slice(-1);
    const problem = rejected?.reason?.problems?.[0];
    out(
      `    ${what.padEnd(42)} ${rejected?.reason?.code ?? 'not refused'} ${problem?.path ?? ''}: ${problem?.message ?? ''}`
    );
  }
  const writes = local.backup.callsTo('StartRestoreJob').length - since.starts;
  const refused = notices(local)
    .slice(since.messages)
    .filter((n) => n.reason?.code === 'PolicyViolation').length;
  out(
    `    ${started.length} of ${examples.length} resource types started; ${refused} of ${POLICY_ATTACKS.length} attempts refused (PolicyViolation), with ${writes} AWS Backup writes for them`
  );
};

const demo = async (local: LocalAws, handlers: Handlers): Promise<number> => {
  const efs = demoRequest('efs');
  const rds = demoRequest('rds');
  const dynamodb = demoRequest('dynamodb');
  // Decided when a job is created, so set before anything starts.
  local.backup.configure({ failureRules: [DEMO_FAILURE] });
  await step(
    local,
    'Queue: two requests in one SQS batch (EFS and RDS)',
    `${efs.requestId}, ${rds.requestId}`,
    () => queueBatch(handlers, sqsEvent(sqsRecord(efs), sqsRecord(rds)))
  );
  await step(
    local,
    'Queue: the same EFS message delivered again (a duplicate)',
    String(efs.requestId),
    () => queueBatch(handlers, sqsEvent(sqsRecord(efs)))
  );
  await step(
    local,
    'Queue: an invalid request (a misspelt field and a role ARN)',
    'recoveryPointARN + IamRoleArn',
    () =>
      queueBatch(
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
  const taskToken = local.stepFunctions.createTaskToken({
    name: DEMO_TASK_NAME,
  });
  const { result } = await step(
    local,
    'Direct invocation from a Step Functions task (.waitForTaskToken)',
    `${dynamodb.requestId}, with the task token of "${DEMO_TASK_NAME}", which waits for the outcome`,
    () => handlers.invoke({ ...dynamodb, taskToken }, lambdaContext())
  );
  out(`    returned: ${indent(JSON.stringify(result, null, 2), '    ')}`);
  const lost = notices(local).find(
    (n) =>
      n.type === 'restore.started' && n.requestId === DEMO_LOST_EVENTS_REQUEST
  )?.restoreJobId;
  local.backup.configure({ dropEvents: { restoreJobIds: [lost ?? ''] } });
  await endJobs(local, handlers, [
    "the alarm's orders-db restore fails (a failure rule in the Backup emulator)",
    `the events of ${DEMO_LOST_EVENTS_REQUEST}'s job get lost (AWS Backup sends them best effort)`,
  ]);
  printOutcomes(local, handlers);
  out();
  printSummary(local);
  await policyDemo(local, handlers);
  out();
  out('Next: npm start -- --request my-request.json (see docs/requests.md).');
  return 0;
};

const runFile = async (
  local: LocalAws,
  handlers: Handlers,
  body: string,
  file: string
): Promise<number> => {
  const since = mark(local);
  const { result, invocationFailed } = await step(
    local,
    `Queue: ${file}`,
    'your request, through the SQS source',
    () => queueBatch(handlers, sqsEvent(sqsRecord(body)))
  );
  const rejected = local.sqs.messages(local.dlqUrl).length > since.letters;
  // Neither started nor rejected: SQS would deliver the record again.
  const retried = invocationFailed || failedRecords(result).length > 0;
  if (local.backup.jobs().length > 0) {
    await endJobs(local, handlers, []);
    printOutcomes(local, handlers);
  }
  out();
  printSummary(local);
  return retried ? 1 : rejected ? 2 : 0;
};

/** Fault rules for the local AWS Backup, one or a list. */
const parseFaults = (value: unknown) => {
  const rules = faultRulesSchema(BACKUP_OPERATIONS).parse(value);
  return Array.isArray(rules) ? rules : [rules];
};

/**
 * The fault rules of `RESTORE_RELAY_LOCAL_BACKUP_FAULTS`, or undefined
 * (after a message) when they are not valid.
 */
const backupFaults = (
  text: string | undefined
): ReturnType<typeof parseFaults> | undefined => {
  if (text === undefined || text === '') {
    return [];
  }
  try {
    return parseFaults(JSON.parse(text));
  } catch (error) {
    out(
      `RESTORE_RELAY_LOCAL_BACKUP_FAULTS is not a list of fault rules: ${(error as Error).message}`
    );
    return undefined;
  }
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
  const faults = backupFaults(process.env.RESTORE_RELAY_LOCAL_BACKUP_FAULTS);
  if (faults === undefined) {
    return 2;
  }
  out(
    'restore-relay: starting the local AWS (DynamoDB Local; Backup, SNS, SQS, EventBridge and Step Functions emulators)…'
  );
  const local = await startLocalAws();
  for (const fault of faults) {
    local.backup.addFault(fault);
  }
  try {
    Object.assign(process.env, RELAY_ENV, local.env, {
      ALARM_RULES: JSON.stringify(DEMO_ALARM_RULES),
      // The lifecycle: the demo decides when jobs end, so the reconciler
      // looks at every open job; outcomes go to the default bus.
      RECONCILE_AFTER_SECONDS: '0',
      STALE_AFTER_SECONDS: '86400',
      OUTCOME_EVENT_BUS_NAME: 'default',
      OUTCOME_EVENT_SOURCE: 'restore-relay',
      // The summary below is the output; the handlers' JSON logs and EMF
      // metrics would drown it. WARN lines are read (readHandlerLogs), not
      // printed: they carry the error code of a record that failed.
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_LAMBDA_FUNCTION_NAME: 'restore-relay-local',
      // The local AWS Backup enforces StartRestoreJob's 5/s; one
      // environment may use 4/s of it here (the deployed default is 2/s).
      START_RATE_PER_SECOND: '4',
    });
    readHandlerLogs();
    const handlers = await loadHandlers();
    // The rule of serverless.yml: end states of restore jobs → track-restore.
    handlers.lifecycle.subscribeTracker(local);
    return body === undefined || values.request === undefined
      ? await demo(local, handlers)
      : await runFile(local, handlers, body, values.request);
  } finally {
    await local.stop();
  }
};

process.exitCode = await main();
