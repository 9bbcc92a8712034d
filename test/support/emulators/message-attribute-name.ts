const NAME = /^[A-Za-z0-9_.-]{1,256}$/;

/**
 * Whether SQS and SNS take `name` as a message attribute name: up to 256
 * letters, digits, `_`, `-` and `.`; no leading, trailing or doubled
 * period; the `AWS.` and `Amazon.` prefixes are reserved. The two services
 * document the same rule.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
 * @example
 * ```ts
 * isMessageAttributeName('errorCode'); // true
 * isMessageAttributeName('AWS.trace'); // false
 * ```
 */
export const isMessageAttributeName = (name: string): boolean =>
  NAME.test(name) &&
  !name.startsWith('.') &&
  !name.endsWith('.') &&
  !name.includes('..') &&
  !/^(aws|amazon)\./i.test(name);
