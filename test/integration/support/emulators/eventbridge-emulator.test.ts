import {
  EventBridgeClient,
  type EventBridgeClientConfig,
  EventBridgeServiceException,
  InternalException,
  ListRulesCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  ThrottlingException,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '#test/support/emulators/emulator-clock';
import {
  EVENTBRIDGE_MAX_REQUEST_BYTES,
  type EventBridgeEmulator,
  startEventBridgeEmulator,
} from '#test/support/emulators/eventbridge-emulator';
import { rejectionOf } from '#test/support/rejection-of';
import {
  controlClient,
  emulatorClientConfig,
  errorFault,
  GIVES_UP_AFTER_100_MS,
  recordingRetries,
  SdkClients,
} from './emulator-test-kit.js';

const ACCOUNT = '111122223333';
const START = '2026-11-28T09:00:00.250Z';
const SOURCE = 'restore-relay';
const DETAIL_TYPE = 'Restore Started';

const entry = (
  overrides: Partial<PutEventsRequestEntry> = {}
): PutEventsRequestEntry => ({
  Source: SOURCE,
  DetailType: DETAIL_TYPE,
  Detail: '{"restoreJobId":"JOB-1"}',
  ...overrides,
});

describe('EventBridge emulator through @aws-sdk/client-eventbridge', () => {
  let emulator: EventBridgeEmulator;
  let client: EventBridgeClient;
  const clients = new SdkClients<EventBridgeClient>();
  const clientWith = (config: Partial<EventBridgeClientConfig> = {}) =>
    clients.add(
      new EventBridgeClient({
        ...emulatorClientConfig(emulator.url),
        ...config,
      })
    );

  const putEvents = (...entries: PutEventsRequestEntry[]) =>
    client.send(new PutEventsCommand({ Entries: entries }));

  beforeEach(async () => {
    emulator = await startEventBridgeEmulator({
      region: 'eu-west-1',
      accountId: ACCOUNT,
      clock: createClock({ frozen: true, start: START }),
    });
    client = clientWith();
  });

  afterEach(async () => {
    clients.destroyAll();
    await emulator.close();
  });

  it('accepts an entry on the default bus and records the event a rule target receives', async () => {
    // Arrange
    const detail = { restoreJobId: 'JOB-1', note: 'a "quoted" ✓' };

    // Act
    const output = await putEvents(entry({ Detail: JSON.stringify(detail) }));

    // Assert
    expect(output.FailedEntryCount).toBe(0);
    expect(output.Entries).toEqual([
      { EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
    const eventId = output.Entries?.[0]?.EventId;
    expect(emulator.events()).toEqual([
      {
        version: '0',
        id: eventId,
        'detail-type': DETAIL_TYPE,
        source: SOURCE,
        account: ACCOUNT,
        time: '2026-11-28T09:00:00Z',
        region: 'eu-west-1',
        resources: [],
        detail,
      },
    ]);
    expect(emulator.callsTo('PutEvents')).toMatchObject([
      {
        seq: 1,
        input: { Entries: [{ Source: SOURCE, DetailType: DETAIL_TYPE }] },
        outcome: {
          kind: 'ok',
          failedEntryCount: 0,
          entries: [{ result: 'accepted', eventId, eventBusName: 'default' }],
        },
      },
    ]);
  });

  it('routes entries to a created bus by name and keeps Time and Resources', async () => {
    // Arrange
    const busArn = emulator.createEventBus('restore-relay');
    const resources = ['arn:aws:backup:eu-west-1:111122223333:restore-job/1'];

    // Act
    const output = await putEvents(
      entry({ EventBusName: 'restore-relay', Detail: '{"n":1}' }),
      entry({
        EventBusName: 'restore-relay',
        Detail: '{"n":2}',
        Time: new Date('2022-01-01T00:00:00.900Z'),
        Resources: resources,
      }),
      entry({ Detail: '{"n":3}' })
    );

    // Assert
    expect(busArn).toBe(
      `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/restore-relay`
    );
    expect(output.FailedEntryCount).toBe(0);
    expect(
      emulator.events('restore-relay').map((e) => [e.detail, e.time])
    ).toEqual([
      [{ n: 1 }, '2026-11-28T09:00:00Z'],
      [{ n: 2 }, '2022-01-01T00:00:00Z'],
    ]);
    expect(emulator.events('restore-relay')[1]?.resources).toEqual(resources);
    expect(emulator.events().map((e) => e.detail)).toEqual([{ n: 3 }]);
  });

  it('fails bad entries one by one, in request order, and accepts the rest', async () => {
    // Arrange
    const entries = [
      entry({ Detail: '{"n":1}' }),
      entry({ Source: undefined }),
      entry({ DetailType: '' }),
      entry({ Detail: undefined }),
      entry({ Detail: '"a string"' }),
      entry({ Detail: '[1,2]' }),
      entry({ Detail: '{"broken":' }),
      entry({ Detail: '{"n":8}' }),
    ];

    // Act
    const output = await putEvents(...entries);

    // Assert
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.FailedEntryCount).toBe(6);
    expect(output.Entries).toEqual([
      { EventId: expect.any(String) },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage:
          'Parameter Source is not valid. Reason: Source is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage:
          'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage:
          'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { EventId: expect.any(String) },
    ]);
    expect(emulator.events().map((e) => e.detail)).toEqual([
      { n: 1 },
      { n: 8 },
    ]);
  });

  it('answers an entry for a bus that does not exist with an EventId, as AWS does, and drops it', async () => {
    // Arrange
    const unknownBus = 'nobody-created-me';

    // Act
    const output = await putEvents(
      entry({ EventBusName: unknownBus }),
      entry()
    );

    // Assert
    expect(output.FailedEntryCount).toBe(0);
    expect(output.Entries).toHaveLength(2);
    expect(emulator.events().map((e) => e.id)).toEqual([
      output.Entries?.[1]?.EventId,
    ]);
    expect(emulator.callsTo('PutEvents')[0]?.outcome).toMatchObject({
      entries: [
        {
          result: 'dropped',
          eventId: output.Entries?.[0]?.EventId,
          eventBusName: 'nobody-created-me',
        },
        { result: 'accepted' },
      ],
    });
    expect(() => emulator.events('nobody-created-me')).toThrow(
      'no EventBridge event bus nobody-created-me'
    );
  });

  it('takes 1 to 10 entries and rejects the whole call otherwise', async () => {
    // Arrange
    const ten = Array.from({ length: 10 }, (_, n) =>
      entry({ Detail: JSON.stringify({ n }) })
    );

    // Act
    const accepted = await putEvents(...ten);
    const none = await rejectionOf(putEvents());
    const eleven = await rejectionOf(putEvents(...ten, entry()));

    // Assert
    expect(accepted.Entries).toHaveLength(10);
    expect(none).toBeInstanceOf(EventBridgeServiceException);
    expect(none).toMatchObject({
      name: 'ValidationException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining(
        'Member must have length greater than or equal to 1'
      ),
    });
    expect(eleven).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        "at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10"
      ),
    });
    expect(emulator.events()).toHaveLength(10);
  });

  it('limits the total entry size as documented: UTF-8 bytes of each field, 14 for Time', async () => {
    // Arrange
    const time = new Date('2026-11-28T08:00:00Z');
    const resource = 'r-é';
    const fixed =
      14 +
      Buffer.byteLength(SOURCE) +
      Buffer.byteLength(DETAIL_TYPE) +
      Buffer.byteLength(resource);
    const detailOfSize = (bytes: number) =>
      JSON.stringify({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });
    const half = EVENTBRIDGE_MAX_REQUEST_BYTES / 2;
    const atLimit = [
      entry({
        Time: time,
        Resources: [resource],
        Detail: detailOfSize(half - fixed),
      }),
      entry({
        Time: time,
        Resources: [resource],
        Detail: detailOfSize(half - fixed),
      }),
    ];
    const overLimit = [
      atLimit[0] ?? entry(),
      entry({
        Time: time,
        Resources: [resource],
        Detail: detailOfSize(half - fixed + 1),
      }),
    ];

    // Act
    const accepted = await putEvents(...atLimit);
    const rejected = await rejectionOf(putEvents(...overLimit));

    // Assert
    expect(accepted.FailedEntryCount).toBe(0);
    expect(rejected).toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
      message: 'Total size of the entries in the request is over the limit.',
    });
    expect(emulator.events()).toHaveLength(2);
  });

  it('answers an operation it does not implement with UnknownOperationException', async () => {
    // Arrange
    const form = 'Action=PutEvents&Entries.member.1.Source=x';

    // Act
    const listRules = await rejectionOf(client.send(new ListRulesCommand({})));
    const query = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });

    // Assert
    expect(listRules).toBeInstanceOf(EventBridgeServiceException);
    expect(listRules).toMatchObject({
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(query.status).toBe(400);
    expect(await query.json()).toEqual({
      __type: 'UnknownOperationException',
      message: expect.stringContaining('AWS JSON 1.1'),
    });
    expect(emulator.calls.map((c) => c.operation)).toEqual(['ListRules', '']);
    expect(emulator.events()).toEqual([]);
  });

  describe('per-entry failures (the failEntries knob)', () => {
    it('fails the next N valid entries with HTTP 200 and FailedEntryCount, and a resubmission goes through', async () => {
      // Arrange
      emulator.configure({
        failEntries: { errorCode: 'ThrottlingException', count: 2 },
      });

      // Act
      const first = await putEvents(
        entry({ Detail: '{"n":1}' }),
        entry({ Detail: undefined }),
        entry({ Detail: '{"n":3}' }),
        entry({ Detail: '{"n":4}' })
      );
      const resubmitted = await putEvents(
        entry({ Detail: '{"n":1}' }),
        entry({ Detail: '{"n":3}' })
      );

      // Assert
      expect(first.$metadata.httpStatusCode).toBe(200);
      expect(first.FailedEntryCount).toBe(3);
      expect(first.Entries).toEqual([
        {
          ErrorCode: 'ThrottlingException',
          ErrorMessage: 'Injected ThrottlingException',
        },
        expect.objectContaining({ ErrorCode: 'InvalidArgument' }),
        {
          ErrorCode: 'ThrottlingException',
          ErrorMessage: 'Injected ThrottlingException',
        },
        { EventId: expect.any(String) },
      ]);
      expect(resubmitted.FailedEntryCount).toBe(0);
      expect(emulator.events().map((e) => e.detail)).toEqual([
        { n: 4 },
        { n: 1 },
        { n: 3 },
      ]);
      expect(emulator.callsTo('PutEvents')[0]?.outcome).toMatchObject({
        entries: [
          { result: 'failed', source: 'fault' },
          { result: 'failed', source: 'service' },
          { result: 'failed', source: 'fault' },
          { result: 'accepted' },
        ],
      });
    });
  });

  describe('faults', () => {
    it('lets the SDK retry through a 500 InternalException, recording the events once', async () => {
      // Arrange
      emulator.addFault(errorFault('PutEvents', 'InternalException', 500));
      const { strategy, errorTypes } = recordingRetries(3);
      client = clientWith({ retryStrategy: strategy });

      // Act
      const output = await putEvents(entry());

      // Assert
      expect(output.$metadata.attempts).toBe(2);
      expect(errorTypes).toEqual(['TRANSIENT']);
      expect(emulator.events()).toHaveLength(1);
      expect(emulator.callsTo('PutEvents')[0]?.outcome).toMatchObject({
        kind: 'error',
        status: 500,
        errorCode: 'InternalException',
        source: 'fault',
      });
    });

    it('throttles the whole call with ThrottlingException, which the SDK retries as THROTTLING until it gives up', async () => {
      // Arrange
      emulator.addFault(errorFault('PutEvents', 'ThrottlingException', 400, 3));
      const { strategy, errorTypes } = recordingRetries(3);
      client = clientWith({ retryStrategy: strategy });

      // Act
      const error = await rejectionOf(putEvents(entry()));

      // Assert
      expect(error).toBeInstanceOf(ThrottlingException);
      expect(error).toMatchObject({ $metadata: { attempts: 3 } });
      expect(errorTypes).toEqual(['THROTTLING', 'THROTTLING', 'THROTTLING']);
      expect(emulator.events()).toEqual([]);
    });

    it('answers InternalException as its modelled class without retries', async () => {
      // Arrange
      emulator.addFault(errorFault('PutEvents', 'InternalException', 500));

      // Act
      const error = await rejectionOf(putEvents(entry()));

      // Assert
      expect(error).toBeInstanceOf(InternalException);
      expect(error).toMatchObject({
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
    });

    it('duplicates the events when the reset comes after they were recorded and the SDK retries', async () => {
      // Arrange
      emulator.addFault({
        operation: 'PutEvents',
        kind: 'reset',
        afterEffect: true,
      });
      client = clientWith({ maxAttempts: 2 });

      // Act
      const output = await putEvents(entry());

      // Assert
      expect(output.$metadata.attempts).toBe(2);
      const ids = emulator.events().map((e) => e.id);
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBe(output.Entries?.[0]?.EventId);
      expect(ids[0]).not.toBe(ids[1]);
      expect(emulator.calls[0]?.outcome).toEqual({
        kind: 'reset',
        afterEffect: true,
      });
    });

    it('hangs past the client timeout', async () => {
      // Arrange
      emulator.addFault({ operation: 'PutEvents', kind: 'hang', ms: 500 });
      client = clientWith(GIVES_UP_AFTER_100_MS);

      // Act
      const error = await rejectionOf(putEvents(entry()));

      // Assert
      expect(error).toMatchObject({ name: 'TimeoutError' });
    });
  });

  describe('control endpoints over HTTP', () => {
    const control = controlClient(() => emulator.url);

    it('lists events per bus, and resets events but not buses', async () => {
      // Arrange
      emulator.createEventBus('relay');
      await putEvents(
        entry({ EventBusName: 'relay', Detail: '{"on":"relay"}' }),
        entry({ Detail: '{"on":"default"}' })
      );

      // Act
      const onRelay = await control('GET', 'events?bus=relay');
      const onDefault = await control('GET', 'events');
      const unknown = await control('GET', 'events?bus=nope');
      const calls = await control('GET', 'calls?operation=PutEvents');
      const reset = await control('POST', 'reset');
      const afterReset = await control('GET', 'events?bus=relay');

      // Assert
      expect(onRelay.json).toMatchObject([{ detail: { on: 'relay' } }]);
      expect(onDefault.json).toMatchObject([{ detail: { on: 'default' } }]);
      expect(unknown.status).toBe(404);
      expect(calls.json).toMatchObject([{ seq: 1, operation: 'PutEvents' }]);
      expect(reset.json).toEqual({ reset: true });
      expect(afterReset).toEqual({ status: 200, json: [] });
    });

    it('arms whole-call faults over HTTP and advances the clock', async () => {
      // Arrange
      await control(
        'POST',
        'faults',
        errorFault('PutEvents', 'InternalException', 503)
      );

      // Act
      const failed = await rejectionOf(putEvents(entry()));
      const advanced = await control('POST', 'clock/advance', { ms: 60_000 });
      await putEvents(entry());

      // Assert
      expect(failed).toMatchObject({ $metadata: { httpStatusCode: 503 } });
      expect(advanced.json).toEqual({ now: '2026-11-28T09:01:00.250Z' });
      expect(emulator.events()[0]?.time).toBe('2026-11-28T09:01:00Z');
    });
  });
});
