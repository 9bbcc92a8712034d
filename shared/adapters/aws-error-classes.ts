/**
 * What a failed AWS call means for the request that made it:
 * - `throttled`: AWS, or KMS on AWS's behalf, refused the rate; the same
 *   call succeeds later;
 * - `retry`: a failure that passes (a server fault, a dependency down, an
 *   operation still running, "try again later");
 * - `permanent`: the call as sent, or the configuration it relies on
 *   (access, a KMS key's state, a missing resource), is wrong; sending it
 *   again changes nothing.
 */
export type AwsErrorClass = 'throttled' | 'retry' | 'permanent';

/** The AWS services restore-relay calls, one per SDK client. */
export type AwsService =
  | 'backup'
  | 'dynamodb'
  | 'eventbridge'
  | 'sfn'
  | 'sns'
  | 'sqs';

/** Error names by class: one service's part of the table. */
export type AwsErrorGroups = Readonly<Record<AwsErrorClass, readonly string[]>>;

/**
 * Every exception the six SDK clients model, by service and class, decided
 * by what the exception means, not by its HTTP status or `$fault` alone:
 * SNS `KMSThrottlingException` and Step Functions `KmsThrottlingException`
 * are 400 client faults in the models, and still only throttling: "use a
 * backoff and retry strategy"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html).
 * KMS keys that are disabled, pending deletion, missing or denied are a
 * configuration problem and stay permanent
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html).
 *
 * Names come from the models (`@aws-sdk/client-*`, the exception's
 * `name`); a unit test fails when an SDK update adds an exception that is
 * not classified here. A service's own entry wins over
 * {@link COMMON_AWS_ERROR_CLASSES}: the same name can mean different
 * things (`LimitExceededException` is a request limit in AWS Backup, a
 * resource quota in EventBridge and too many concurrent table operations in
 * DynamoDB).
 */
