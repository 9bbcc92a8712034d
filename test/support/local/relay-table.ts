/**
 * The one DynamoDB table restore-relay uses, as `RelayTable` in
 * serverless.yml: the Powertools idempotency store, the job records and
 * the alarm cool-downs (`alarm-cool-down#…`).
 * Powertools writes items `{ id, status, expiration (epoch s),
 * in_progress_expiration (epoch ms), data }` (docs/reliability.md#powertools-idempotency), so the
 * partition key is `id` (S) and DynamoDB TTL runs on `expiration`.
 *
 * Three global secondary indexes serve the job records, keyed as in
 * `shared/adapters/relay-table-layout.ts` and projecting every attribute:
 * `check-queue` (`openShard`, `checkOrder`), the reconciler's work list;
 * `open-jobs` (`openShard`, `startedAt`), where it finds the open jobs of
 * earlier releases; and `by-request` (`requestId`, `startedAt`).
 * Idempotency records carry none of these attributes, so the indexes are
 * sparse: they hold job records only.
 *
 * @see docs/local-aws.md#dynamodb-local, docs/reliability.md#powertools-idempotency
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CHECK_ORDER_ATTRIBUTE,
  CHECK_QUEUE_INDEX,
  OPEN_JOBS_INDEX,
  OPEN_JOBS_PARTITION_ATTRIBUTE,
  REQUEST_ID_ATTRIBUTE,
  REQUEST_JOBS_INDEX,
  STARTED_AT_ATTRIBUTE,
} from '#shared/adapters/relay-table-layout';

/** Partition key attribute of the relay table. */
export const RELAY_TABLE_KEY = 'id';

/** TTL attribute of the relay table (epoch seconds, set by Powertools). */
export const RELAY_TABLE_TTL_ATTRIBUTE = 'expiration';

/** The relay table's key and index attributes, as serverless.yml declares them. */
export const RELAY_TABLE_ATTRIBUTE_DEFINITIONS: AttributeDefinition[] = [
  { AttributeName: RELAY_TABLE_KEY, AttributeType: 'S' },
  { AttributeName: OPEN_JOBS_PARTITION_ATTRIBUTE, AttributeType: 'S' },
  { AttributeName: REQUEST_ID_ATTRIBUTE, AttributeType: 'S' },
  { AttributeName: STARTED_AT_ATTRIBUTE, AttributeType: 'S' },
  { AttributeName: CHECK_ORDER_ATTRIBUTE, AttributeType: 'S' },
];

/** The relay table's global secondary indexes, as serverless.yml declares them. */
export const RELAY_TABLE_INDEXES: GlobalSecondaryIndex[] = [
  {
    IndexName: CHECK_QUEUE_INDEX,
    KeySchema: [
      { AttributeName: OPEN_JOBS_PARTITION_ATTRIBUTE, KeyType: 'HASH' },
      { AttributeName: CHECK_ORDER_ATTRIBUTE, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
  {
    IndexName: OPEN_JOBS_INDEX,
    KeySchema: [
      { AttributeName: OPEN_JOBS_PARTITION_ATTRIBUTE, KeyType: 'HASH' },
      { AttributeName: STARTED_AT_ATTRIBUTE, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
  {
    IndexName: REQUEST_JOBS_INDEX,
    KeySchema: [
      { AttributeName: REQUEST_ID_ATTRIBUTE, KeyType: 'HASH' },
      { AttributeName: STARTED_AT_ATTRIBUTE, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
];

/** What {@link createRelayTable} did. */
export interface RelayTable {
  tableName: string;
  tableArn: string | undefined;
  /** False when the table already existed. */
  created: boolean;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the relay table (partition key `id`, on-demand) with its
 * `check-queue`, `open-jobs` and `by-request` indexes, and turns on TTL for
 * `expiration`.
 * Idempotent: an existing table with the same key schema and indexes is
 * kept, and TTL is only updated when it is not already enabled.
 *
 * @throws Error when a table of that name exists with another key schema or
 *   without the indexes, or it does not become ACTIVE within 10 s
 * @example
 * ```ts
 * await createRelayTable(client, 'restore-relay-idempotency');
 * ```
 */
export const createRelayTable = async (
  client: DynamoDBClient,
  tableName: string
): Promise<RelayTable> => {
  let created = true;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: RELAY_TABLE_ATTRIBUTE_DEFINITIONS,
        KeySchema: [{ AttributeName: RELAY_TABLE_KEY, KeyType: 'HASH' }],
        GlobalSecondaryIndexes: RELAY_TABLE_INDEXES,
        BillingMode: 'PAY_PER_REQUEST',
      })
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) {
      throw error;
    }
    created = false;
  }

  let tableArn: string | undefined;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName })
    );
    const keys = Table?.KeySchema ?? [];
    const [first] = keys;
    if (
      keys.length !== 1 ||
      first?.AttributeName !== RELAY_TABLE_KEY ||
      first.KeyType !== 'HASH'
    ) {
      throw new Error(
        `table ${tableName} exists with key schema ${JSON.stringify(keys)}, not ${RELAY_TABLE_KEY} (HASH)`
      );
    }
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    for (const expected of RELAY_TABLE_INDEXES) {
      const actual = indexes.find((i) => i.IndexName === expected.IndexName);
      if (
        JSON.stringify(actual?.KeySchema) !== JSON.stringify(expected.KeySchema)
      ) {
        throw new Error(
          `table ${tableName} exists without index ${expected.IndexName} keyed ${JSON.stringify(expected.KeySchema)}`
        );
      }
    }
    tableArn = Table?.TableArn;
    // Indexes created with the table become ACTIVE with it; waiting for
    // them as well keeps a Query from meeting a CREATING index.
    const indexesActive = indexes.every(
      (i) => i.IndexStatus === undefined || i.IndexStatus === 'ACTIVE'
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`table ${tableName} did not become ACTIVE`);
    }
    await sleep(100);
  }

  const { TimeToLiveDescription: ttl } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName })
  );
  const enabled =
    (ttl?.TimeToLiveStatus === 'ENABLED' ||
      ttl?.TimeToLiveStatus === 'ENABLING') &&
    ttl.AttributeName === RELAY_TABLE_TTL_ATTRIBUTE;
  if (!enabled) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: {
          AttributeName: RELAY_TABLE_TTL_ATTRIBUTE,
          Enabled: true,
        },
      })
    );
  }
  return { tableName, tableArn, created };
};
