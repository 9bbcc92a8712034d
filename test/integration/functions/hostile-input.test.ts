/**
 * Hostile and unlucky input through the three real sources on the local AWS:
 * every request ends started, replayed, or rejected-kept-and-notified; a
 * permanent rejection is never turned into a retry by what it echoes.
 */
import type { SQSBatchResponse } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { serializeJson } from '#shared/domain/serialize-json';
import {
  deadLetters,
  notificationsOfType,
  useCapturedMetrics,
} from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import {
  restoreRequestedEvent,
  sqsEvent,
  sqsRecord,
} from '#test/support/lambda-events';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { handler as eventHandler } from '../../../functions/event-restore/handler.js';
import { handler as invokeHandler } from '../../../functions/invoke-restore/handler.js';
import { handler as sqsHandler } from '../../../functions/sqs-restore/handler.js';

const local = useLocalAws({ ...RELAY_ENV, AWS_SDK_MAX_ATTEMPTS: '2' });
useCapturedMetrics();

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';
const RDS = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) {
    value = { a: value };
  }
  return value;
};

/** Each source, sending a value (the SQS source as its JSON text, or text). */
const SOURCES = {
  sqs: async (body: unknown) => {
    const response = (await sqsHandler(
      sqsEvent(
        sqsRecord(typeof body === 'string' ? body : serializeJson(body))
      ),
      lambdaContext()
    )) as SQSBatchResponse;
    return response.batchItemFailures.length === 0 ? 'done' : 'retried';
  },
  eventbridge: async (body: unknown) => {
    await eventHandler(restoreRequestedEvent(body), lambdaContext());
    return 'done';
  },
  invoke: async (body: unknown) =>
    invokeHandler(body, lambdaContext()).then(
      () => 'started',
      (e: Error) => e.name
    ),
};

/** [case, the request, the error code it must be rejected with]. */
const HOSTILE: readonly [string, unknown, string][] = [
  [
    'a field named "\\u0000"',
    { '\u0000': 1, recoveryPointArn: EFS_RP, backupVaultName: 'prod-primary' },
    'RestoreRequestInvalid',
  ],
  [
    'an ARN ending in \\u0001',
    { recoveryPointArn: `${EFS_RP}\u0001`, backupVaultName: 'prod-primary' },
    'RestoreRequestInvalid',
  ],
  [
    'a role name with \\u0007',
    { resourceArn: RDS, restoreRole: 'db\u0007' },
    'RestoreRequestInvalid',
  ],
  [
    'a lone surrogate in an ARN',
    { recoveryPointArn: `${EFS_RP}\uD800`, backupVaultName: 'prod-primary' },
    'RestoreRequestInvalid',
  ],
  [
    'U+FFFE in a metadata value',
    {
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      metadata: { CreationToken: 'a\uFFFEb' },
    },
    'RestoreRequestInvalid',
  ],
  [
    '300 unknown metadata keys',
    {
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      metadata: Object.fromEntries(
        Array.from({ length: 300 }, (_, i) => [`Unknown${i}`, 'x'])
      ),
    },
    'RestoreRequestInvalid',
  ],
  [
    '80 unknown metadata keys named with emoji',
    {
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      metadata: Object.fromEntries(
        Array.from({ length: 80 }, (_, i) => [`${'😀'.repeat(100)}${i}`, 'x'])
      ),
    },
    'RestoreRequestInvalid',
  ],
  [
    'metadata nested 12,000 levels deep',
    { resourceArn: RDS, metadata: { DBName: nested(12_000) } },
    'RestoreRequestInvalid',
  ],
  [
    'a resource ARN whose service is "constructor"',
    { resourceArn: 'arn:aws:constructor:eu-west-1:111122223333:x/y' },
    'RecoveryPointNotFound',
  ],
];

describe.each(Object.entries(SOURCES))(
  'hostile input through %s',
  (source, send) => {
    it.each(HOSTILE)(
      '%s is rejected, kept and notified once',
      async (_name, body, code) => {
        // Act
        const answer = await send(body);

        // Assert: acknowledged (or, at the invoke source, answered with the code).
        expect(answer).toBe(source === 'invoke' ? code : 'done');
        const rejected = notificationsOfType(local(), 'restore.rejected');
        expect(rejected).toHaveLength(1);
        expect(rejected[0]?.reason.code).toBe(code);
        const [letter] = deadLetters(local());
        expect(letter?.attributes.errorCode).toBe(code);
        expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(0);
        // Within SNS's 256 KiB with room to spare.
        const [message] = local().sns.messages();
        expect(Buffer.byteLength(message?.Message ?? '')).toBeLessThan(
          128 * 1024
        );
      }
    );
  }
);

describe('what a rejection repeats', () => {
  it('keeps a body near SQS 1 MiB in the dead-letter queue, whole', async () => {
    // Arrange: a request of ~1 MiB (refused for its size, before parsing).
    const body = `{"recoveryPointArn":"${EFS_RP}","pad":"${'x'.repeat(1_048_000)}"}`;

    // Act
    const answer = await SOURCES.sqs(body);

    // Assert
    expect(answer).toBe('done');
    const [letter] = deadLetters(local());
    expect(letter?.body).toBe(body);
    expect(letter?.attributes.errorCode).toBe('RestoreRequestInvalid');
    expect(
      notificationsOfType(local(), 'restore.rejected')[0]?.reason.problems
    ).toEqual([
      {
        path: '',
        message: `the request is ${Buffer.byteLength(body)} bytes; at most 262144`,
      },
    ]);
  });

  it('never sends a metadata value or a task token to subscribers; the dead-letter copy keeps them', async () => {
    // Arrange
    const body = {
      resourceArn: RDS,
      taskToken: 'AQB8AAAAKgAAAAMAAAAAsecret',
      metadata: {
        TdeCredentialPassword: 'hunter2-secret',
        UserData: 'IyEvYmluL3No',
      },
    };

    // Act
    await SOURCES.sqs(body);

    // Assert
    const [rejected] = notificationsOfType(local(), 'restore.rejected');
    expect(rejected?.reason.code).toBe('PolicyViolation');
    expect(JSON.stringify(local().sns.messages())).not.toMatch(
      /hunter2|IyEv|AQB8/
    );
    expect(deadLetters(local())[0]?.body).toContain('hunter2-secret');
  });

  it('keeps a request nested 12,000 levels deep at the EventBridge and invoke sources', async () => {
    // Act
    const eventbridge = await SOURCES.eventbridge({
      resourceArn: RDS,
      x: nested(12_000),
    });
    const invoke = await SOURCES.invoke({
      resourceArn: RDS,
      x: nested(12_000),
    });

    // Assert
    expect([eventbridge, invoke]).toEqual(['done', 'RestoreRequestInvalid']);
    expect(deadLetters(local())).toHaveLength(2);
    expect(notificationsOfType(local(), 'restore.rejected')).toHaveLength(2);
  });
});
