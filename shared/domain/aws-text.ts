import { boundText } from './bounded-text.js';

/**
 * A character SQS and SNS refuse in a message or attribute value: they take
 * the XML character set (#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD |
 * #x10000–#x10FFFF), so no other control character, no U+FFFE or U+FFFF,
 * and no lone surrogate.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
 */
export const INVALID_AWS_CHARACTER =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const INVALID_GLOBAL = new RegExp(INVALID_AWS_CHARACTER.source, 'gu');

/**
 * `text` with every character {@link INVALID_AWS_CHARACTER} matches written
 * as a JSON-style `\uXXXX` escape: inside JSON text the result means the
 * same, and outside it a reader still sees what was sent.
 *
 * @example
 * ```ts
 * escapeInvalidCharacters('a\u0000b'); // 'a\\u0000b'
 * ```
 */
export const escapeInvalidCharacters = (text: string): string =>
  text.replace(
    INVALID_GLOBAL,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`
  );

/**
 * A text SQS and SNS accept as an attribute value: invalid characters
 * escaped, then cut to `maxUnits` UTF-16 units without splitting a
 * surrogate pair.
 *
 * @example
 * ```ts
 * toAttributeText('role \u0007 x', 1024); // 'role \\u0007 x'
 * ```
 */
export const toAttributeText = (text: string, maxUnits: number): string =>
  boundText(escapeInvalidCharacters(text), maxUnits);
