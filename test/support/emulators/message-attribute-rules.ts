/**
 * The message attribute rules SQS and SNS document alike.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
 */
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;

/**
 * A character outside the XML character set both services allow in bodies
 * and string values (no control characters, no U+FFFE/U+FFFF, no lone
 * surrogates; API_SendMessage, API_Publish).
 */
export const INVALID_XML_CHARACTER =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Whether `name` is a message attribute name: up to 256 letters, digits,
 * `_`, `-` and `.`; no leading, trailing or doubled period; the `AWS.` and
 * `Amazon.` prefixes are reserved.
 *
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

/**
 * What one attribute adds to the message size: the UTF-8 bytes of its name,
 * type and value (a binary value's decoded bytes).
 *
 * @example
 * ```ts
 * attributeSize('a', 'String', 'v', false); // 8
 * ```
 */
export const attributeSize = (
  name: string,
  dataType: string,
  value: string,
  binary: boolean
): number =>
  Buffer.byteLength(name) +
  Buffer.byteLength(dataType) +
  (binary ? Buffer.from(value, 'base64').length : Buffer.byteLength(value));
