import type { Context } from 'aws-lambda';

/**
 * A Lambda context as the Lambda runtime passes it. Typed as holding every
 * function's deps (`never` is assignable to each): it holds none, and the
 * base middleware sets `context.deps` before any handler reads them, as it
 * does under the runtime.
 */
export type InvocationContext = Context & { deps: never };

/**
 * A canned Lambda context. `getRemainingTimeInMillis()` stays positive: a
 * context that returns 0 makes Powertools set no in-progress expiry at all
 * (docs/reliability.md#powertools-pitfalls).
 */
export const lambdaContext = (
  overrides: Partial<Context> = {},
  timeoutMs = 60_000
): InvocationContext => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'restore-relay-local',
    functionVersion: '$LATEST',
    invokedFunctionArn:
      'arn:aws:lambda:eu-west-1:111122223333:function:restore-relay-local',
    memoryLimitInMB: '256',
    awsRequestId: `req-${Math.random().toString(16).slice(2)}`,
    logGroupName: '/aws/lambda/restore-relay-local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(1, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  } as InvocationContext;
};