export const AWS_ERROR_CLASSES: Readonly<Record<AwsService, AwsErrorGroups>> = {
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartRestoreJob.html#API_StartRestoreJob_Errors
  // AWS Backup's throttling answer is not modelled: it is in the common
  // table (ThrottlingException) or a 429.
  backup: {
    throttled: [],
    // "A temporary failure of the server", "a dependent AWS service
    // returned an error", and two that say "Try again later" (an action
    // on the recovery point is still running).
    retry: [
      'ConflictException',
      'DependencyFailureException',
      'InvalidResourceStateException',
      'ServiceUnavailableException',
    ],
    // The request, or what it names, is wrong: "a limit in the request
    // has been exceeded" is a request limit, not a rate.
    permanent: [
      'AlreadyExistsException',
      'InvalidParameterValueException',
      'InvalidRequestException',
      'LimitExceededException',
      'MissingParameterValueException',
      'ResourceNotFoundException',
    ],
  },
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
  // ConditionalCheckFailedException is caught by the job store, the
  // cool-down and Powertools before it ever gets here.
  dynamodb: {
    throttled: [
      'LimitExceededException',
      'ProvisionedThroughputExceededException',
      'RequestLimitExceeded',
      'ThrottlingException',
    ],
    // Server faults, and items or tables another operation is changing
    // right now: the model marks ReplicatedWriteConflictException
    // retryable; TransactionCanceledException's reasons mix conditions
    // with conflicts and throttling, and restore-relay sends no
    // transactions; InvalidEndpointException (421) asks the SDK to look
    // the endpoint up again.
    retry: [
      'BackupInUseException',
      'InternalServerError',
      'InvalidEndpointException',
      'ReplicatedWriteConflictException',
      'TableInUseException',
      'TransactionCanceledException',
      'TransactionConflictException',
      'TransactionInProgressException',
    ],
    // A failed condition, a missing or existing resource, a time outside
    // the allowed window, a token reused with another payload, the 10 GB
    // item collection ceiling.
    permanent: [
      'BackupNotFoundException',
      'ConditionalCheckFailedException',
      'ContinuousBackupsUnavailableException',
      'DuplicateItemException',
      'ExportConflictException',
      'ExportNotFoundException',
      'GlobalTableAlreadyExistsException',
      'GlobalTableNotFoundException',
      'IdempotentParameterMismatchException',
      'ImportConflictException',
      'ImportNotFoundException',
      'IndexNotFoundException',
      'InvalidExportTimeException',
      'InvalidRestoreTimeException',
      'ItemCollectionSizeLimitExceededException',
      'PointInTimeRecoveryUnavailableException',
      'PolicyNotFoundException',
      'ReplicaAlreadyExistsException',
      'ReplicaNotFoundException',
      'ResourceInUseException',
      'ResourceNotFoundException',
      'TableAlreadyExistsException',
      'TableNotFoundException',
    ],
  },
  // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html#API_PutEvents_Errors
  // and the per-entry codes of
  // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html
  eventbridge: {
    throttled: ['ThrottlingException'],
    retry: ['ConcurrentModificationException', 'InternalException'],
    // LimitExceededException: "beyond the allowed service quota".
    // The names after ResourceNotFoundException are PutEvents entry
    // codes AWS documents as non-retryable.
    permanent: [
      'AccessDeniedException',
      'IllegalStatusException',
      'InvalidEventPatternException',
      'InvalidStateException',
      'LimitExceededException',
      'ManagedRuleException',
      'OperationDisabledException',
      'PolicyLengthExceededException',
      'ResourceAlreadyExistsException',
      'ResourceNotFoundException',
      'InvalidAccountIdException',
      'InvalidArgument',
      'MalformedDetail',
      'NotAuthorizedForDetailTypeException',
      'NotAuthorizedForSourceException',
      'RedactionFailure',
    ],
  },
  // https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html#API_SendTaskSuccess_Errors
  // The callback adapter answers TaskDoesNotExist, TaskTimedOut and
  // InvalidToken itself (the task is gone).
  sfn: {
    // "KMS returns ThrottlingException for a KMS call that Step Functions
    // makes on behalf of the caller": a 400 client fault in the model.
    throttled: ['KmsThrottlingException'],
    // Limits on things that are running now (workers polling, running
    // executions) and concurrent updates.
    retry: [
      'ActivityWorkerLimitExceeded',
      'ConflictException',
      'ExecutionLimitExceeded',
    ],
    permanent: [
      'ActivityAlreadyExists',
      'ActivityDoesNotExist',
      'ActivityLimitExceeded',
      'ExecutionAlreadyExists',
      'ExecutionDoesNotExist',
      'ExecutionNotRedrivable',
      'InvalidArn',
      'InvalidDefinition',
      'InvalidEncryptionConfiguration',
      'InvalidExecutionInput',
      'InvalidLoggingConfiguration',
      'InvalidName',
      'InvalidOutput',
      'InvalidToken',
      'InvalidTracingConfiguration',
      'KmsAccessDeniedException',
      'KmsInvalidStateException',
      'MissingRequiredParameter',
      'ResourceNotFound',
      'ServiceQuotaExceededException',
      'StateMachineAlreadyExists',
      'StateMachineDeleting',
      'StateMachineDoesNotExist',
      'StateMachineLimitExceeded',
      'StateMachineTypeNotSupported',
      'TaskDoesNotExist',
      'TaskTimedOut',
      'TooManyTags',
      'ValidationException',
    ],
  },
  // https://docs.aws.amazon.com/sns/latest/api/API_Publish.html#API_Publish_Errors
  sns: {
    // KMSThrottlingException is a 400 client fault in the model: the
    // topic is encrypted, and KMS refused the rate for SNS.
    throttled: ['KMSThrottlingException', 'ThrottledException'],
    // "Wait a short while and then retry", "perform the operations
    // sequentially", and the number of replays running now.
    retry: [
      'ConcurrentAccessException',
      'InternalErrorException',
      'ReplayLimitExceededException',
      'StaleTagException',
    ],
    // Access, parameters, missing or disabled targets, owned quotas, and
    // the topic's KMS key disabled, in a wrong state, missing, denied or
    // not subscribed: configuration, not a passing failure.
    permanent: [
      'AuthorizationErrorException',
      'BatchEntryIdsNotDistinctException',
      'BatchRequestTooLongException',
      'EmptyBatchRequestException',
      'EndpointDisabledException',
      'FilterPolicyLimitExceededException',
      'InvalidBatchEntryIdException',
      'InvalidParameterException',
      'InvalidParameterValueException',
      'InvalidSecurityException',
      'InvalidStateException',
      'KMSAccessDeniedException',
      'KMSDisabledException',
      'KMSInvalidStateException',
      'KMSNotFoundException',
      'KMSOptInRequired',
      'NotFoundException',
      'OptedOutException',
      'PlatformApplicationDisabledException',
      'ResourceNotFoundException',
      'SubscriptionLimitExceededException',
      'TagLimitExceededException',
      'TagPolicyException',
      'TooManyEntriesInBatchRequestException',
      'TopicLimitExceededException',
      'UserErrorException',
      'ValidationException',
      'VerificationException',
    ],
  },
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html#API_SendMessage_Errors
  sqs: {
    // KmsThrottled is KMS.ThrottlingException on the wire (400).
    throttled: ['KmsThrottled', 'RequestThrottled'],
    // In-flight limits, and the two that say to wait 60 seconds.
    retry: ['OverLimit', 'PurgeQueueInProgress', 'QueueDeletedRecently'],
    // KmsDisabled's model text says "request throttling", a copy slip:
    // its wire code is KMS.DisabledException, a disabled key.
    permanent: [
      'BatchEntryIdsNotDistinct',
      'BatchRequestTooLong',
      'EmptyBatchRequest',
      'InvalidAddress',
      'InvalidAttributeName',
      'InvalidAttributeValue',
      'InvalidBatchEntryId',
      'InvalidIdFormat',
      'InvalidMessageContents',
      'InvalidSecurity',
      'KmsAccessDenied',
      'KmsDisabled',
      'KmsInvalidKeyUsage',
      'KmsInvalidState',
      'KmsNotFound',
      'KmsOptInRequired',
      'MessageNotInflight',
      'QueueDoesNotExist',
      'QueueNameExists',
      'ReceiptHandleIsInvalid',
      'ResourceNotFoundException',
      'TooManyEntriesInBatchRequest',
      'UnsupportedOperation',
    ],
  },
};

