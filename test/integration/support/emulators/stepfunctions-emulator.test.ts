import {
  InvalidOutput,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  type SFNClientConfig,
  SFNServiceException,
  StartExecutionCommand,
  TaskTimedOut,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '#test/support/emulators/emulator-clock';
import {
  SFN_MAX_CAUSE_LENGTH,
  SFN_MAX_ERROR_LENGTH,
  SFN_MAX_OUTPUT_BYTES,
  SFN_MAX_TASK_TOKEN_LENGTH,
  type StepFunctionsEmulator,
  startStepFunctionsEmulator,
} from '#test/support/emulators/stepfunctions-emulator';
import { rejectionOf } from '#test/support/rejection-of';
import {
  controlClient,
  emulatorClientConfig,
  errorFault,
  GIVES_UP_AFTER_100_MS,
  recordingRetries,
  SdkClients,
} from './emulator-test-kit.js';

const START = '2026-11-28T09:00:00Z';
const OUTPUT = '{"restoreJobId":"JOB-1","status":"COMPLETED"}';
const TIMED_OUT_MESSAGE =
  "Task Timed Out: 'Provided task does not exist anymore'";

/** A JSON string value that is exactly `bytes` long when serialised. */
const jsonOfBytes = (bytes: number): string =>
  JSON.stringify('x'.repeat(bytes - 2));

describe('Step Functions emulator through @aws-sdk/client-sfn', () => {
  let emulator: StepFunctionsEmulator;
  let client: SFNClient;
  let taskToken: string;
  const clients = new SdkClients<SFNClient>();
  const clientWith = (config: Partial<SFNClientConfig> = {}) =>
    clients.add(
      new SFNClient({ ...emulatorClientConfig(emulator.url), ...config })
    );

  const succeed = (token = taskToken, output: string | undefined = OUTPUT) =>
    client.send(new SendTaskSuccessCommand({ taskToken: token, output }));
  const fail = (
    overrides: Partial<
      ConstructorParameters<typeof SendTaskFailureCommand>[0]
    > = {}
  ) =>
    client.send(
      new SendTaskFailureCommand({
        taskToken,
        error: 'RestoreFailed',
        cause: 'The restore job ended FAILED',
        ...overrides,
      })
    );

  beforeEach(async () => {
    emulator = await startStepFunctionsEmulator({
      region: 'eu-west-1',
      accountId: '111122223333',
      clock: createClock({ frozen: true, start: START }),
    });
    taskToken = emulator.createTaskToken({ name: 'WaitForRestore' });
    client = clientWith();
  });

  afterEach(async () => {
    clients.destroyAll();
    await emulator.close();
  });

  it('issues long, opaque, distinct tokens of waiting tasks', async () => {
    // Arrange
    const other = emulator.createTaskToken();

    // Act
    const tasks = emulator.tasks();

    // Assert
    expect(taskToken).toMatch(/^AQ[A-Za-z0-9+/]+={0,2}$/);
    expect(taskToken.length).toBeGreaterThan(500);
    expect(taskToken.length).toBeLessThanOrEqual(SFN_MAX_TASK_TOKEN_LENGTH);
    expect(other).not.toBe(taskToken);
    expect(tasks).toEqual([
      {
        taskToken,
        name: 'WaitForRestore',
        status: 'waiting',
      },
      { taskToken: other, status: 'waiting' },
    ]);
  });

  it('completes a task with SendTaskSuccess and records its parsed output', async () => {
    // Arrange
    emulator.clock.advance(1_500);

    // Act
    const output = await succeed();

    // Assert
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(emulator.task(taskToken)).toEqual({
      taskToken,
      name: 'WaitForRestore',
      status: 'succeeded',
      output: { restoreJobId: 'JOB-1', status: 'COMPLETED' },
      answeredAt: '2026-11-28T09:00:01.500Z',
    });
    expect(emulator.callsTo('SendTaskSuccess')).toMatchObject([
      {
        seq: 1,
        input: { taskToken, output: OUTPUT },
        outcome: { kind: 'ok', status: 200, taskName: 'WaitForRestore' },
      },
    ]);
  });

  it('fails a task with SendTaskFailure, with or without error and cause', async () => {
    // Arrange
    const bare = emulator.createTaskToken();

    // Act
    await fail();
    await client.send(new SendTaskFailureCommand({ taskToken: bare }));

    // Assert
    expect(emulator.task(taskToken)).toMatchObject({
      status: 'failed',
      error: 'RestoreFailed',
      cause: 'The restore job ended FAILED',
      answeredAt: '2026-11-28T09:00:00.000Z',
    });
    expect(emulator.task(bare)).toEqual({
      taskToken: bare,
      status: 'failed',
      answeredAt: '2026-11-28T09:00:00.000Z',
    });
  });

  it('answers InvalidToken for a token it never issued', async () => {
    // Arrange
    const fake = 'FakeTaskToken';

    // Act
    const onSuccess = await rejectionOf(succeed(fake));
    const onFailure = await rejectionOf(fail({ taskToken: fake }));

    // Assert
    expect(onSuccess).toBeInstanceOf(InvalidToken);
    expect(onSuccess).toMatchObject({
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: "Invalid Token: 'Invalid token'",
    });
    expect(onFailure).toBeInstanceOf(InvalidToken);
    expect(emulator.task(taskToken).status).toBe('waiting');
  });

  it('answers TaskTimedOut for every call on a task already answered', async () => {
    // Arrange
    await succeed();

    // Act
    const again = await rejectionOf(succeed(taskToken, '{"second":true}'));
    const failure = await rejectionOf(fail());

    // Assert
    for (const error of [again, failure]) {
      expect(error).toBeInstanceOf(TaskTimedOut);
      expect(error).toMatchObject({
        $metadata: { httpStatusCode: 400 },
        message: TIMED_OUT_MESSAGE,
      });
    }
    expect(emulator.task(taskToken)).toMatchObject({
      status: 'succeeded',
      output: { restoreJobId: 'JOB-1', status: 'COMPLETED' },
    });
  });

  it('answers TaskTimedOut once a waiting task timed out', async () => {
    // Arrange
    emulator.timeOut(taskToken);

    // Act
    const late = await rejectionOf(succeed());

    // Assert
    expect(late).toBeInstanceOf(TaskTimedOut);
    expect(emulator.task(taskToken)).toEqual({
      taskToken,
      name: 'WaitForRestore',
      status: 'timed-out',
    });
    expect(() => emulator.timeOut(taskToken)).toThrow(
      'the task is timed-out, not waiting'
    );
    expect(() => emulator.task('unknown')).toThrow('no such task token');
  });

  it('answers InvalidOutput for output that is not JSON, and accepts a JSON scalar', async () => {
    // Arrange
    const scalarToken = emulator.createTaskToken();

    // Act
    const notJson = await rejectionOf(succeed(taskToken, '{restoreJobId:1}'));
    const empty = await rejectionOf(succeed(taskToken, ''));
    await succeed(scalarToken, '42');

    // Assert
    expect(notJson).toBeInstanceOf(InvalidOutput);
    expect(notJson).toMatchObject({ $metadata: { httpStatusCode: 400 } });
    expect(empty).toBeInstanceOf(InvalidOutput);
    expect(emulator.task(taskToken).status).toBe('waiting');
    expect(emulator.task(scalarToken)).toMatchObject({
      status: 'succeeded',
      output: 42,
    });
  });

  describe('model constraints', () => {
    it('requires output, as a ValidationException', async () => {
      // Arrange
      const command = new SendTaskSuccessCommand({
        taskToken,
        output: undefined,
      });

      // Act
      const error = await rejectionOf(client.send(command));

      // Assert
      expect(error).toBeInstanceOf(ValidationException);
      expect(error).toMatchObject({
        $metadata: { httpStatusCode: 400 },
        message:
          "1 validation error detected: Value at 'output' failed to satisfy constraint: Member must not be null",
      });
    });

    it('takes output up to 262144 UTF-8 bytes and rejects one byte more before looking at the token', async () => {
      // Arrange
      const largest = jsonOfBytes(SFN_MAX_OUTPUT_BYTES);
      // 262146 bytes in fewer than 262144 characters.
      const multiByte = JSON.stringify('é'.repeat(SFN_MAX_OUTPUT_BYTES / 2));

      // Act
      const tooLarge = await rejectionOf(
        succeed(taskToken, jsonOfBytes(SFN_MAX_OUTPUT_BYTES + 1))
      );
      const tooManyBytes = await rejectionOf(
        succeed('FakeTaskToken', multiByte)
      );
      await succeed(taskToken, largest);

      // Assert
      expect(tooLarge).toBeInstanceOf(ValidationException);
      expect(tooLarge).toMatchObject({
        message:
          "1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to 262144",
      });
      expect(multiByte.length).toBeLessThan(SFN_MAX_OUTPUT_BYTES);
      expect(tooManyBytes).toBeInstanceOf(ValidationException);
      expect(emulator.task(taskToken).status).toBe('succeeded');
    });

    it('limits error to 256 and cause to 32768 characters, reporting both violations at once', async () => {
      // Arrange
      const error = 'E'.repeat(SFN_MAX_ERROR_LENGTH);
      const cause = 'c'.repeat(SFN_MAX_CAUSE_LENGTH);

      // Act
      const both = await rejectionOf(
        fail({ error: `${error}E`, cause: `${cause}c` })
      );
      await fail({ error, cause });

      // Assert
      expect(both).toBeInstanceOf(ValidationException);
      expect(both).toMatchObject({
        message:
          "2 validation errors detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256; Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768",
      });
      expect(emulator.task(taskToken)).toMatchObject({
        status: 'failed',
        error,
        cause,
      });
    });

    it('takes task tokens of 1 to 2048 characters', async () => {
      // Arrange
      const tooLong = 'A'.repeat(SFN_MAX_TASK_TOKEN_LENGTH + 1);

      // Act
      const empty = await rejectionOf(succeed(''));
      const long = await rejectionOf(succeed(tooLong));
      const longest = await rejectionOf(
        succeed('A'.repeat(SFN_MAX_TASK_TOKEN_LENGTH))
      );

      // Assert
      expect(empty).toBeInstanceOf(ValidationException);
      expect(empty).toMatchObject({
        message: expect.stringContaining(
          'Member must have length greater than or equal to 1'
        ),
      });
      expect(long).toBeInstanceOf(ValidationException);
      expect(longest).toBeInstanceOf(InvalidToken);
    });
  });

  it('answers an operation it does not implement with UnknownOperationException', async () => {
    // Arrange
    const command = new StartExecutionCommand({
      stateMachineArn:
        'arn:aws:states:eu-west-1:111122223333:stateMachine:restore',
    });

    // Act
    const error = await rejectionOf(client.send(command));

    // Assert
    expect(error).toBeInstanceOf(SFNServiceException);
    expect(error).toMatchObject({
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(emulator.calls.map((c) => c.operation)).toEqual(['StartExecution']);
  });

  it('writes service errors in the namespaced JSON 1.0 shape', async () => {
    // Arrange
    const request = (body: unknown) =>
      fetch(emulator.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AWSStepFunctions.SendTaskFailure',
        },
        body: JSON.stringify(body),
      });

    // Act
    const invalidToken = await request({ taskToken: 'nope' });
    const invalid = await request({});

    // Assert
    expect(invalidToken.status).toBe(400);
    expect(await invalidToken.json()).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#InvalidToken',
      message: "Invalid Token: 'Invalid token'",
    });
    expect(await invalid.json()).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "1 validation error detected: Value at 'taskToken' failed to satisfy constraint: Member must not be null",
    });
  });

  describe('faults', () => {
    it('lets the SDK retry through a 500 and a throttle to one answered task', async () => {
      // Arrange
      emulator.addFault(errorFault('SendTaskSuccess', 'InternalFailure', 500));
      emulator.addFault(
        errorFault('SendTaskSuccess', 'ThrottlingException', 400)
      );
      const { strategy, errorTypes } = recordingRetries(3);
      client = clientWith({ retryStrategy: strategy });

      // Act
      const output = await succeed();

      // Assert
      expect(output.$metadata.attempts).toBe(3);
      expect(errorTypes).toEqual(['TRANSIENT', 'THROTTLING']);
      expect(emulator.task(taskToken).status).toBe('succeeded');
      expect(
        emulator.callsTo('SendTaskSuccess').map((c) => c.outcome)
      ).toMatchObject([
        {
          kind: 'error',
          status: 500,
          errorCode: 'InternalFailure',
          source: 'fault',
        },
        { kind: 'error', status: 400, errorCode: 'ThrottlingException' },
        { kind: 'ok' },
      ]);
    });

    it('meets TaskTimedOut on the SDK retry when the reset came after the task was answered', async () => {
      // Arrange
      emulator.addFault({
        operation: 'SendTaskSuccess',
        kind: 'reset',
        afterEffect: true,
      });
      client = clientWith({ maxAttempts: 2 });

      // Act
      const error = await rejectionOf(succeed());

      // Assert
      expect(error).toBeInstanceOf(TaskTimedOut);
      expect(error).toMatchObject({ $metadata: { attempts: 2 } });
      expect(emulator.task(taskToken).status).toBe('succeeded');
      expect(emulator.calls.map((c) => c.outcome)).toMatchObject([
        { kind: 'reset', afterEffect: true },
        { kind: 'error', errorCode: 'TaskTimedOut', source: 'service' },
      ]);
    });

    it('hangs past the client timeout', async () => {
      // Arrange
      emulator.addFault({
        operation: 'SendTaskFailure',
        kind: 'hang',
        ms: 500,
      });
      client = clientWith(GIVES_UP_AFTER_100_MS);

      // Act
      const error = await rejectionOf(fail());

      // Assert
      expect(error).toMatchObject({ name: 'TimeoutError' });
    });
  });

  describe('control endpoints over HTTP', () => {
    const control = controlClient(() => emulator.url);

    it('creates tokens, lists tasks, and resets', async () => {
      // Arrange
      const created = await control('POST', 'tasks', { name: 'Approve' });
      const token = (created.json as { taskToken: string }).taskToken;

      // Act
      const listed = await control('GET', 'tasks');
      const reset = await control('POST', 'reset');
      const afterReset = await control('GET', 'tasks');

      // Assert
      expect(token).toMatch(/^AQ/);
      expect(listed.json).toEqual([
        expect.objectContaining({ taskToken, name: 'WaitForRestore' }),
        { taskToken: token, name: 'Approve', status: 'waiting' },
      ]);
      expect(reset.json).toEqual({ reset: true });
      expect(afterReset.json).toEqual([]);
      expect(emulator.calls).toEqual([]);
    });

    it('records calls, arms faults and advances the clock over HTTP', async () => {
      // Arrange
      await control(
        'POST',
        'faults',
        errorFault('SendTaskSuccess', 'InternalFailure', 503)
      );

      // Act
      const failed = await rejectionOf(succeed());
      const advanced = await control('POST', 'clock/advance', { ms: 2_000 });
      await succeed();
      const calls = await control('GET', 'calls?operation=SendTaskSuccess');

      // Assert
      expect(failed).toMatchObject({
        name: 'InternalFailure',
        $metadata: { httpStatusCode: 503 },
      });
      expect(advanced.json).toEqual({ now: '2026-11-28T09:00:02.000Z' });
      expect(emulator.task(taskToken)).toMatchObject({
        answeredAt: '2026-11-28T09:00:02.000Z',
      });
      expect(calls.json).toMatchObject([
        { seq: 1, outcome: { kind: 'error', source: 'fault' } },
        { seq: 2, outcome: { kind: 'ok' } },
      ]);
    });
  });
});
