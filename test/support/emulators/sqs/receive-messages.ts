/**
 * ReceiveMessage and DeleteMessage: visibility and delays on the emulator
 * clock, long polling (`WaitTimeSeconds`) in real time, redrive to the
 * dead-letter queue, and the attributes a receive asks for.
 *
 * A received message is hidden for the visibility timeout and comes back
 * with a higher `ApproximateReceiveCount`. ReceiveMessage returns system
 * attributes (`Attributes`) and message attributes only when asked for
 * (`MessageSystemAttributeNames` or the deprecated `AttributeNames`;
 * `MessageAttributeNames` with names, `All`, `.*` or `prefix.*`), as the
 * API reference describes.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
 */
import { randomBytes } from 'node:crypto';
import type { JsonObject } from '../aws-json-emulator.js';
import type { EmulatorClock } from '../emulator-clock.js';
import type { Sleeper } from '../sleeper.js';
import { attributeSelected, md5OfAttributes } from './message-attributes.js';
import { numberAttribute } from './queue-attributes.js';
import type { Queue, QueueRegistry, StoredMessage } from './queues.js';
import { redrivePolicyOf } from './redrive-policy.js';
import { SqsError } from './sqs-errors.js';
import {
  optionalInteger,
  optionalStringList,
  requiredString,
} from './sqs-input.js';

const LONG_POLL_STEP_MS = 20;

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'DeadLetterQueueSourceArn',
] as const;

/** What receiving works with. */
export interface ReceiveContext {
  queues: QueueRegistry;
  clock: EmulatorClock;
  accountId: string;
  /** Cancellable real-time waits for long polling. */
  sleeper: Sleeper;
}

/** The next deliverable messages, oldest first, at most `max`. */
const deliverable = (
  context: ReceiveContext,
  queue: Queue,
  now: number,
  max: number
): StoredMessage[] =>
  context.queues
    .live(queue, now)
    .filter((m) => m.visibleAt <= now)
    .slice(0, max);

/**
 * Moves messages that have used up `maxReceiveCount` to the dead-letter
 * queue; returns the rest.
 */
const redrive = (
  context: ReceiveContext,
  queue: Queue,
  messages: StoredMessage[]
): StoredMessage[] => {
  const policy = redrivePolicyOf(queue.attributes);
  const target =
    policy === undefined
      ? undefined
      : context.queues.byArn(policy.deadLetterTargetArn);
  if (policy === undefined || target === undefined) {
    return messages;
  }
  const kept: StoredMessage[] = [];
  for (const message of messages) {
    if (message.receiveCount < policy.maxReceiveCount) {
      kept.push(message);
      continue;
    }
    message.gone = true;
    context.queues.store(target, {
      ...message,
      visibleAt: context.clock.now(),
      receiveCount: 0,
      firstReceivedAt: undefined,
      deadLetterSourceArn: queue.arn,
      gone: false,
    });
  }
  queue.stored = queue.stored.filter((m) => !m.gone);
  return kept;
};

/** A received message as ReceiveMessage returns it. */
const view = (
  context: ReceiveContext,
  message: StoredMessage,
  receiptHandle: string,
  systemNames: string[],
  attributeNames: string[]
): JsonObject => {
  const system: Record<string, string | undefined> = {
    SenderId: context.accountId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
  };
  const attributes: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTES) {
    const value = system[name];
    if (
      value !== undefined &&
      (systemNames.includes('All') || systemNames.includes(name))
    ) {
      attributes[name] = value;
    }
  }
  const messageAttributes = Object.fromEntries(
    Object.entries(message.attributes).filter(([name]) =>
      attributeSelected(name, attributeNames)
    )
  );
  const md5 = md5OfAttributes(messageAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length === 0 ? {} : { Attributes: attributes }),
    ...(md5 === undefined
      ? {}
      : {
          MD5OfMessageAttributes: md5,
          MessageAttributes: messageAttributes,
        }),
  };
};

/**
 * ReceiveMessage: waits (real time) up to `WaitTimeSeconds` for a message,
 * then hides what it returns for the visibility timeout.
 *
 * @returns the output and the ids of the messages received
 * @example
 * ```ts
 * const { output } = await receiveMessage(context, queue, { MaxNumberOfMessages: 10 });
 * ```
 */
export const receiveMessage = async (
  context: ReceiveContext,
  queue: Queue,
  input: JsonObject
): Promise<{ output: JsonObject; messageIds: string[] }> => {
  const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibility =
    optionalInteger(input, 'VisibilityTimeout', 0, 43_200) ??
    numberAttribute(queue.attributes, 'VisibilityTimeout');
  const wait =
    optionalInteger(input, 'WaitTimeSeconds', 0, 20) ??
    numberAttribute(queue.attributes, 'ReceiveMessageWaitTimeSeconds');
  const systemNames = [
    ...optionalStringList(input, 'AttributeNames'),
    ...optionalStringList(input, 'MessageSystemAttributeNames'),
  ];
  const attributeNames = optionalStringList(input, 'MessageAttributeNames');

  const pick = (): StoredMessage[] =>
    redrive(
      context,
      queue,
      deliverable(context, queue, context.clock.now(), max)
    );
  const deadline = performance.now() + wait * 1000;
  let picked = pick();
  while (picked.length === 0 && performance.now() < deadline) {
    await context.sleeper.sleep(
      Math.min(LONG_POLL_STEP_MS, deadline - performance.now())
    );
    picked = pick();
  }

  const now = context.clock.now();
  const messages = picked.map((message) => {
    message.receiveCount += 1;
    message.firstReceivedAt ??= now;
    message.visibleAt = now + visibility * 1000;
    const handle = randomBytes(48).toString('base64');
    queue.handles.set(handle, message);
    return view(context, message, handle, systemNames, attributeNames);
  });
  return {
    output: messages.length === 0 ? {} : { Messages: messages },
    messageIds: picked.map((m) => m.messageId),
  };
};

/**
 * DeleteMessage. Deleting with an older handle, or twice, succeeds
 * (API_DeleteMessage).
 *
 * @returns the id of the deleted message
 * @throws SqsError `ReceiptHandleIsInvalid` for a handle never issued
 * @example
 * ```ts
 * deleteMessage(queue, { ReceiptHandle: handle });
 * ```
 */
export const deleteMessage = (queue: Queue, input: JsonObject): string => {
  const handle = requiredString(input, 'ReceiptHandle');
  const message = queue.handles.get(handle);
  if (message === undefined) {
    throw new SqsError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`
    );
  }
  message.gone = true;
  queue.stored = queue.stored.filter((m) => !m.gone);
  return message.messageId;
};

/**
 * The message counts of GetQueueAttributes at the clock's now.
 *
 * @example
 * ```ts
 * queueCounts(queues, queue, clock.now()).visible;
 * ```
 */
export const queueCounts = (
  queues: QueueRegistry,
  queue: Queue,
  now: number
): { visible: number; inFlight: number; delayed: number } => {
  const live = queues.live(queue, now);
  return {
    visible: live.filter((m) => m.visibleAt <= now).length,
    inFlight: live.filter((m) => m.visibleAt > now && m.receiveCount > 0)
      .length,
    delayed: live.filter((m) => m.visibleAt > now && m.receiveCount === 0)
      .length,
  };
};
