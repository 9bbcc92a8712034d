/**
 * Lambda events for handler tests, built from the reference's real AWS
 * samples (docs/events.md#alarm-sample, #sqs-sample) and deep-frozen, so a handler that
 * mutates its input fails loudly (docs/reliability.md#r7, #5715).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

const fixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')
  ) as T;

/**
 * Freezes a value and everything in it (with an explicit stack: hostile
 * events are nested thousands of levels deep).
 */
export const deepFreeze = <T>(value: T): T => {
  const pending: unknown[] = [value];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (typeof node === 'object' && node !== null && !Object.isFrozen(node)) {
      Object.freeze(node);
      pending.push(...Object.values(node));
    }
  }
  return value;
};

/** Options for one SQS record. */
export interface SqsRecordOptions {
  messageId?: string;
  /** Epoch ms; default now. */
  sentTimestamp?: number;
  receiveCount?: number;
}

/** One SQS record carrying `body` (an object is sent as its JSON). */
export const sqsRecord = (
  body: unknown,
  options: SqsRecordOptions = {}
): SQSRecord => {
  const sample = fixture<SQSRecord>('sqs-record.json');
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    ...sample,
    messageId: options.messageId ?? randomUUID(),
    body: text,
    md5OfBody: createHash('md5').update(text).digest('hex'),
    attributes: {
      ...sample.attributes,
      // Now by default: `latest` is chosen as of the send time.
      SentTimestamp: String(options.sentTimestamp ?? Date.now()),
      ...(options.receiveCount === undefined
        ? {}
        : { ApproximateReceiveCount: String(options.receiveCount) }),
    },
  };
};

/** An SQS batch, deep-frozen. */
export const sqsEvent = (...records: SQSRecord[]): SQSEvent =>
  deepFreeze({ Records: records });

/** A custom "Restore Requested" EventBridge event, deep-frozen. */
export const restoreRequestedEvent = (
  detail: unknown,
  overrides: Record<string, unknown> = {}
): Readonly<Record<string, unknown>> =>
  deepFreeze({
    ...fixture<Record<string, unknown>>('restore-requested.json'),
    id: randomUUID(),
    // Now by default: `latest` is chosen as of the event's time.
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    detail,
    ...overrides,
  });

/** Options for a CloudWatch alarm state change. */
export interface AlarmEventOptions {
  alarmName?: string;
  value?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  previousValue?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  /** CloudWatch's own format, e.g. `2026-03-01T04:16:10.447+0000`. */
  stateTimestamp?: string;
  /** A new event id, as a redelivery of the same transition may carry. */
  id?: string;
  /** `state.actionsSuppressedBy` of a composite alarm, e.g. `WaitPeriod`. */
  actionsSuppressedBy?: string;
  /** `detail.muteDetail` of a muted alarm. */
  muteDetail?: {
    mutedByArn?: string;
    muteWindowStart?: string;
    muteWindowEnd?: string;
  };
}

interface AlarmSample {
  id: string;
  resources: string[];
  detail: {
    alarmName: string;
    state: { value: string; timestamp: string };
    previousState: { value: string };
  };
}

/**
 * A "CloudWatch Alarm State Change" event from the reference sample, with
 * the alarm name, states and timestamp changed; deep-frozen.
 */
export const alarmEvent = (options: AlarmEventOptions = {}) => {
  const sample = fixture<AlarmSample>('alarm-state-change-alarm.json');
  const alarmName = options.alarmName ?? sample.detail.alarmName;
  return deepFreeze({
    ...sample,
    id: options.id ?? randomUUID(),
    resources: [`arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${alarmName}`],
    detail: {
      ...sample.detail,
      alarmName,
      state: {
        ...sample.detail.state,
        value: options.value ?? 'ALARM',
        timestamp: options.stateTimestamp ?? sample.detail.state.timestamp,
        ...(options.actionsSuppressedBy === undefined
          ? {}
          : {
              actionsSuppressedBy: options.actionsSuppressedBy,
              actionsSuppressedReason: `Actions suppressed by ${options.actionsSuppressedBy}`,
            }),
      },
      previousState: {
        ...sample.detail.previousState,
        value: options.previousValue ?? 'OK',
      },
      ...(options.muteDetail === undefined
        ? {}
        : { muteDetail: options.muteDetail }),
    },
  });
};
