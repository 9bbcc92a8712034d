import {
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { CallbackResult, TaskCallbacks } from '../ports/task-callbacks.js';
import { toAppError } from './to-app-error.js';

// SendTaskFailure limits `error` to 256 and `cause` to 32,768 characters
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html).
const MAX_ERROR = 256;
const MAX_CAUSE = 32_768;

/**
 * A task that no longer waits cannot be answered again: the workflow
 * already moved on (answered, timed out, or the token is not a token).
 * Retrying would never succeed, so it is reported, not thrown.
 */
const isGone = (error: unknown): boolean =>
  error instanceof TaskTimedOut ||
  error instanceof TaskDoesNotExist ||
  error instanceof InvalidToken;

/**
 * {@link TaskCallbacks} over Step Functions `SendTaskSuccess` and
 * `SendTaskFailure` (the callback pattern,
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token).
 */
export class SfnTaskCallbacks implements TaskCallbacks {
  readonly #client: SFNClient;

  constructor(deps: { readonly client: SFNClient }) {
    this.#client = deps.client;
  }

  async succeed(taskToken: string, output: unknown): Promise<CallbackResult> {
    return this.#send('SendTaskSuccess', () =>
      this.#client.send(
        new SendTaskSuccessCommand({
          taskToken,
          output: JSON.stringify(output),
        })
      )
    );
  }

  async fail(
    taskToken: string,
    error: string,
    cause: string
  ): Promise<CallbackResult> {
    return this.#send('SendTaskFailure', () =>
      this.#client.send(
        new SendTaskFailureCommand({
          taskToken,
          error: error.slice(0, MAX_ERROR),
          cause: cause.slice(0, MAX_CAUSE),
        })
      )
    );
  }

  async #send(
    operation: string,
    call: () => Promise<unknown>
  ): Promise<CallbackResult> {
    try {
      await call();
      return 'sent';
    } catch (error) {
      if (isGone(error)) {
        return 'gone';
      }
      throw toAppError(error, `Step Functions ${operation}`, 'sfn');
    }
  }
}
