import {
  parseRequestedBy,
  type RequestedBy,
} from '#shared/domain/requested-by';

const fieldOf = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;

/**
 * Who invoked `invoke-restore`. Lambda does not tell a function who invoked
 * it: the context's `identity` is an Amazon Cognito identity (mobile SDK
 * only) and `clientContext` is whatever the caller chose to send, so
 * neither is used. What the request may carry is the Step Functions
 * execution that sent it, by convention as `context.executionArn`
 * (`"context": { "executionArn.$": "$$.Execution.Id" }` in the task's
 * payload). It is kept when it is an execution ARN, and ignored otherwise.
 * It is the caller's statement, as trustworthy as the `lambda:InvokeFunction`
 * permission that let the caller in.
 *
 * @example
 * ```ts
 * requestedByOfInvocation({ context: { executionArn: 'arn:aws:states:eu-west-1:111122223333:execution:restore-flow:run-42' }, … });
 * // { via: 'invoke', executionArn: 'arn:aws:states:…:execution:restore-flow:run-42' }
 * requestedByOfInvocation({ context: { executionArn: 'me' }, … }); // { via: 'invoke' }
 * ```
 */
export const requestedByOfInvocation = (event: unknown): RequestedBy => {
  const executionArn = fieldOf(fieldOf(event, 'context'), 'executionArn');
  const named =
    executionArn === undefined
      ? undefined
      : parseRequestedBy({ via: 'invoke', executionArn });
  return named ?? { via: 'invoke' };
};
