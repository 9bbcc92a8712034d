import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { RelayNotification } from '../events/relay-notification.js';
import type { Notifier } from '../ports/notifier.js';
import { toAppError } from './to-app-error.js';

/**
 * {@link Notifier} over SNS `Publish`: the notification as JSON, and the
 * fields subscribers filter on (`type`, `resourceType`, `requestId`) as
 * message attributes.
 */
export class SnsNotifier implements Notifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;

  constructor(deps: { readonly client: SNSClient; readonly topicArn: string }) {
    this.#client = deps.client;
    this.#topicArn = deps.topicArn;
  }

  async publish(notification: RelayNotification): Promise<void> {
    const attribute = (value: string) => ({
      DataType: 'String',
      StringValue: value,
    });
    try {
      await this.#client.send(
        new PublishCommand({
          TopicArn: this.#topicArn,
          Message: JSON.stringify(notification),
          // SNS rejects an attribute with an empty value, so absent fields
          // (a rejected request may have no key yet) get no attribute.
          MessageAttributes: Object.fromEntries(
            (['type', 'resourceType', 'requestId'] as const).flatMap((name) => {
              const value = notification[name];
              return value === undefined ? [] : [[name, attribute(value)]];
            })
          ),
        })
      );
    } catch (error) {
      throw toAppError(error, 'SNS Publish', 'sns');
    }
  }
}
