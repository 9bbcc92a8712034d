import * as backup from '@aws-sdk/client-backup';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as eventbridge from '@aws-sdk/client-eventbridge';
import * as sfn from '@aws-sdk/client-sfn';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import * as libDynamodb from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  AWS_ERROR_CLASSES,
  type AwsErrorGroups,
  type AwsService,
  COMMON_AWS_ERROR_CLASSES,
  classifyAwsError,
} from '#shared/adapters/aws-error-classes';

type ExceptionClass = new (options: {
  message: string;
  $metadata: object;
}) => Error & {
  readonly $fault?: string;
  readonly $retryable?: object;
};

interface ModelledException {
  readonly name: string;
  readonly fault: string | undefined;
  readonly retryable: boolean;
}

/**
 * Every class a package exports that extends the client's service
 * exception: the exceptions its model declares.
 */
const exceptionsOf = (
  module: Readonly<Record<string, unknown>>,
  base: abstract new (...args: never[]) => Error
): ModelledException[] =>
  Object.values(module)
    .filter(
      (value): value is ExceptionClass =>
        typeof value === 'function' && value.prototype instanceof base
    )
    .map((Exception) => {
      const instance = new Exception({ message: 'x', $metadata: {} });
      return {
        name: instance.name,
        fault: instance.$fault,
        retryable: instance.$retryable !== undefined,
      };
    });

const MODELLED: Readonly<Record<AwsService, readonly ModelledException[]>> = {
  backup: exceptionsOf(backup, backup.BackupServiceException),
  dynamodb: [
    ...exceptionsOf(dynamodb, dynamodb.DynamoDBServiceException),
    // The document client re-exports none today; any it adds is DynamoDB's.
    ...exceptionsOf(libDynamodb, dynamodb.DynamoDBServiceException),
  ],
  eventbridge: exceptionsOf(
    eventbridge,
    eventbridge.EventBridgeServiceException
  ),
  sfn: exceptionsOf(sfn, sfn.SFNServiceException),
  sns: exceptionsOf(sns, sns.SNSServiceException),
  sqs: exceptionsOf(sqs, sqs.SQSServiceException),
};

/** Names in a table that no client models, on purpose. */
const UNMODELLED: Readonly<Record<AwsService, readonly string[]>> = {
  backup: [],
  dynamodb: [],
  // PutEvents per-entry error codes (API_PutEventsResultEntry).
  eventbridge: [
    'InvalidAccountIdException',
    'InvalidArgument',
    'MalformedDetail',
    'NotAuthorizedForDetailTypeException',
    'NotAuthorizedForSourceException',
    'RedactionFailure',
  ],
  sfn: [],
  sns: [],
  sqs: [],
};

const SERVICES = Object.keys(MODELLED) as AwsService[];
const namesIn = (groups: AwsErrorGroups): string[] =>
  Object.values(groups).flat();

describe('AWS_ERROR_CLASSES', () => {
  it.each(SERVICES)(
    'classifies every exception the %s client models',
    (service) => {
      // Arrange
      const listed = new Set(namesIn(AWS_ERROR_CLASSES[service]));

      // Act
      const missing = MODELLED[service]
        .map((e) => e.name)
        .filter((name) => !listed.has(name));

      // Assert: a new SDK exception fails here until it is classified.
      expect(MODELLED[service].length).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    }
  );

  it.each(SERVICES)(
    'lists nothing for %s that the client does not model, except documented codes',
    (service) => {
      // Arrange
      const modelled = new Set(MODELLED[service].map((e) => e.name));

      // Act
      const extra = namesIn(AWS_ERROR_CLASSES[service]).filter(
        (name) => !modelled.has(name)
      );

      // Assert
      expect(extra.sort()).toEqual([...UNMODELLED[service]].sort());
    }
  );

  it.each([
    ...SERVICES.map((s) => [s, AWS_ERROR_CLASSES[s]] as const),
    ['common', COMMON_AWS_ERROR_CLASSES] as const,
  ])('puts every %s name in exactly one class', (_table, groups) => {
    // Act
    const names = namesIn(groups);

    // Assert
    expect(names.length).toBe(new Set(names).size);
  });

  it.each(SERVICES)(
    'never makes a %s server fault or a retryable-trait exception permanent',
    (service) => {
      // Act
      const permanent = MODELLED[service]
        .filter((e) => e.fault === 'server' || e.retryable)
        .filter((e) => classifyAwsError(service, e.name) === 'permanent');

      // Assert
      expect(permanent).toEqual([]);
    }
  );

  it('counts what the table holds', () => {
    // Act
    const counts = Object.fromEntries(
      SERVICES.map((service) => [
        service,
        Object.fromEntries(
          Object.entries(AWS_ERROR_CLASSES[service]).map(([c, names]) => [
            c,
            names.filter((n) => !UNMODELLED[service].includes(n)).length,
          ])
        ),
      ])
    );

    // Assert: the modelled exceptions per client and class.
    expect(counts).toEqual({
      backup: { throttled: 0, retry: 4, permanent: 6 },
      dynamodb: { throttled: 4, retry: 8, permanent: 23 },
      eventbridge: { throttled: 1, retry: 2, permanent: 10 },
      sfn: { throttled: 1, retry: 3, permanent: 29 },
      sns: { throttled: 2, retry: 4, permanent: 28 },
      sqs: { throttled: 2, retry: 3, permanent: 23 },
    });
  });
});

