import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Clock } from '../domain/clock.js';
import type {
  AlarmCoolDown,
  AlarmCoolDownClaim,
  AlarmCoolDownResult,
} from '../ports/alarm-cool-down.js';
import { toAppError } from './to-app-error.js';

/**
 * The partition key of a rule's cool-down for one alarm in the relay table.
 * Hashed: alarm names (in both the rule and the ARN) may hold any
 * character, `#` too, so a readable concatenation could collide.
 *
 * @example
 * ```ts
 * alarmCoolDownId('name:orders-db-latency', alarmArn); // 'alarm-cool-down#3f9a…'
 * ```
 */
export const alarmCoolDownId = (ruleKey: string, alarmArn: string): string =>
  `alarm-cool-down#${createHash('sha256')
    .update(`${ruleKey}\n${alarmArn}`)
    .digest('hex')
    .slice(0, 40)}`;

// Kept a day past the window or past now, whichever is later (DynamoDB TTL
// on `expiration`, epoch seconds): EventBridge retries a delivery for up to
// 24 h (docs/reliability.md#eventbridge-delivery), and a late delivery of an earlier
// flap, or the next event of an archive replay, must still find the claim.
const KEEP_SECONDS = 24 * 3600;

/**
 * {@link AlarmCoolDown} in the relay table, one item per rule and alarm
 * (`alarm-cool-down#…` keys; none of the indexes' attributes, so the
 * indexes stay job records only).
 *
 * One conditional put claims the cool-down: it is written when no item
 * exists or the stored window ended at or before this transition's state
 * timestamp. When the condition fails, the item that made it fail comes
 * back with the error (`ReturnValuesOnConditionCheckFailure: ALL_OLD`, no
 * second read) and tells a redelivery of the holder from another flap.
 */
export class DynamoDbAlarmCoolDown implements AlarmCoolDown {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;

  constructor(deps: {
    readonly client: DynamoDBClient;
    readonly tableName: string;
    readonly clock: Clock;
  }) {
    this.#doc = DynamoDBDocumentClient.from(deps.client);
    this.#tableName = deps.tableName;
    this.#clock = deps.clock;
  }

  async claim(claim: AlarmCoolDownClaim): Promise<AlarmCoolDownResult> {
    const stateTimestamp = claim.stateTimestamp.toISOString();
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            id: alarmCoolDownId(claim.ruleKey, claim.alarmArn),
            kind: 'alarm-cool-down',
            ruleKey: claim.ruleKey,
            alarmArn: claim.alarmArn,
            stateTimestamp,
            coolDownUntil: claim.until.getTime(),
            expiration:
              Math.ceil(
                Math.max(claim.until.getTime(), this.#clock.now().getTime()) /
                  1000
              ) + KEEP_SECONDS,
          },
          ConditionExpression:
            'attribute_not_exists(id) OR coolDownUntil <= :at',
          ExpressionAttributeValues: {
            ':at': claim.stateTimestamp.getTime(),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        })
      );
      return 'claimed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        const holder =
          error.Item === undefined ? undefined : unmarshall(error.Item);
        return holder?.alarmArn === claim.alarmArn &&
          holder.stateTimestamp === stateTimestamp
          ? 'same-transition'
          : 'cooling-down';
      }
      throw toAppError(error, 'DynamoDB PutItem (alarm cool-down)', 'dynamodb');
    }
  }
}
