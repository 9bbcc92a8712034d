import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  RequestThrottled,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  type SQSClientConfig,
  SQSServiceException,
  UnsupportedOperation,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '#test/support/emulators/emulator-clock';
import {
  type SqsEmulator,
  startSqsEmulator,
} from '#test/support/emulators/sqs/sqs-emulator';
import { SQS_MAX_MESSAGE_BYTES } from '#test/support/emulators/sqs/sqs-operations';
import { rejectionOf } from '#test/support/rejection-of';
import {
  controlClient,
  emulatorClientConfig,
  errorFault,
  GIVES_UP_AFTER_100_MS,
  SdkClients,
} from './emulator-test-kit.js';

const ACCOUNT = '111122223333';
const QUEUE = 'restore-relay-dlq';
const BODY = '{"restoreJobId":"JOB-1"}';
// MD5 of BODY, and of the attributes in the attribute test, computed
// outside this code base (Python hashlib, the documented algorithm).
const BODY_MD5 = '863418b38a031136c6ac86ff4968380c';
const ATTRIBUTES_MD5 = '12735d6652591cf6b305378936d23848';

describe('SQS emulator through @aws-sdk/client-sqs', () => {
  let emulator: SqsEmulator;
  let client: SQSClient;
  let queueUrl: string;
  const clients = new SdkClients<SQSClient>();
  const clientWith = (config: Partial<SQSClientConfig> = {}) =>
    clients.add(
      new SQSClient({ ...emulatorClientConfig(emulator.url), ...config })
    );

  const sendMessage = (
    overrides: Partial<ConstructorParameters<typeof SendMessageCommand>[0]> = {}
  ) =>
    client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: BODY,
        ...overrides,
      })
    );

  const receive = (
    overrides: Partial<
      ConstructorParameters<typeof ReceiveMessageCommand>[0]
    > = {}
  ) =>
    client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
        ...overrides,
      })
    );

  beforeEach(async () => {
    emulator = await startSqsEmulator({
      region: 'eu-west-1',
      accountId: ACCOUNT,
      clock: createClock({ frozen: true, start: '2026-11-28T09:00:00Z' }),
    });
    queueUrl = emulator.createQueue(QUEUE);
    client = clientWith();
  });

  afterEach(async () => {
    clients.destroyAll();
    await emulator.close();
  });

  it('creates queues in process and answers their attributes', async () => {
    // Arrange
    const name = 'restore-relay-requests';
    const created = emulator.createQueue(name, { VisibilityTimeout: '180' });
    const again = emulator.createQueue(name);

    // Act
    await client.send(
      new SendMessageCommand({ QueueUrl: created, MessageBody: BODY })
    );
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: created,
        AttributeNames: [
          'QueueArn',
          'ApproximateNumberOfMessages',
          'VisibilityTimeout',
        ],
      })
    );

    // Assert
    expect(created).toBe(`${emulator.url}/${ACCOUNT}/${name}`);
    expect(again).toBe(created);
    expect(Attributes).toEqual({
      QueueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}`,
      ApproximateNumberOfMessages: '1',
      VisibilityTimeout: '180',
    });
  });

  it('rejects an unknown queue attribute and a same-named queue with other attributes', () => {
    // Arrange
    const createQueue = (attributes: Record<string, string>) => () =>
      emulator.createQueue(QUEUE, attributes);

    // Act
    const same = createQueue({ VisibilityTimeout: '30' })();

    // Assert
    expect(createQueue({ Colour: 'blue' })).toThrow(
      expect.objectContaining({ code: 'InvalidAttributeName' })
    );
    expect(createQueue({ VisibilityTimeout: '5' })).toThrow(
      expect.objectContaining({ code: 'QueueNameExists' })
    );
    expect(same).toBe(queueUrl);
  });

  it('sends, receives and deletes a message, with body MD5s the SDK accepts', async () => {
    // Arrange
    const sent = await sendMessage();

    // Act
    const received = await receive();
    const handle = received.Messages?.[0]?.ReceiptHandle;
    await client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle })
    );
    const afterDelete = await receive();

    // Assert
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.MD5OfMessageBody).toBe(BODY_MD5);
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    expect(received.Messages).toEqual([
      {
        MessageId: sent.MessageId,
        ReceiptHandle: expect.any(String),
        MD5OfBody: BODY_MD5,
        Body: BODY,
        Attributes: {
          SenderId: ACCOUNT,
          SentTimestamp: String(Date.parse('2026-11-28T09:00:00Z')),
          ApproximateReceiveCount: '1',
          ApproximateFirstReceiveTimestamp: String(
            Date.parse('2026-11-28T09:00:00Z')
          ),
        },
      },
    ]);
    expect(afterDelete.Messages).toBeUndefined();
    expect(emulator.messages(queueUrl)).toEqual([
      {
        messageId: sent.MessageId,
        body: BODY,
        attributes: {},
        sentAt: '2026-11-28T09:00:00.000Z',
      },
    ]);
    expect(emulator.callsTo('DeleteMessage')).toMatchObject([
      { outcome: { kind: 'ok', messageIds: [sent.MessageId] } },
    ]);
  });

  it('preserves message attributes, binary ones included, with the documented attribute MD5', async () => {
    // Arrange
    const attributes = {
      eventType: { DataType: 'String', StringValue: 'restore.started' },
      attempt: { DataType: 'Number', StringValue: '2' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
    };

    // Act
    const sent = await sendMessage({ MessageAttributes: attributes });
    const onlyEvent = await receive({
      MessageAttributeNames: ['eventType'],
      VisibilityTimeout: 0,
    });
    const all = await receive();

    // Assert
    expect(sent.MD5OfMessageAttributes).toBe(ATTRIBUTES_MD5);
    expect(onlyEvent.Messages?.[0]?.MessageAttributes).toEqual({
      eventType: { DataType: 'String', StringValue: 'restore.started' },
    });
    expect(all.Messages?.[0]?.MessageAttributes).toEqual(attributes);
    expect(all.Messages?.[0]?.MD5OfMessageAttributes).toBe(ATTRIBUTES_MD5);
    expect(emulator.messages(queueUrl)[0]?.attributes).toEqual({
      eventType: { DataType: 'String', StringValue: 'restore.started' },
      attempt: { DataType: 'Number', StringValue: '2' },
      blob: { DataType: 'Binary', BinaryValue: 'AQID' },
    });
  });

  it('hides a received message for its visibility timeout and honours DelaySeconds, on the emulator clock', async () => {
    // Arrange
    await sendMessage({ MessageBody: 'now' });
    await sendMessage({ MessageBody: 'later', DelaySeconds: 60 });

    // Act
    const first = await receive({ VisibilityTimeout: 30 });
    const whileHidden = await receive();
    emulator.clock.advance(60_000);
    const afterTimeout = await receive();

    // Assert
    expect(first.Messages?.map((m) => m.Body)).toEqual(['now']);
    expect(whileHidden.Messages).toBeUndefined();
    expect(
      afterTimeout.Messages?.map((m) => [
        m.Body,
        m.Attributes?.ApproximateReceiveCount,
      ])
    ).toEqual([
      ['now', '2'],
      ['later', '1'],
    ]);
  });

  it('returns a message sent while a long-polling receive waits', async () => {
    // Arrange
    const waiting = receive({ WaitTimeSeconds: 1 });
    await vi.waitFor(() =>
      expect(emulator.callsTo('ReceiveMessage')).toMatchObject([
        { outcome: { kind: 'pending' } },
      ])
    );

    // Act
    await sendMessage({ MessageBody: 'arrived' });
    const received = await waiting;

    // Assert
    expect(received.Messages?.map((m) => m.Body)).toEqual(['arrived']);
  });

  it('sends a batch, reporting a bad entry as failed and the rest with their MD5s', async () => {
    // Arrange
    const entries = [
      { Id: 'first', MessageBody: 'one' },
      { Id: 'empty', MessageBody: '' },
      {
        Id: 'third',
        MessageBody: 'three',
        MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
      },
    ];

    // Act
    const output = await client.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries })
    );
    const duplicateIds = await rejectionOf(
      client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: [
            { Id: 'a', MessageBody: 'x' },
            { Id: 'a', MessageBody: 'y' },
          ],
        })
      )
    );

    // Assert
    expect(output.Successful?.map((s) => s.Id)).toEqual(['first', 'third']);
    expect(output.Failed).toEqual([
      {
        Id: 'empty',
        SenderFault: true,
        Code: 'MissingParameter',
        Message: 'The request must contain the parameter MessageBody.',
      },
    ]);
    expect(emulator.messages(queueUrl).map((m) => m.body)).toEqual([
      'one',
      'three',
    ]);
    expect(duplicateIds).toMatchObject({ name: 'BatchEntryIdsNotDistinct' });
  });

  it('answers QueueDoesNotExist for a queue that was never created', async () => {
    // Arrange
    const unknownUrl = `${emulator.url}/${ACCOUNT}/nobody-created-me`;

    // Act
    const send = await rejectionOf(sendMessage({ QueueUrl: unknownUrl }));

    // Assert
    expect(send).toBeInstanceOf(QueueDoesNotExist);
    expect(send).toMatchObject({
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: 'The specified queue does not exist.',
    });
  });

  it('rejects a message over 1 MiB and accepts one of exactly 1 MiB', async () => {
    // Arrange
    const largest = 'x'.repeat(SQS_MAX_MESSAGE_BYTES);

    // Act
    const accepted = await sendMessage({ MessageBody: largest });
    const error = await rejectionOf(
      sendMessage({ MessageBody: `${largest}x` })
    );

    // Assert
    expect(accepted.MessageId).toBeDefined();
    expect(error).toBeInstanceOf(SQSServiceException);
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      $metadata: { httpStatusCode: 400 },
      message:
        'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
    });
    expect(emulator.messages(queueUrl)).toHaveLength(1);
  });

  it('answers MissingParameter, InvalidParameterValue and UnsupportedOperation for bad requests', async () => {
    // Arrange
    const tooMany = 11;

    // Act
    const missing = await rejectionOf(sendMessage({ MessageBody: undefined }));
    const invalid = await rejectionOf(
      receive({ MaxNumberOfMessages: tooMany })
    );
    const deduplicated = await rejectionOf(
      sendMessage({ MessageDeduplicationId: 'only-for-fifo' })
    );
    const unsupported = await rejectionOf(
      client.send(new ListQueuesCommand({}))
    );

    // Assert
    expect(missing).toMatchObject({ name: 'MissingParameter' });
    expect(invalid).toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
    expect(deduplicated).toMatchObject({ name: 'InvalidParameterValue' });
    expect(unsupported).toBeInstanceOf(UnsupportedOperation);
    expect(emulator.calls.map((c) => c.operation)).toEqual([
      'SendMessage',
      'ReceiveMessage',
      'SendMessage',
      'ListQueues',
    ]);
  });

  it('moves a message to the dead-letter queue once it exceeds maxReceiveCount', async () => {
    // Arrange
    const sourceUrl = emulator.createQueue('restore-relay-requests', {
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: emulator.queueArn(QUEUE),
        maxReceiveCount: 2,
      }),
    });
    const sent = await sendMessage({ QueueUrl: sourceUrl });

    // Act
    const receives = [];
    for (let i = 0; i < 3; i += 1) {
      receives.push(
        await receive({ QueueUrl: sourceUrl, VisibilityTimeout: 0 })
      );
    }
    const dead = await receive();

    // Assert
    expect(receives.map((r) => r.Messages?.length ?? 0)).toEqual([1, 1, 0]);
    expect(dead.Messages).toMatchObject([
      {
        MessageId: sent.MessageId,
        Body: BODY,
        Attributes: {
          ApproximateReceiveCount: '1',
          DeadLetterQueueSourceArn: emulator.queueArn(sourceUrl),
        },
      },
    ]);
    expect(emulator.messages(queueUrl).map((m) => m.messageId)).toEqual([
      sent.MessageId,
    ]);
  });

  it('rejects an unknown receipt handle', async () => {
    // Arrange
    await sendMessage();

    // Act
    const badHandle = await rejectionOf(
      client.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'nope' })
      )
    );

    // Assert
    expect(badHandle).toBeInstanceOf(ReceiptHandleIsInvalid);
    expect(emulator.messages(queueUrl)).toHaveLength(1);
  });

  it('answers a Query-protocol request with UnsupportedOperation in the JSON error shape', async () => {
    // Arrange
    const form = `Action=SendMessage&QueueUrl=${encodeURIComponent(queueUrl)}&MessageBody=hi`;

    // Act
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });

    // Assert
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-query-error')).toBe(
      'AWS.SimpleQueueService.UnsupportedOperation;Sender'
    );
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.sqs#UnsupportedOperation',
      message: expect.stringContaining('AWS JSON 1.0'),
    });
    expect(emulator.messages(queueUrl)).toEqual([]);
  });

  describe('faults', () => {
    it('fails the next SendMessage with 500 InternalError, then recovers', async () => {
      // Arrange
      emulator.addFault(errorFault('SendMessage', 'InternalError', 500));

      // Act
      const error = await rejectionOf(sendMessage());
      const next = await sendMessage();

      // Assert
      expect(error).toBeInstanceOf(SQSServiceException);
      expect(error).toMatchObject({
        name: 'InternalError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
      expect(emulator.messages(queueUrl).map((m) => m.messageId)).toEqual([
        next.MessageId,
      ]);
      expect(emulator.callsTo('SendMessage')[0]?.outcome).toMatchObject({
        kind: 'error',
        source: 'fault',
      });
    });

    it('throttles with RequestThrottled, which the SDK maps to its exception class', async () => {
      // Arrange
      emulator.addFault(errorFault('ReceiveMessage', 'RequestThrottled', 403));

      // Act
      const error = await rejectionOf(receive());

      // Assert
      expect(error).toBeInstanceOf(RequestThrottled);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 403 } });
    });

    it('duplicates a message when the reset comes after it was stored and the SDK retries', async () => {
      // Arrange
      emulator.addFault({
        operation: 'SendMessage',
        kind: 'reset',
        afterEffect: true,
      });
      client = clientWith({ maxAttempts: 2 });

      // Act
      const output = await sendMessage();

      // Assert
      expect(output.$metadata.attempts).toBe(2);
      expect(emulator.messages(queueUrl)).toHaveLength(2);
      expect(emulator.messages(queueUrl)[1]?.messageId).toBe(output.MessageId);
      expect(emulator.calls[0]?.outcome).toEqual({
        kind: 'reset',
        afterEffect: true,
      });
    });

    it('hangs past the client timeout', async () => {
      // Arrange
      emulator.addFault({ operation: 'SendMessage', kind: 'hang', ms: 500 });
      client = clientWith(GIVES_UP_AFTER_100_MS);

      // Act
      const error = await rejectionOf(sendMessage());

      // Assert
      expect(error).toMatchObject({ name: 'TimeoutError' });
    });
  });

  describe('control endpoints over HTTP', () => {
    const control = controlClient(() => emulator.url);

    // Faults, config, calls and reset over HTTP: control-plane.test.ts.
    it('lists messages and resets', async () => {
      // Arrange
      emulator.createQueue('other-queue');

      // Act
      await sendMessage({ MessageBody: 'kept' });
      const messages = await control('GET', `messages?queue=${QUEUE}`);
      const reset = await control('POST', 'reset');
      const afterReset = await control(
        'GET',
        `messages?queue=${encodeURIComponent(queueUrl)}`
      );

      // Assert
      expect(messages.json).toMatchObject([{ body: 'kept' }]);
      expect(reset.json).toEqual({ reset: true });
      expect(afterReset.json).toEqual([]);
      expect(emulator.queueArn('other-queue')).toBe(
        `arn:aws:sqs:eu-west-1:${ACCOUNT}:other-queue`
      );
    });
  });
});
