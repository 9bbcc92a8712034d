import { describe, expect, it } from 'vitest';
import {
  type InvocationContext,
  lambdaContext,
} from '#test/support/lambda-context';
import {
  restoreRequestedEvent,
  sqsEvent,
  sqsRecord,
} from '#test/support/lambda-events';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';

// DEBUG, so every log line any source can write is written.
useLocalAws({ ...RELAY_ENV, POWERTOOLS_LOG_LEVEL: 'DEBUG' });

type Handler = (event: unknown, context: InvocationContext) => Promise<unknown>;

const SECRET = 's3cr3t-metadata-value-42';
const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

const request = (requestId: string, extra: object = {}) => ({
  requestId,
  recoveryPointArn: EFS_RP,
  backupVaultName: 'prod-primary',
  metadata: { CreationToken: SECRET },
  ...extra,
});

describe('logs of every source', () => {
  it('never contain a restore metadata value, on success, rejection or retry', async () => {
    // Arrange: import after the log level is set (the logger reads it once).
    const sqs = (await import('../../../functions/sqs-restore/handler.js'))
      .handler as Handler;
    const event = (await import('../../../functions/event-restore/handler.js'))
      .handler as Handler;
    const invoke = (
      await import('../../../functions/invoke-restore/handler.js')
    ).handler as Handler;
    // Powertools writes WARN and above to stderr, the rest to stdout.
    const lines: string[] = [];
    const streams = [process.stdout, process.stderr] as const;
    const writes = streams.map((stream) => stream.write);
    for (const stream of streams) {
      stream.write = ((chunk: unknown) => {
        lines.push(String(chunk));
        return true;
      }) as typeof stream.write;
    }

    // Act
    try {
      await sqs(
        sqsEvent(
          sqsRecord(request('logs-sqs')),
          sqsRecord(request('logs-sqs-bad', { IamRoleArn: 'x' })),
          sqsRecord(request('logs-sqs-vault', { backupVaultName: 'nope' }))
        ),
        lambdaContext()
      );
      await event(
        restoreRequestedEvent(
          request('logs-eb', { metadata: { Oops: SECRET } })
        ),
        lambdaContext()
      );
      await invoke(request('logs-invoke-2'), lambdaContext());
      await invoke(
        request('logs-invoke-2', {
          metadata: { CreationToken: `${SECRET}-2` },
        }),
        lambdaContext()
      ).catch(() => undefined);
    } finally {
      streams.forEach((stream, i) => {
        stream.write = writes[i] as typeof stream.write;
      });
    }

    // Assert
    const logs = lines
      .join('')
      .split('\n')
      .filter((l) => l.includes('"level"'));
    expect(logs.length).toBeGreaterThan(5);
    expect(logs.some((l) => l.includes('"correlation_id":"logs-sqs"'))).toBe(
      true
    );
    expect(logs.filter((l) => l.includes(SECRET))).toEqual([]);
  });
});
