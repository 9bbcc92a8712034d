import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Clock } from '../domain/clock.js';
import type { JsonObject } from '../domain/json.js';
import { parseRequestedBy } from '../domain/requested-by.js';
import type {
  ExternalJob,
  JobStore,
  Publication,
  StartedJob,
  TrackedJob,
} from '../ports/job-store.js';
import {
  CHECK_ORDER_ATTRIBUTE,
  CHECK_QUEUE_INDEX,
  CHECKED_PREFIX,
  checkOrderOf,
  LEGACY_OPEN_JOBS_PARTITION,
  NEVER_CHECKED_PREFIX,
  OPEN_JOBS_INDEX,
  OPEN_JOBS_PARTITION,
  OPEN_JOBS_PARTITION_ATTRIBUTE,
  REQUEST_ID_ATTRIBUTE,
  REQUEST_JOBS_INDEX,
  STARTED_AT_ATTRIBUTE,
} from './relay-table-layout.js';
import { toAppError } from './to-app-error.js';

/** The partition key of a job record in the relay table. */
export const jobRecordId = (restoreJobId: string): string =>
  `job#${restoreJobId}`;

/** The status of a job record until its outcome is published. */
export const STARTED_STATUS = 'STARTED';

/** Attribute names of a publication's claim and mark. */
const PUBLICATION_ATTRIBUTES = {
  outcome: { lease: 'outcomeLeaseUntil', published: 'outcomePublishedAt' },
  stale: { lease: 'staleLeaseUntil', published: 'stalePublishedAt' },
} as const;

type Item = Record<string, unknown>;

/** One Query of {@link DynamoDbJobStore.listToCheck}. */
type OpenJobsQuery = Pick<
  QueryCommandInput,
  | 'IndexName'
  | 'KeyConditionExpression'
  | 'FilterExpression'
  | 'ExpressionAttributeNames'
  | 'ExpressionAttributeValues'
>;

const optionalString = (item: Item, name: string): string | undefined =>
  typeof item[name] === 'string' ? (item[name] as string) : undefined;

/** A stored item as a {@link TrackedJob}. */
const toTrackedJob = (item: Item): TrackedJob => {
  const tokens = new Set<string>();
  if (item.taskTokens instanceof Set) {
    for (const token of item.taskTokens as Set<unknown>) {
      if (typeof token === 'string') {
        tokens.add(token);
      }
    }
  }
  // Records written before the lifecycle existed kept one `taskToken`.
  const legacy = optionalString(item, 'taskToken');
  if (legacy !== undefined) {
    tokens.add(legacy);
  }
  const fields = {
    requestId: optionalString(item, 'requestId'),
    recoveryPointArn: optionalString(item, 'recoveryPointArn'),
    backupVaultName: optionalString(item, 'backupVaultName'),
    resourceType: optionalString(item, 'resourceType'),
    outcomeType: optionalString(item, 'outcomeType'),
    outcomePublishedAt: optionalString(item, 'outcomePublishedAt'),
    stalePublishedAt: optionalString(item, 'stalePublishedAt'),
    lastCheckedAt: optionalString(item, 'lastCheckedAt'),
  };
  // An optional map: records written before it was kept have none.
  const requestedBy = parseRequestedBy(item.requestedBy);
  return {
    restoreJobId: String(item.restoreJobId),
    source: String(item.source ?? 'external'),
    startedAt: String(item.startedAt),
    status: String(item.status ?? STARTED_STATUS),
    external: item.external === true,
    taskTokens: [...tokens],
    ...Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== undefined)
    ),
    ...(requestedBy === undefined ? {} : { requestedBy }),
    ...(typeof item.context === 'object' && item.context !== null
      ? { context: item.context as JsonObject }
      : {}),
    ...(typeof item.outcome === 'object' && item.outcome !== null
      ? { outcome: item.outcome as JsonObject }
      : {}),
  };
};

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException;

