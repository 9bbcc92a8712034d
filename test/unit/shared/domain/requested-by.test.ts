import { describe, expect, it } from 'vitest';
import {
  parseRequestedBy,
  type RequestedBy,
  RequestedBySchema,
  STEP_FUNCTIONS_EXECUTION_ARN,
} from '#shared/domain/requested-by';

const EXECUTION_ARN =
  'arn:aws:states:eu-west-1:111122223333:execution:restore-flow:run-42';

describe('RequestedBySchema', () => {
  it.each<[string, RequestedBy]>([
    ['sqs', { via: 'sqs', senderId: 'AROAEXAMPLEROLEID:request-producer' }],
    [
      'eventbridge',
      { via: 'eventbridge', account: '111122223333', source: 'orders.app' },
    ],
    [
      'alarm',
      {
        via: 'alarm',
        account: '111122223333',
        alarmArn:
          'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders db failures',
      },
    ],
    [
      'invoke with an execution',
      { via: 'invoke', executionArn: EXECUTION_ARN },
    ],
    ['invoke', { via: 'invoke' }],
    ['cli', { via: 'cli' }],
  ])('accepts a sender via %s as it is', (_name, requestedBy) => {
    // Act
    const parsed = RequestedBySchema.parse(requestedBy);

    // Assert
    expect(parsed).toStrictEqual(requestedBy);
  });

  it.each([
    ['an unknown source', { via: 'email', from: 'ops@example.com' }],
    ['a field of another source', { via: 'cli', senderId: 'AIDAEXAMPLE' }],
    ['a missing field', { via: 'eventbridge', source: 'orders.app' }],
    [
      'an account that is not 12 digits',
      { via: 'eventbridge', account: '1112233445566', source: 'orders.app' },
    ],
    ['a sender id with a space', { via: 'sqs', senderId: 'AIDA EXAMPLE' }],
    ['an empty sender id', { via: 'sqs', senderId: '' }],
    [
      'an alarm ARN of another service',
      {
        via: 'alarm',
        account: '111122223333',
        alarmArn: 'arn:aws:sns:eu-west-1:111122223333:alarms',
      },
    ],
  ])('refuses %s', (_name, candidate) => {
    // Act
    const parsed = parseRequestedBy(candidate);

    // Assert
    expect(parsed).toBeUndefined();
  });

  it('keeps the JSON of the longest senders within one dead-letter message attribute (1,024 characters)', () => {
    // Arrange: every value at its maximum length, full of characters JSON escapes.
    const longest: RequestedBy[] = [
      { via: 'sqs', senderId: '"'.repeat(256) },
      { via: 'eventbridge', account: '111122223333', source: '\\'.repeat(256) },
      {
        via: 'alarm',
        account: '111122223333',
        alarmArn: `arn:aws:cloudwatch:${'"'.repeat(400 - 19)}`,
      },
      {
        via: 'invoke',
        executionArn: `arn:aws:states:eu-west-1:111122223333:execution:m:${'"'.repeat(256 - 50)}`,
      },
    ];

    for (const requestedBy of longest) {
      // Act
      const parsed = RequestedBySchema.parse(requestedBy);

      // Assert
      expect(JSON.stringify(parsed).length).toBeLessThanOrEqual(1024);
    }
  });
});

describe('STEP_FUNCTIONS_EXECUTION_ARN', () => {
  it.each([
    EXECUTION_ARN,
    'arn:aws-us-gov:states:us-gov-west-1:111122223333:execution:restore-flow:run-42',
    'arn:aws:states:eu-west-1:111122223333:execution:restore-flow/map-label:7c1d3e84',
  ])('matches %s', (arn) => {
    // Act & Assert
    expect(STEP_FUNCTIONS_EXECUTION_ARN.test(arn)).toBe(true);
  });

  it.each([
    'arn:aws:states:eu-west-1:111122223333:stateMachine:restore-flow',
    'arn:aws:states:eu-west-1:111122223333:express:restore-flow:run-42:uuid',
    'arn:aws:lambda:eu-west-1:111122223333:execution:restore-flow:run-42',
    'arn:aws:states:eu-west-1:1111:execution:restore-flow:run-42',
    'arn:aws:states:eu-west-1:111122223333:execution:restore-flow',
    'arn:aws:states:eu-west-1:111122223333:execution:restore flow:run-42',
    'me',
  ])('does not match %s', (arn) => {
    // Act & Assert
    expect(STEP_FUNCTIONS_EXECUTION_ARN.test(arn)).toBe(false);
  });
});
