import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import {
  AwsRequestRejectedError,
  DependencyFailureError,
  RestoreThrottledError,
} from '../errors/errors.js';
import {
  type OutcomeNotification,
  outcomeDetailType,
} from '../events/outcome-event.js';
import type { OutcomeEvents } from '../ports/outcome-events.js';
import { classifyAwsError } from './aws-error-classes.js';
import { toAppError } from './to-app-error.js';

/**
 * {@link OutcomeEvents} over EventBridge `PutEvents`: the notification is the
 * event's `detail`, from the deployment's source, on the configured bus.
 *
 * PutEvents answers 200 even when an entry failed; the failure is in
 * `FailedEntryCount` and the entry's `ErrorCode`, and must be checked
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
 */
export class EventBridgeOutcomeEvents implements OutcomeEvents {
  readonly #client: EventBridgeClient;
  readonly #busName: string;
  readonly #source: string;

  constructor(deps: {
    readonly client: EventBridgeClient;
    readonly busName: string;
    readonly source: string;
  }) {
    this.#client = deps.client;
    this.#busName = deps.busName;
    this.#source = deps.source;
  }

  async put(notification: OutcomeNotification): Promise<void> {
    let output: PutEventsCommandOutput;
    try {
      output = await this.#client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.#busName,
              Source: this.#source,
              DetailType: outcomeDetailType(notification),
              Detail: JSON.stringify(notification),
              Resources:
                notification.type === 'restore.completed' &&
                notification.createdResourceArn?.startsWith('arn:')
                  ? [notification.createdResourceArn]
                  : [],
            },
          ],
        })
      );
    } catch (error) {
      throw toAppError(error, 'EventBridge PutEvents', 'eventbridge');
    }
    if ((output.FailedEntryCount ?? 0) === 0) {
      return;
    }
    const entry = output.Entries?.[0] ?? {};
    const code = entry.ErrorCode ?? 'UnknownError';
    const message = `EventBridge PutEvents failed for the entry (${code}): ${entry.ErrorMessage ?? ''}`;
    // The entry codes are in the one classification table; a code AWS adds
    // later is retried: a redelivery costs less than a lost outcome event.
    switch (classifyAwsError('eventbridge', code) ?? 'retry') {
      case 'throttled':
        throw new RestoreThrottledError(message);
      case 'retry':
        throw new DependencyFailureError(message);
      case 'permanent':
        throw new AwsRequestRejectedError(message);
    }
  }
}
