/**
 * SQS queue attributes: the ones the emulator knows, their defaults and
 * ranges (API_CreateQueue), and GetQueueAttributes.
 */
import { validateRedrivePolicy } from './redrive-policy.js';
import { SqsError } from './sqs-errors.js';
import { SQS_MAX_MESSAGE_BYTES } from './sqs-operations.js';

/** Queue attributes with their defaults and valid ranges (API_CreateQueue). */
const NUMERIC_ATTRIBUTES: Readonly<
  Record<string, { default: number; min: number; max: number }>
> = {
  DelaySeconds: { default: 0, min: 0, max: 900 },
  // Raised from 256 KiB in August 2025 (ASSUMPTION: the default followed).
  MaximumMessageSize: {
    default: SQS_MAX_MESSAGE_BYTES,
    min: 1024,
    max: SQS_MAX_MESSAGE_BYTES,
  },
  MessageRetentionPeriod: { default: 345_600, min: 60, max: 1_209_600 },
  ReceiveMessageWaitTimeSeconds: { default: 0, min: 0, max: 20 },
  VisibilityTimeout: { default: 30, min: 0, max: 43_200 },
};
const BOOLEAN_ATTRIBUTES = ['SqsManagedSseEnabled'] as const;
const STRING_ATTRIBUTES = ['RedrivePolicy'] as const;
const COMPUTED_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

/**
 * A numeric attribute's value, or its default.
 *
 * @example
 * ```ts
 * numberAttribute(new Map(), 'VisibilityTimeout'); // 30
 * ```
 */
export const numberAttribute = (
  attributes: ReadonlyMap<string, string>,
  name: string
): number => Number(attributes.get(name) ?? NUMERIC_ATTRIBUTES[name]?.default);

/**
 * Validates queue attributes into their stored string form, complete with
 * defaults.
 *
 * @param queueByArn - finds a redrive policy's dead-letter queue
 * @throws SqsError `InvalidAttributeName` or `InvalidAttributeValue`
 * @example
 * ```ts
 * validateQueueAttributes({ VisibilityTimeout: '60' }, () => undefined);
 * ```
 */
export const validateQueueAttributes = (
  attributes: Readonly<Record<string, string>>,
  queueByArn: (arn: string) => { arn: string } | undefined
): Map<string, string> => {
  const valid = new Map<string, string>();
  const invalidValue = (key: string, reason: string): SqsError =>
    new SqsError(
      'InvalidAttributeValue',
      `Invalid value for the parameter ${key}. Reason: ${reason}`
    );
  for (const [key, value] of Object.entries(attributes)) {
    const range = NUMERIC_ATTRIBUTES[key];
    if (range !== undefined) {
      const number = Number(value);
      if (!/^\d+$/.test(value) || number < range.min || number > range.max) {
        throw invalidValue(
          key,
          `Must be an integer from ${range.min} to ${range.max}.`
        );
      }
      valid.set(key, String(number));
    } else if ((BOOLEAN_ATTRIBUTES as readonly string[]).includes(key)) {
      if (value !== 'true' && value !== 'false') {
        throw invalidValue(key, 'Must be true or false.');
      }
      valid.set(key, value);
    } else if ((STRING_ATTRIBUTES as readonly string[]).includes(key)) {
      valid.set(key, value);
    } else {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${key}.`);
    }
  }
  const redrive = valid.get('RedrivePolicy');
  if (redrive !== undefined) {
    valid.set('RedrivePolicy', validateRedrivePolicy(redrive, queueByArn));
  }
  for (const [key, range] of Object.entries(NUMERIC_ATTRIBUTES)) {
    if (!valid.has(key)) {
      valid.set(key, String(range.default));
    }
  }
  // SSE-SQS is on by default for new queues.
  if (!valid.has('SqsManagedSseEnabled')) {
    valid.set('SqsManagedSseEnabled', 'true');
  }
  return valid;
};

/** The message counts GetQueueAttributes reports. */
export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

/**
 * The GetQueueAttributes output: the requested stored and computed
 * attributes (`All` for every one).
 *
 * @throws SqsError `InvalidAttributeName` for an unknown name
 * @example
 * ```ts
 * readQueueAttributes(queue, ['QueueArn'], counts); // { Attributes: { QueueArn: … } }
 * ```
 */
export const readQueueAttributes = (
  queue: {
    arn: string;
    attributes: ReadonlyMap<string, string>;
    createdAt: number;
  },
  requested: readonly string[],
  counts: QueueCounts
): Record<string, unknown> => {
  const known = new Set<string>([
    ...Object.keys(NUMERIC_ATTRIBUTES),
    ...BOOLEAN_ATTRIBUTES,
    ...STRING_ATTRIBUTES,
    ...COMPUTED_ATTRIBUTES,
  ]);
  for (const name of requested) {
    if (name !== 'All' && !known.has(name)) {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
  }
  const computed: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.createdAt / 1000)),
  };
  const attributes: Record<string, string> = {};
  for (const [name, value] of [
    ...queue.attributes,
    ...Object.entries(computed),
  ]) {
    if (requested.includes('All') || requested.includes(name)) {
      attributes[name] = value;
    }
  }
  return Object.keys(attributes).length === 0 ? {} : { Attributes: attributes };
};
