import {
  InternalErrorException,
  InvalidParameterException,
  InvalidParameterValueException,
  NotFoundException,
  PublishCommand,
  SNSClient,
  type SNSClientConfig,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SnsEmulator,
  startSnsEmulator,
} from '#test/support/emulators/sns-emulator';
import { rejectionOf } from '#test/support/rejection-of';
import {
  controlClient,
  emulatorClientConfig,
  errorFault,
  GIVES_UP_AFTER_100_MS,
  SdkClients,
} from './emulator-test-kit.js';

const TOPIC = 'restore-relay-notifications';
const TOPIC_ARN = `arn:aws:sns:eu-west-1:111122223333:${TOPIC}`;

describe('SNS emulator through @aws-sdk/client-sns', () => {
  let emulator: SnsEmulator;
  let client: SNSClient;
  const clients = new SdkClients<SNSClient>();
  const clientWith = (config: Partial<SNSClientConfig> = {}) =>
    clients.add(
      new SNSClient({ ...emulatorClientConfig(emulator.url), ...config })
    );

  const publish = (
    overrides: Partial<ConstructorParameters<typeof PublishCommand>[0]> = {}
  ) =>
    client.send(
      new PublishCommand({
        TopicArn: TOPIC_ARN,
        Message: '{"restoreJobId":"JOB-1"}',
        ...overrides,
      })
    );

  beforeEach(async () => {
    emulator = await startSnsEmulator({ topics: [TOPIC] });
    client = clientWith();
  });

  afterEach(async () => {
    clients.destroyAll();
    await emulator.close();
  });

  it('records a published message with its attributes exactly', async () => {
    // Arrange
    const message = JSON.stringify({
      restoreJobId: 'JOB-1',
      note: 'a & b <c>',
    });

    // Act
    const output = await publish({
      Message: message,
      MessageAttributes: {
        eventType: { DataType: 'String', StringValue: 'restore.started' },
        resourceType: { DataType: 'String', StringValue: 'Storage Gateway' },
        attempt: { DataType: 'Number', StringValue: '2' },
        blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
        vaults: { DataType: 'String.Array', StringValue: '["prod-primary"]' },
      },
    });

    // Assert
    expect(output.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.messages()).toEqual([
      {
        MessageId: output.MessageId,
        TopicArn: TOPIC_ARN,
        Message: message,
        MessageAttributes: {
          eventType: { DataType: 'String', StringValue: 'restore.started' },
          resourceType: { DataType: 'String', StringValue: 'Storage Gateway' },
          attempt: { DataType: 'Number', StringValue: '2' },
          blob: { DataType: 'Binary', BinaryValue: 'AQID' },
          vaults: { DataType: 'String.Array', StringValue: '["prod-primary"]' },
        },
        receivedAt: expect.any(String),
      },
    ]);
  });

  it('answers NotFoundException for a topic that was never created', async () => {
    // Arrange
    const unknown = 'arn:aws:sns:eu-west-1:111122223333:nobody-created-me';

    // Act
    const error = await rejectionOf(publish({ TopicArn: unknown }));

    // Assert
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toMatchObject({
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
      message: 'Topic does not exist',
    });
    expect(emulator.messages()).toHaveLength(0);
  });

  it('answers InvalidParameter errors for an empty message, a bad ARN and a bad attribute', async () => {
    // Arrange
    const badAttribute = {
      n: { DataType: 'Number', StringValue: 'not-a-number' },
    };

    // Act
    const empty = await rejectionOf(publish({ Message: '' }));
    const badArn = await rejectionOf(publish({ TopicArn: 'not-an-arn' }));
    const attribute = await rejectionOf(
      publish({ MessageAttributes: badAttribute })
    );

    // Assert
    expect(empty).toBeInstanceOf(InvalidParameterException);
    expect(empty).toMatchObject({
      message: 'Invalid parameter: Empty message',
    });
    expect(badArn).toBeInstanceOf(InvalidParameterException);
    expect(attribute).toBeInstanceOf(InvalidParameterValueException);
  });

  describe('faults', () => {
    it('fails the next Publish with 500 InternalError, then recovers', async () => {
      // Arrange
      emulator.addFault(errorFault('Publish', 'InternalError', 500));

      // Act
      const error = await rejectionOf(publish());
      const next = await publish();

      // Assert
      expect(error).toBeInstanceOf(InternalErrorException);
      expect(error).toMatchObject({
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
      expect(emulator.messages().map((m) => m.MessageId)).toEqual([
        next.MessageId,
      ]);
    });

    it('throttles with 429 Throttled, which the SDK maps to ThrottledException', async () => {
      // Arrange
      emulator.addFault(errorFault('Publish', 'Throttled', 429));

      // Act
      const error = await rejectionOf(publish());

      // Assert
      expect(error).toBeInstanceOf(ThrottledException);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 429 } });
    });

    it('resets the connection without recording a message', async () => {
      // Arrange
      emulator.addFault({ operation: 'Publish', kind: 'reset' });

      // Act
      const error = await rejectionOf(publish());

      // Assert
      expect(error).toMatchObject({ code: 'ECONNRESET' });
      expect(emulator.messages()).toHaveLength(0);
      expect(emulator.calls[0]?.outcome).toEqual({
        kind: 'reset',
        afterEffect: false,
      });
    });

    it('duplicates a message when the reset comes after it was recorded and the SDK retries', async () => {
      // Arrange
      emulator.addFault({
        operation: 'Publish',
        kind: 'reset',
        afterEffect: true,
      });
      client = clientWith({ maxAttempts: 2 });

      // Act
      const output = await publish();

      // Assert
      expect(output.$metadata.attempts).toBe(2);
      expect(emulator.messages()).toHaveLength(2);
      expect(emulator.messages()[1]?.MessageId).toBe(output.MessageId);
    });

    it('adds latency past the client timeout, and hangs', async () => {
      // Arrange: latency and hang both outlast a client that gives up at 100 ms.
      client = clientWith(GIVES_UP_AFTER_100_MS);
      emulator.configure({ latencyMs: 300 });

      // Act
      const slow = await rejectionOf(publish());
      emulator.configure({ latencyMs: 0 });
      await publish();
      emulator.addFault({ operation: 'Publish', kind: 'hang', ms: 500 });
      const hung = await rejectionOf(publish());

      // Assert
      expect(slow).toMatchObject({ name: 'TimeoutError' });
      expect(hung).toMatchObject({ name: 'TimeoutError' });
      expect(emulator.messages()).toHaveLength(1);
    });
  });

  describe('control endpoints over HTTP', () => {
    const control = controlClient(() => emulator.url);

    // Faults, config, calls and reset over HTTP: control-plane.test.ts.
    it('lists messages and resets', async () => {
      // Arrange
      await publish({ Message: 'kept' });

      // Act
      const messages = await control(
        'GET',
        `messages?topicArn=${encodeURIComponent(TOPIC_ARN)}`
      );
      const reset = await control('POST', 'reset');
      const afterReset = await control('GET', 'messages');

      // Assert
      expect(messages.json).toMatchObject([
        { Message: 'kept', TopicArn: TOPIC_ARN },
      ]);
      expect(reset.json).toEqual({ reset: true });
      expect(afterReset.json).toEqual([]);
    });
  });
});
