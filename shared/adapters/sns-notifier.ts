import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import {
  escapeInvalidCharacters,
  toAttributeText,
} from '../domain/aws-text.js';
import type { RelayNotification } from '../events/relay-notification.js';
import type { Notifier } from '../ports/notifier.js';
import { toAppError } from './to-app-error.js';

const MAX_ATTRIBUTE_CHARS = 256;

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
    // SNS takes the XML character set only: JSON.stringify escapes control
    // characters and lone surrogates, not U+FFFE/U+FFFF, so those are
    // escaped here (the same text, as JSON); attribute values likewise.
    // https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
    const attribute = (value: string) => ({
      DataType: 'String',
      StringValue: toAttributeText(value, MAX_ATTRIBUTE_CHARS),
    });
    try {
      await this.#client.send(
        new PublishCommand({
          TopicArn: this.#topicArn,
          Message: escapeInvalidCharacters(JSON.stringify(notification)),
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
