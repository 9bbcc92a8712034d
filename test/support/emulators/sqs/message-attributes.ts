/**
 * SQS message attributes: their validation and size, the documented MD5 of
 * a set of them, and the ReceiveMessage filter that selects them.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
import { createHash } from 'node:crypto';
import { isJsonObject } from '../aws-json-emulator.js';
import {
  attributeSize,
  INVALID_XML_CHARACTER,
  isMessageAttributeName,
} from '../message-attribute-rules.js';
import { invalidParameterValue } from './sqs-errors.js';

const ATTRIBUTE_TYPE = /^(String|Number|Binary)(\..+)?$/;
const NUMBER_VALUE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MAX_MESSAGE_ATTRIBUTES = 10;

/** A message attribute as recorded (binary values stay base64). */
export interface SqsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/**
 * The hex MD5 of a body or buffer.
 *
 * @example
 * ```ts
 * md5Hex('hi'); // '49f68a5c8493ec2c0bf489821c21fc3b'
 * ```
 */
export const md5Hex = (data: string | Buffer): string =>
  createHash('md5').update(data).digest('hex');

/**
 * MD5 of message attributes: names sorted; for each, the length-prefixed
 * (4-byte big-endian) UTF-8 name and data type, a transport byte (1 string,
 * 2 binary) and the length-prefixed value.
 *
 * @returns the digest, or `undefined` for no attributes
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 * @example
 * ```ts
 * md5OfAttributes({ a: { DataType: 'String', StringValue: 'v' } });
 * ```
 */
export const md5OfAttributes = (
  attributes: Record<string, SqsMessageAttribute>
): string | undefined => {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) {
    return undefined;
  }
  const prefixed = (bytes: Buffer): Buffer[] => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return [length, bytes];
  };
  const parts: Buffer[] = [];
  for (const name of names) {
    const attribute = attributes[name];
    if (attribute === undefined) {
      continue;
    }
    const binary = attribute.BinaryValue !== undefined;
    parts.push(
      ...prefixed(Buffer.from(name, 'utf8')),
      ...prefixed(Buffer.from(attribute.DataType, 'utf8')),
      Buffer.from([binary ? 2 : 1]),
      ...prefixed(
        binary
          ? Buffer.from(attribute.BinaryValue ?? '', 'base64')
          : Buffer.from(attribute.StringValue ?? '', 'utf8')
      )
    );
  }
  return md5Hex(Buffer.concat(parts));
};

/**
 * Validates message attributes and returns them with their size (name,
 * type and value bytes count toward the message size).
 *
 * @throws SqsError `InvalidParameterValue` for a bad attribute
 * @example
 * ```ts
 * parseMessageAttributes({ a: { DataType: 'String', StringValue: 'v' } }).size; // 8
 * ```
 */
export const parseMessageAttributes = (
  raw: unknown
): { attributes: Record<string, SqsMessageAttribute>; size: number } => {
  if (raw === undefined || raw === null) {
    return { attributes: {}, size: 0 };
  }
  if (!isJsonObject(raw)) {
    throw invalidParameterValue(
      'Value for parameter MessageAttributes is invalid. Reason: must be a map.'
    );
  }
  const names = Object.keys(raw);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`
    );
  }
  const attributes: Record<string, SqsMessageAttribute> = {};
  let size = 0;
  for (const name of names) {
    const value = raw[name];
    if (!isMessageAttributeName(name)) {
      throw invalidParameterValue(
        `Message (user) attribute name '${name}' is invalid.`
      );
    }
    if (!isJsonObject(value)) {
      throw invalidParameterValue(
        `Message (user) attribute '${name}' must be a structure.`
      );
    }
    const dataType = value.DataType;
    if (
      typeof dataType !== 'string' ||
      dataType.length > 256 ||
      !ATTRIBUTE_TYPE.test(dataType)
    ) {
      throw invalidParameterValue(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`
      );
    }
    const binary = dataType.startsWith('Binary');
    const member = binary ? value.BinaryValue : value.StringValue;
    if (typeof member !== 'string' || member === '') {
      throw invalidParameterValue(
        `Message (user) attribute '${name}' must contain a non-empty value of type '${dataType}'.`
      );
    }
    if (dataType.startsWith('Number') && !NUMBER_VALUE.test(member)) {
      throw invalidParameterValue(
        `Can't cast the value of message (user) attribute '${name}' to a number.`
      );
    }
    if (!binary && INVALID_XML_CHARACTER.test(member)) {
      throw invalidParameterValue(
        `Message (user) attribute '${name}' value contains invalid characters.`
      );
    }
    attributes[name] = binary
      ? { DataType: dataType, BinaryValue: member }
      : { DataType: dataType, StringValue: member };
    size += attributeSize(name, dataType, member, binary);
  }
  return { attributes, size };
};

/**
 * Whether an attribute name matches a ReceiveMessage attribute filter
 * (names, `All`, `.*` or `prefix.*`).
 *
 * @example
 * ```ts
 * attributeSelected('restore.type', ['restore.*']); // true
 * ```
 */
export const attributeSelected = (name: string, filters: string[]): boolean =>
  filters.some(
    (filter) =>
      filter === 'All' ||
      filter === '.*' ||
      filter === name ||
      (filter.endsWith('.*') && name.startsWith(filter.slice(0, -1)))
  );