/**
 * Names no client models that any AWS service may answer: the common
 * errors of every AWS API
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/CommonErrors.html),
 * the throttling codes the SDK itself retries with the throttling delay
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html),
 * and KMS errors a service may pass through, with and without the `KMS.`
 * prefix SQS uses (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html
 * and the KMS operations' Errors sections: DependencyTimeoutException,
 * KMSInternalException and KeyUnavailableException say "You can retry").
 */
export const COMMON_AWS_ERROR_CLASSES: AwsErrorGroups = {
  throttled: [
    'BandwidthLimitExceeded',
    'EC2ThrottledException',
    'KMS.ThrottlingException',
    'KMSThrottlingException',
    'PriorRequestNotComplete',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'SlowDown',
    'ThrottledException',
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
  ],
  // Server faults and timeouts; a request signed with a clock or a token
  // that is out of date (the SDK corrects its clock skew; a new execution
  // environment gets new credentials); KMS unavailable.
  retry: [
    'DependencyTimeoutException',
    'ExpiredToken',
    'ExpiredTokenException',
    'InternalError',
    'InternalFailure',
    'InternalServerError',
    'InternalServerException',
    'KMS.DependencyTimeoutException',
    'KMS.KMSInternalException',
    'KMS.KeyUnavailableException',
    'KMSInternalException',
    'KeyUnavailableException',
    'RequestExpired',
    'RequestInTheFuture',
    'RequestTimeTooSkewed',
    'RequestTimeout',
    'RequestTimeoutException',
    'ServiceUnavailable',
    'ServiceUnavailableException',
  ],
  // Access, signatures, credentials the service does not know, malformed or
  // invalid input, operations the service does not have.
  permanent: [
    'AccessDenied',
    'AccessDeniedException',
    'IncompleteSignature',
    'IncompleteSignatureException',
    'InvalidAction',
    'InvalidClientTokenId',
    'InvalidParameterCombination',
    'InvalidParameterValue',
    'InvalidQueryParameter',
    'InvalidSignatureException',
    'MalformedQueryString',
    'MissingAction',
    'MissingAuthenticationToken',
    'MissingAuthenticationTokenException',
    'MissingParameter',
    'NotAuthorized',
    'OptInRequired',
    'SerializationException',
    'SignatureDoesNotMatch',
    'UnknownOperationException',
    'UnrecognizedClientException',
    'ValidationError',
    'ValidationException',
  ],
};

const indexOf = (groups: AwsErrorGroups): ReadonlyMap<string, AwsErrorClass> =>
  new Map(
    (Object.entries(groups) as [AwsErrorClass, readonly string[]][]).flatMap(
      ([errorClass, names]) => names.map((name) => [name, errorClass] as const)
    )
  );

// Maps, not the objects: an error named `constructor` must not find
// Object.prototype.
const BY_SERVICE = new Map(
  (Object.entries(AWS_ERROR_CLASSES) as [AwsService, AwsErrorGroups][]).map(
    ([service, groups]) => [service, indexOf(groups)]
  )
);
const COMMON = indexOf(COMMON_AWS_ERROR_CLASSES);

/**
 * The class of an AWS error name for one service: the service's own entry,
 * else the common one.
 *
 * @returns undefined for a name neither table knows (the caller falls back
 *   to the SDK's hints and the HTTP status)
 * @example
 * ```ts
 * classifyAwsError('sns', 'KMSThrottlingException'); // 'throttled'
 * classifyAwsError('sns', 'KMSDisabledException'); // 'permanent'
 * ```
 */
export const classifyAwsError = (
  service: AwsService,
  name: string
): AwsErrorClass | undefined =>
  BY_SERVICE.get(service)?.get(name) ?? COMMON.get(name);
