/**
 * The one DynamoDB table restore-relay uses: the Powertools idempotency
 * store. Powertools writes items `{ id, status, expiration (epoch s),
 * in_progress_expiration (epoch ms), data }` (toolchain.md §6.2), so the
 * partition key is `id` (S) and DynamoDB TTL runs on `expiration`.
 *
 * @see ../../../../shared/reference/toolchain.md §4.3, §6.2
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';

/** Partition key attribute of the relay table. */
export const RELAY_TABLE_KEY = 'id';

/** TTL attribute of the relay table (epoch seconds, set by Powertools). */
export const RELAY_TABLE_TTL_ATTRIBUTE = 'expiration';

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
 * Creates the relay table (partition key `id`, on-demand) and turns on TTL
 * for `expiration`. Idempotent: an existing table with the same key schema
 * is kept, and TTL is only updated when it is not already enabled.
 *
 * @throws Error when a table of that name exists with another key schema, or
 *   does not become ACTIVE within 10 s
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
        AttributeDefinitions: [
          { AttributeName: RELAY_TABLE_KEY, AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: RELAY_TABLE_KEY, KeyType: 'HASH' }],
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
    tableArn = Table?.TableArn;
    if (Table?.TableStatus === 'ACTIVE') {
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