/**
 * {@link JobStore} in the relay table (the table Powertools idempotency uses
 * too; job records are told apart by their `job#` key prefix).
 *
 * - The first record wins: a conditional put returns the existing item on a
 *   retry (`ReturnValuesOnConditionCheckFailure: ALL_OLD`, no second read).
 * - Open jobs carry `openShard` and a `checkOrder`, and so appear in the
 *   sparse `check-queue` index, which the reconciler reads in check order;
 *   each check moves the job to the back, and publishing the outcome (or
 *   closing the job) removes it. Records of earlier releases, with the
 *   legacy `openShard` and no `checkOrder`, are read from the `open-jobs`
 *   index first, and join `check-queue` when they are first checked
 *   (relay-table-layout.ts).
 * - Publications are claimed with a conditional update and a lease, so the
 *   event and the reconciler never both publish, and a claim whose holder
 *   crashed lapses instead of silencing the job for good.
 */
export class DynamoDbJobStore implements JobStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #ttlSeconds: number;
  readonly #clock: Clock;

  constructor(deps: {
    readonly client: DynamoDBClient;
    readonly tableName: string;
    readonly ttlSeconds: number;
    readonly clock: Clock;
  }) {
    this.#doc = DynamoDBDocumentClient.from(deps.client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.#tableName = deps.tableName;
    this.#ttlSeconds = deps.ttlSeconds;
    this.#clock = deps.clock;
  }

  /**
   * A new, open job record: the key, the TTL, and the check-queue entry
   * (never checked, so in start order).
   */
  #newRecord(restoreJobId: string, startedAt: string): Record<string, unknown> {
    return {
      id: jobRecordId(restoreJobId),
      kind: 'restore-job',
      status: STARTED_STATUS,
      expiration:
        Math.floor(this.#clock.now().getTime() / 1000) + this.#ttlSeconds,
      [OPEN_JOBS_PARTITION_ATTRIBUTE]: OPEN_JOBS_PARTITION,
      [CHECK_ORDER_ATTRIBUTE]: checkOrderOf({ startedAt }),
    };
  }

  async recordStarted(job: StartedJob): Promise<StartedJob> {
    const { taskToken, ...fields } = job;
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...this.#newRecord(job.restoreJobId, job.startedAt),
            ...fields,
            ...(taskToken === undefined
              ? {}
              : { taskTokens: new Set([taskToken]) }),
          },
          ConditionExpression: 'attribute_not_exists(id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        })
      );
      return job;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException && error.Item) {
        const old = toTrackedJob(unmarshall(error.Item));
        const [firstToken] = old.taskTokens;
        return {
          restoreJobId: old.restoreJobId,
          requestId: old.requestId ?? job.requestId,
          recoveryPointArn: old.recoveryPointArn ?? job.recoveryPointArn,
          backupVaultName: old.backupVaultName ?? job.backupVaultName,
          resourceType: old.resourceType ?? job.resourceType,
          source: old.source,
          // The first record's sender, never this call's: a retry may come
          // through another source than the one that started the job.
          ...(old.requestedBy === undefined
            ? {}
            : { requestedBy: old.requestedBy }),
          startedAt: old.startedAt,
          ...(old.context === undefined ? {} : { context: old.context }),
          ...(firstToken === undefined ? {} : { taskToken: firstToken }),
        };
      }
      throw toAppError(error, 'DynamoDB PutItem (job record)', 'dynamodb');
    }
  }

  async get(restoreJobId: string): Promise<TrackedJob | undefined> {
    try {
      const { Item } = await this.#doc.send(
        new GetCommand({
          TableName: this.#tableName,
          Key: { id: jobRecordId(restoreJobId) },
          ConsistentRead: true,
        })
      );
      return Item === undefined ? undefined : toTrackedJob(Item);
    } catch (error) {
      throw toAppError(error, 'DynamoDB GetItem (job record)', 'dynamodb');
    }
  }

  async findByRequestId(requestId: string): Promise<readonly TrackedJob[]> {
    try {
      const { Items } = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: REQUEST_JOBS_INDEX,
          KeyConditionExpression: '#r = :r',
          ExpressionAttributeNames: { '#r': REQUEST_ID_ATTRIBUTE },
          ExpressionAttributeValues: { ':r': requestId },
          ScanIndexForward: false,
          Limit: 20,
        })
      );
      return (Items ?? []).map(toTrackedJob);
    } catch (error) {
      throw toAppError(error, 'DynamoDB Query (jobs by request)', 'dynamodb');
    }
  }

  async listToCheck(
    before: Date,
    limit: number
  ): Promise<readonly TrackedJob[]> {
    const cutOff = before.toISOString();
    const names = {
      '#p': OPEN_JOBS_PARTITION_ATTRIBUTE,
      '#s': STARTED_AT_ATTRIBUTE,
      '#o': CHECK_ORDER_ATTRIBUTE,
    };
    const queries: readonly OpenJobsQuery[] = [
      // Records of an earlier release: never checked, oldest first.
      {
        IndexName: OPEN_JOBS_INDEX,
        KeyConditionExpression: '#p = :p AND #s < :before',
        ExpressionAttributeNames: { '#p': names['#p'], '#s': names['#s'] },
        ExpressionAttributeValues: {
          ':p': LEGACY_OPEN_JOBS_PARTITION,
          ':before': cutOff,
        },
      },
      // Never checked, oldest first: `0#<startedAt>` below `0#<cut-off>`
      // is exactly "started before the cut-off" (`1#…` sorts after).
      {
        IndexName: CHECK_QUEUE_INDEX,
        KeyConditionExpression: '#p = :p AND #o < :before',
        ExpressionAttributeNames: { '#p': names['#p'], '#o': names['#o'] },
        ExpressionAttributeValues: {
          ':p': OPEN_JOBS_PARTITION,
          ':before': `${NEVER_CHECKED_PREFIX}${cutOff}`,
        },
      },
      // Checked before, least recently first. They were old enough when
      // first checked; the filter only matters when the threshold grew.
      {
        IndexName: CHECK_QUEUE_INDEX,
        KeyConditionExpression: '#p = :p AND begins_with(#o, :checked)',
        FilterExpression: '#s < :before',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ':p': OPEN_JOBS_PARTITION,
          ':checked': CHECKED_PREFIX,
          ':before': cutOff,
        },
      },
    ];
    const jobs = new Map<string, TrackedJob>();
    try {
      for (const query of queries) {
        let start: Record<string, unknown> | undefined;
        while (jobs.size < limit) {
          const page = await this.#doc.send(
            new QueryCommand({
              TableName: this.#tableName,
              ...query,
              ScanIndexForward: true,
              Limit: limit - jobs.size,
              ExclusiveStartKey: start,
            })
          );
          for (const job of (page.Items ?? []).map(toTrackedJob)) {
            jobs.set(job.restoreJobId, job);
          }
          start = page.LastEvaluatedKey;
          if (start === undefined) {
            break;
          }
        }
      }
      return [...jobs.values()].slice(0, limit);
    } catch (error) {
      throw toAppError(error, 'DynamoDB Query (open jobs)', 'dynamodb');
    }
  }

  async markChecked(
    restoreJobId: string,
    at: Date
  ): Promise<TrackedJob | undefined> {
    const lastCheckedAt = at.toISOString();
    // The partition value moves a record of an earlier release into the
    // check queue; `attribute_exists(#p)` keeps a closed job closed.
    return this.#update(restoreJobId, 'mark checked', {
      UpdateExpression: 'SET lastCheckedAt = :at, #o = :order, #p = :p',
      ConditionExpression: 'attribute_exists(#p)',
      ExpressionAttributeNames: {
        '#p': OPEN_JOBS_PARTITION_ATTRIBUTE,
        '#o': CHECK_ORDER_ATTRIBUTE,
      },
      ExpressionAttributeValues: {
        ':at': lastCheckedAt,
        ':order': `${CHECKED_PREFIX}${lastCheckedAt}`,
        ':p': OPEN_JOBS_PARTITION,
      },
    });
  }

  async close(
    restoreJobId: string,
    status: string,
    notice?: { readonly type: string; readonly notification: JsonObject }
  ): Promise<void> {
    // Publishing the outcome removes `openShard`, so the condition leaves
    // a job whose outcome was published as it is.
    await this.#update(restoreJobId, 'close', {
      UpdateExpression: `SET #status = :status${notice === undefined ? '' : ', outcomeType = :type, outcome = :outcome'} REMOVE #p, #o`,
      ConditionExpression: 'attribute_exists(#p)',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#p': OPEN_JOBS_PARTITION_ATTRIBUTE,
        '#o': CHECK_ORDER_ATTRIBUTE,
      },
      ExpressionAttributeValues: {
        ':status': status,
        ...(notice === undefined
          ? {}
          : { ':type': notice.type, ':outcome': notice.notification }),
      },
    });
  }

  async claim(
    restoreJobId: string,
    what: Publication,
    now: Date,
    leaseSeconds: number
  ): Promise<TrackedJob | undefined> {
    const { lease, published } = PUBLICATION_ATTRIBUTES[what];
    const nowSeconds = Math.floor(now.getTime() / 1000);
    // A stale warning after the outcome would only confuse.
    const notEnded =
      what === 'stale' ? ' AND attribute_not_exists(outcomePublishedAt)' : '';
    return this.#update(restoreJobId, 'claim publication', {
      UpdateExpression: 'SET #lease = :until',
      ConditionExpression: `attribute_exists(id) AND attribute_not_exists(#published) AND (attribute_not_exists(#lease) OR #lease < :now)${notEnded}`,
      ExpressionAttributeNames: { '#lease': lease, '#published': published },
      ExpressionAttributeValues: {
        ':until': nowSeconds + leaseSeconds,
        ':now': nowSeconds,
      },
    });
  }

  async markPublished(
    restoreJobId: string,
    what: Publication,
    at: Date,
    outcome?: {
      readonly status: string;
      readonly type: string;
      readonly notification: JsonObject;
    }
  ): Promise<TrackedJob | undefined> {
    const { lease, published } = PUBLICATION_ATTRIBUTES[what];
    const ended = outcome !== undefined;
    return this.#update(restoreJobId, 'mark published', {
      UpdateExpression: ended
        ? 'SET #published = :at, #status = :status, outcomeType = :type, outcome = :outcome REMOVE #lease, #open, #order'
        : 'SET #published = :at REMOVE #lease',
      ConditionExpression: 'attribute_exists(id)',
      ExpressionAttributeNames: {
        '#lease': lease,
        '#published': published,
        ...(ended
          ? {
              '#status': 'status',
              '#open': OPEN_JOBS_PARTITION_ATTRIBUTE,
              '#order': CHECK_ORDER_ATTRIBUTE,
            }
          : {}),
      },
      ExpressionAttributeValues: {
        ':at': at.toISOString(),
        ...(ended
          ? {
              ':status': outcome.status,
              ':type': outcome.type,
              ':outcome': outcome.notification,
            }
          : {}),
      },
    });
  }

  async release(restoreJobId: string, what: Publication): Promise<void> {
    await this.#update(restoreJobId, 'release claim', {
      UpdateExpression: 'REMOVE #lease',
      ConditionExpression: 'attribute_exists(id)',
      ExpressionAttributeNames: {
        '#lease': PUBLICATION_ATTRIBUTES[what].lease,
      },
    });
  }

  async recordExternal(job: ExternalJob): Promise<void> {
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...this.#newRecord(job.restoreJobId, job.startedAt),
            external: true,
            source: 'external',
            ...job,
          },
          ConditionExpression: 'attribute_not_exists(id)',
        })
      );
    } catch (error) {
      if (!isConditionFailure(error)) {
        throw toAppError(error, 'DynamoDB PutItem (external job)', 'dynamodb');
      }
    }
  }

  async addTaskToken(
    restoreJobId: string,
    taskToken: string
  ): Promise<TrackedJob | undefined> {
    return this.#update(restoreJobId, 'task token', {
      UpdateExpression: 'ADD taskTokens :token',
      ConditionExpression: 'attribute_exists(id)',
      ExpressionAttributeValues: { ':token': new Set([taskToken]) },
    });
  }

  /**
   * Updates an existing job record (every update here is conditional on
   * `attribute_exists(id)`, or on an attribute only job records have:
   * without it an update of a missing item would create one).
   *
   * @returns the record after the update; undefined when the condition
   *   failed
   */
  async #update(
    restoreJobId: string,
    operation: string,
    update: Pick<
      UpdateCommandInput,
      | 'UpdateExpression'
      | 'ConditionExpression'
      | 'ExpressionAttributeNames'
      | 'ExpressionAttributeValues'
    >
  ): Promise<TrackedJob | undefined> {
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { id: jobRecordId(restoreJobId) },
          ReturnValues: 'ALL_NEW',
          ...update,
        })
      );
      return Attributes === undefined ? undefined : toTrackedJob(Attributes);
    } catch (error) {
      if (isConditionFailure(error)) {
        return undefined;
      }
      throw toAppError(error, `DynamoDB UpdateItem (${operation})`, 'dynamodb');
    }
  }
}
