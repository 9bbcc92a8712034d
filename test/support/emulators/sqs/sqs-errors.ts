/**
 * The SQS errors the emulator answers, with the query-protocol codes the
 * SDK maps to its exception classes in query-compatible mode.
 */
import { ServiceError } from '../service-error.js';

/**
 * Query-protocol codes of the modelled errors (the `awsQueryError` traits
 * of `@aws-sdk/client-sqs`), with their HTTP status. Shapes without the
 * trait use their own name.
 */
const MODELLED_ERRORS: Readonly<
  Record<string, { queryCode: string; status: number }>
> = {
  BatchEntryIdsNotDistinct: {
    queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    status: 400,
  },
  BatchRequestTooLong: {
    queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong',
    status: 400,
  },
  EmptyBatchRequest: {
    queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
    status: 400,
  },
  InvalidAddress: { queryCode: 'InvalidAddress', status: 404 },
  InvalidBatchEntryId: {
    queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId',
    status: 400,
  },
  InvalidSecurity: { queryCode: 'InvalidSecurity', status: 403 },
  OverLimit: { queryCode: 'OverLimit', status: 403 },
  QueueDoesNotExist: {
    queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
    status: 400,
  },
  ReceiptHandleIsInvalid: { queryCode: 'ReceiptHandleIsInvalid', status: 404 },
  RequestThrottled: { queryCode: 'RequestThrottled', status: 403 },
  ResourceNotFoundException: {
    queryCode: 'ResourceNotFoundException',
    status: 404,
  },
  TooManyEntriesInBatchRequest: {
    queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    status: 400,
  },
  UnsupportedOperation: {
    queryCode: 'AWS.SimpleQueueService.UnsupportedOperation',
    status: 400,
  },
};

/**
 * The `x-amzn-query-error` code of an error name.
 *
 * @example
 * ```ts
 * queryCodeOf('QueueDoesNotExist'); // 'AWS.SimpleQueueService.NonExistentQueue'
 * ```
 */
export const queryCodeOf = (code: string): string =>
  MODELLED_ERRORS[code]?.queryCode ?? code;

/**
 * A service error whose status defaults to the modelled one.
 *
 * @example
 * ```ts
 * throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
 * ```
 */
export class SqsError extends ServiceError {
  constructor(code: string, message: string, status?: number) {
    super(code, status ?? MODELLED_ERRORS[code]?.status ?? 400, message);
    this.name = 'SqsError';
  }
}

/**
 * `InvalidParameterValue` (not modelled: an `SQSServiceException` whose
 * name is the code, as with real SQS, aws/aws-sdk#267).
 *
 * @example
 * ```ts
 * throw invalidParameterValue('Reason: must be a string.');
 * ```
 */
export const invalidParameterValue = (message: string): SqsError =>
  new SqsError('InvalidParameterValue', message);

/**
 * `MissingParameter` naming the member.
 *
 * @example
 * ```ts
 * throw missingParameter('QueueUrl');
 * ```
 */
export const missingParameter = (name: string): SqsError =>
  new SqsError(
    'MissingParameter',
    `The request must contain the parameter ${name}.`
  );

/**
 * `QueueDoesNotExist`.
 *
 * @example
 * ```ts
 * throw queueDoesNotExist();
 * ```
 */
export const queueDoesNotExist = (): SqsError =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
