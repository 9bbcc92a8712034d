import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackupEmulator } from '#test/support/emulators/backup/backup-emulator';
import type { RecordedCall } from '#test/support/emulators/call-record';
import { createClock } from '#test/support/emulators/emulator-clock';
import { startSnsEmulator } from '#test/support/emulators/sns-emulator';
import { startSqsEmulator } from '#test/support/emulators/sqs/sqs-emulator';
import type { EmulatorHandle } from '#test/support/emulators/wire-emulator';
import { controlClient, errorFault } from './emulator-test-kit.js';

type AnyEmulator = EmulatorHandle<string, RecordedCall<unknown>>;

/** One emulator, and one data-plane request of `operation` in its protocol. */
interface Subject {
  name: string;
  start(): Promise<AnyEmulator>;
  operation: string;
  request(emulator: AnyEmulator): Promise<Response>;
  /** Whether it has a clock (and so `POST clock/advance`). */
  clock: boolean;
}

const START = '2026-11-28T09:00:00Z';

const subjects: Subject[] = [
  {
    name: 'SNS',
    start: () => startSnsEmulator({ topics: ['t'] }),
    operation: 'Publish',
    request: (emulator) =>
      fetch(emulator.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=Publish&TopicArn=arn:aws:sns:eu-west-1:111122223333:t&Message=hi',
      }),
    clock: false,
  },
  {
    name: 'SQS',
    start: async () => {
      const emulator = await startSqsEmulator({
        clock: createClock({ frozen: true, start: START }),
      });
      emulator.createQueue('q');
      return emulator;
    },
    operation: 'SendMessage',
    request: (emulator) =>
      fetch(emulator.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AmazonSQS.SendMessage',
        },
        body: JSON.stringify({
          QueueUrl: `${emulator.url}/111122223333/q`,
          MessageBody: 'hi',
        }),
      }),
    clock: true,
  },
  {
    name: 'Backup',
    start: () =>
      startBackupEmulator({
        clock: createClock({ frozen: true, start: START }),
      }),
    operation: 'DescribeRestoreJob',
    request: (emulator) => fetch(`${emulator.url}/restore-jobs/unknown`),
    clock: true,
  },
];

describe.each(subjects)('$name emulator control plane', (subject) => {
  let emulator: AnyEmulator;
  const control = controlClient(() => emulator.url);

  beforeEach(async () => {
    emulator = await subject.start();
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('arms, lists and clears faults', async () => {
    // Arrange
    const one = errorFault(subject.operation, 'InternalError', 500);
    const two = { operation: '*', kind: 'reset', count: 2 };

    // Act
    const armed = await control('POST', 'faults', one);
    const both = await control('POST', 'faults', [two]);
    const listed = await control('GET', 'faults/');
    const cleared = await control('DELETE', 'faults');
    const after = await control('GET', 'faults');

    // Assert
    expect(armed.json).toEqual([{ rule: one, remaining: 1 }]);
    expect(both.json).toEqual([
      { rule: one, remaining: 1 },
      { rule: two, remaining: 2 },
    ]);
    expect(listed.json).toEqual(both.json);
    expect(cleared.json).toEqual([]);
    expect(after.json).toEqual([]);
  });

  it('answers the next call with an armed fault, records it, and resets', async () => {
    // Arrange
    await control(
      'POST',
      'faults',
      errorFault(subject.operation, 'InternalError', 503)
    );

    // Act
    const answer = await subject.request(emulator);
    const calls = await control('GET', `calls?operation=${subject.operation}`);
    const reset = await control('POST', 'reset');
    const afterReset = await control('GET', 'calls');

    // Assert
    expect(answer.status).toBe(503);
    expect(calls.json).toMatchObject([
      { seq: 1, outcome: { kind: 'error', status: 503, source: 'fault' } },
    ]);
    expect(reset.json).toEqual({ reset: true });
    expect(afterReset.json).toEqual([]);
    expect(emulator.calls).toEqual([]);
  });

  it('sets the latency knob', async () => {
    // Arrange
    const latencyMs = { [subject.operation]: 0, '*': 0 };

    // Act
    const set = await control('POST', 'config', { latencyMs });

    // Assert
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ latencyMs });
  });

  it('rejects invalid bodies with 400 and unknown endpoints with 404', async () => {
    // Arrange
    const unknownOperation = errorFault('NoSuchOperation', 'X', 500);

    // Act
    const notJson = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: '{',
    });
    const invalid = await control('POST', 'faults', unknownOperation);
    const unknown = await control('PUT', 'reset');

    // Assert
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'body is not valid JSON' });
    expect(invalid).toMatchObject({
      status: 400,
      json: { error: 'invalid body' },
    });
    expect(unknown).toEqual({
      status: 404,
      json: { error: 'no control endpoint PUT /_emulator/reset' },
    });
  });

  it('advances the clock only where the emulator has one', async () => {
    // Arrange
    const body = { ms: 5_000 };

    // Act
    const advanced = await control('POST', 'clock/advance', body);

    // Assert
    expect(advanced).toEqual(
      subject.clock
        ? { status: 200, json: { now: '2026-11-28T09:00:05.000Z' } }
        : {
            status: 404,
            json: {
              error: 'no control endpoint POST /_emulator/clock/advance',
            },
          }
    );
  });
});
