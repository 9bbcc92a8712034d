import { describe, expect, it } from 'vitest';
import { requestedByOfInvocation } from '../../../../functions/invoke-restore/requested-by.js';

const EXECUTION_ARN =
  'arn:aws:states:eu-west-1:111122223333:execution:restore-flow:run-42';

const request = (context?: Record<string, unknown>) => ({
  requestId: 'inc-42',
  resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
  ...(context === undefined ? {} : { context }),
});

describe('requestedByOfInvocation', () => {
  it("names the Step Functions execution the request's context.executionArn gives", () => {
    // Arrange
    const event = request({ executionArn: EXECUTION_ARN, ticket: 'INC-42' });

    // Act
    const requestedBy = requestedByOfInvocation(event);

    // Assert
    expect(requestedBy).toStrictEqual({
      via: 'invoke',
      executionArn: EXECUTION_ARN,
    });
  });

  it('names only the source when the request has no context, or no executionArn in it', () => {
    for (const event of [request(), request({ ticket: 'INC-42' })]) {
      // Act
      const requestedBy = requestedByOfInvocation(event);

      // Assert
      expect(requestedBy).toStrictEqual({ via: 'invoke' });
    }
  });

  it.each([
    [
      'a state machine ARN',
      'arn:aws:states:eu-west-1:111122223333:stateMachine:restore-flow',
    ],
    [
      'an ARN of another service',
      'arn:aws:lambda:eu-west-1:111122223333:function:caller',
    ],
    ['a name', 'restore-flow'],
    ['a number', 42],
    ['an object', { arn: EXECUTION_ARN }],
    [
      'an ARN too long for Step Functions',
      `${EXECUTION_ARN}${'x'.repeat(256)}`,
    ],
  ])('ignores an executionArn that is %s', (_name, executionArn) => {
    // Arrange
    const event = request({ executionArn });

    // Act
    const requestedBy = requestedByOfInvocation(event);

    // Assert
    expect(requestedBy).toStrictEqual({ via: 'invoke' });
  });

  it('names only the source for a payload that is not a request', () => {
    for (const event of [null, 'restore please', [EXECUTION_ARN]]) {
      // Act
      const requestedBy = requestedByOfInvocation(event);

      // Assert
      expect(requestedBy).toStrictEqual({ via: 'invoke' });
    }
  });
});
