/**
 * The SQS emulator's queues and the messages they hold: creating a queue,
 * finding one by URL or ARN, storing a message and dropping expired ones.
 *
 * Queue URLs are `<emulator url>/<accountId>/<name>`, ARNs
 * `arn:aws:sqs:<region>:<accountId>:<name>`. A QueueUrl is resolved by its
 * path only, so `https://sqs.<region>.amazonaws.com/<account>/<name>` finds
 * the same queue. Standard queues only.
 */
import type { EmulatorClock } from '../emulator-clock.js';
import type { SqsMessageAttribute } from './message-attributes.js';
import {
  numberAttribute,
  validateQueueAttributes,
} from './queue-attributes.js';
import {
  invalidParameterValue,
  queueDoesNotExist,
  SqsError,
} from './sqs-errors.js';

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** One message that entered a queue (sent, or moved there by a redrive). */
export interface SqsMessage {
  messageId: string;
  body: string;
  attributes: Record<string, SqsMessageAttribute>;
  /** When it was first sent, ISO 8601 on the emulator clock. */
  sentAt: string;
}

/** A message as a queue holds it (times in clock ms). */
export interface StoredMessage {
  messageId: string;
  body: string;
  attributes: Record<string, SqsMessageAttribute>;
  md5OfBody: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  deadLetterSourceArn: string | undefined;
  gone: boolean;
}

/** A queue. */
export interface Queue {
  name: string;
  url: string;
  arn: string;
  /** Attributes as set, complete with defaults. */
  attributes: Map<string, string>;
  createdAt: number;
  stored: StoredMessage[];
  recorded: SqsMessage[];
  handles: Map<string, StoredMessage>;
}

/** Where the queues live. */
export interface QueueRegistryDeps {
  clock: EmulatorClock;
  accountId: string;
  region: string;
  /** The emulator's base URL (known once it listens). */
  baseUrl: () => string;
}

/**
 * The queues of one account and Region.
 *
 * @example
 * ```ts
 * const queues = new QueueRegistry({ clock, accountId, region, baseUrl });
 * const dlq = queues.create('restore-relay-dlq', {});
 * ```
 */
export class QueueRegistry {
  readonly #deps: QueueRegistryDeps;
  /** By name. */
  readonly #queues = new Map<string, Queue>();

  constructor(deps: QueueRegistryDeps) {
    this.#deps = deps;
  }

  /**
   * Creates a queue, or returns the existing one when every given attribute
   * matches.
   *
   * @throws SqsError for an invalid name or attribute, or a name that
   * exists with other attributes
   */
  create(name: string, attributes: Readonly<Record<string, string>>): Queue {
    if (!QUEUE_NAME.test(name)) {
      throw invalidParameterValue(
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length'
      );
    }
    const valid = validateQueueAttributes(attributes, (arn) => this.byArn(arn));
    const existing = this.#queues.get(name);
    if (existing !== undefined) {
      // Same name: the URL again, unless a given attribute differs.
      for (const key of Object.keys(attributes)) {
        if (existing.attributes.get(key) !== valid.get(key)) {
          throw new SqsError(
            'QueueNameExists',
            `A queue already exists with the same name and a different value for attribute ${key}`
          );
        }
      }
      return existing;
    }
    const { accountId, region } = this.#deps;
    const queue: Queue = {
      name,
      url: `${this.#deps.baseUrl()}/${accountId}/${name}`,
      arn: `arn:aws:sqs:${region}:${accountId}:${name}`,
      attributes: valid,
      createdAt: this.#deps.clock.now(),
      stored: [],
      recorded: [],
      handles: new Map(),
    };
    this.#queues.set(name, queue);
    return queue;
  }

  /** A queue by ARN. */
  byArn(arn: string): Queue | undefined {
    return [...this.#queues.values()].find((q) => q.arn === arn);
  }

  /** Resolves a QueueUrl by its path, `/<accountId>/<name>`. */
  byUrl(queueUrl: string): Queue | undefined {
    let path: string;
    try {
      path = new URL(queueUrl).pathname;
    } catch {
      return undefined;
    }
    const [, account, name, ...rest] = path.split('/');
    if (
      account !== this.#deps.accountId ||
      name === undefined ||
      rest.length > 0
    ) {
      return undefined;
    }
    return this.#queues.get(name);
  }

  /**
   * A request's `QueueUrl`.
   *
   * @throws SqsError `InvalidAddress` for a URL that is not a queue URL,
   * `QueueDoesNotExist` for an unknown queue
   */
  forRequest(queueUrl: string): Queue {
    let parsed: URL;
    try {
      parsed = new URL(queueUrl);
    } catch {
      throw new SqsError(
        'InvalidAddress',
        `The address ${queueUrl} is not valid for this endpoint.`
      );
    }
    if (!/^\/\d{12}\/[^/]+$/.test(parsed.pathname)) {
      throw new SqsError(
        'InvalidAddress',
        `The address ${queueUrl} is not valid for this endpoint.`
      );
    }
    const queue = this.byUrl(queueUrl);
    if (queue === undefined) {
      throw queueDoesNotExist();
    }
    return queue;
  }

  /**
   * A queue for the in-process helpers, by name or URL.
   *
   * @throws Error when unknown
   */
  forHelper(queue: string): Queue {
    const found = queue.includes('/')
      ? this.byUrl(queue)
      : this.#queues.get(queue);
    if (found === undefined) {
      throw new Error(`no SQS queue ${queue} in the emulator`);
    }
    return found;
  }

  /** Empties every queue; the queues stay. */
  clearMessages(): void {
    for (const queue of this.#queues.values()) {
      queue.stored = [];
      queue.recorded = [];
      queue.handles.clear();
    }
  }

  /** Adds a message to a queue and to its record. */
  store(queue: Queue, message: StoredMessage): void {
    queue.stored.push(message);
    queue.recorded.push({
      messageId: message.messageId,
      body: message.body,
      attributes: message.attributes,
      sentAt: new Date(message.sentAt).toISOString(),
    });
  }

  /** Messages still in the queue, after dropping expired ones. */
  live(queue: Queue, now: number): StoredMessage[] {
    const retentionMs =
      numberAttribute(queue.attributes, 'MessageRetentionPeriod') * 1000;
    for (const message of queue.stored) {
      if (!message.gone && now - message.sentAt >= retentionMs) {
        message.gone = true;
      }
    }
    queue.stored = queue.stored.filter((m) => !m.gone);
    return queue.stored;
  }
}
