import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Clock } from '../domain/clock.js';
import type { JobStore, StartedJob } from '../ports/job-store.js';
import { toAppError } from './to-app-error.js';

/** The partition key of a job record in the relay table. */
export const jobRecordId = (restoreJobId: string): string =>
  `job#${restoreJobId}`;

/**
 * {@link JobStore} in the relay table (the table Powertools idempotency uses
 * too; job records are told apart by their `job#` key prefix). The first
 * record wins: a conditional put returns the existing item on a retry
 * (`ReturnValuesOnConditionCheckFailure: ALL_OLD`, no second read).
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

  async recordStarted(job: StartedJob): Promise<StartedJob> {
    const expiration =
      Math.floor(this.#clock.now().getTime() / 1000) + this.#ttlSeconds;
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            id: jobRecordId(job.restoreJobId),
            kind: 'restore-job',
            status: 'STARTED',
            expiration,
            ...job,
          },
          ConditionExpression: 'attribute_not_exists(id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        })
      );
      return job;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException && error.Item) {
        const {
          id: _id,
          kind: _kind,
          status: _status,
          expiration: _exp,
          ...old
        } = unmarshall(error.Item);
        return old as StartedJob;
      }
      throw toAppError(error, 'DynamoDB PutItem (job record)');
    }
  }
}