describe('classifyAwsError', () => {
  it.each([
    // KMS throttling is a 400 client fault in both models, and only a rate.
    ['sns', 'KMSThrottlingException', 'throttled'],
    ['sfn', 'KmsThrottlingException', 'throttled'],
    ['sqs', 'KmsThrottled', 'throttled'],
    ['sns', 'ThrottledException', 'throttled'],
    ['dynamodb', 'ProvisionedThroughputExceededException', 'throttled'],
    // A KMS key that is disabled, missing or denied is configuration.
    ['sns', 'KMSDisabledException', 'permanent'],
    ['sns', 'KMSInvalidStateException', 'permanent'],
    ['sns', 'KMSNotFoundException', 'permanent'],
    ['sns', 'KMSAccessDeniedException', 'permanent'],
    ['sfn', 'KmsInvalidStateException', 'permanent'],
    ['sfn', 'KmsAccessDeniedException', 'permanent'],
    ['sqs', 'KmsDisabled', 'permanent'],
    ['sns', 'AuthorizationErrorException', 'permanent'],
    ['sns', 'NotFoundException', 'permanent'],
    ['sns', 'InternalErrorException', 'retry'],
    // "Try again later" and a dependency that failed.
    ['backup', 'InvalidResourceStateException', 'retry'],
    ['backup', 'ConflictException', 'retry'],
    ['backup', 'DependencyFailureException', 'retry'],
    ['backup', 'ServiceUnavailableException', 'retry'],
    ['backup', 'InvalidParameterValueException', 'permanent'],
    ['backup', 'ResourceNotFoundException', 'permanent'],
    // One name, three meanings.
    ['backup', 'LimitExceededException', 'permanent'],
    ['eventbridge', 'LimitExceededException', 'permanent'],
    ['dynamodb', 'LimitExceededException', 'throttled'],
    ['dynamodb', 'ConditionalCheckFailedException', 'permanent'],
    ['dynamodb', 'TransactionConflictException', 'retry'],
    ['eventbridge', 'InternalException', 'retry'],
    ['eventbridge', 'MalformedDetail', 'permanent'],
    // Unmodelled names fall back to the common table.
    ['backup', 'ThrottlingException', 'throttled'],
    ['backup', 'AccessDeniedException', 'permanent'],
    ['eventbridge', 'InternalFailure', 'retry'],
    ['sns', 'KMS.KeyUnavailableException', 'retry'],
    ['dynamodb', 'UnrecognizedClientException', 'permanent'],
  ] as const)('%s %s is %s', (service, name, expected) => {
    // Act
    const found = classifyAwsError(service, name);

    // Assert
    expect(found).toBe(expected);
  });

  it('knows nothing of names in no table, Object.prototype members included', () => {
    // Act & Assert
    expect(classifyAwsError('sns', 'SomethingNew')).toBeUndefined();
    expect(classifyAwsError('sns', 'constructor')).toBeUndefined();
    expect(classifyAwsError('backup', 'toString')).toBeUndefined();
  });
});
