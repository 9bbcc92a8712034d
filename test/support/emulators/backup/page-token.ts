/**
 * The `NextToken` of the emulator's list operations: an offset bound to its
 * listing, so a token from another listing (or a forged one) is refused.
 */
import { invalid } from './backup-validation.js';

/**
 * Encodes the offset of the next page of one listing.
 *
 * @example
 * ```ts
 * const token = encodeNextToken(resourceArn, 20);
 * ```
 */
export const encodeNextToken = (scope: string, offset: number): string =>
  Buffer.from(JSON.stringify({ r: scope, o: offset })).toString('base64url');

/**
 * Decodes a token of the same listing.
 *
 * @throws ServiceError `InvalidParameterValueException` for any other token
 * @example
 * ```ts
 * decodeNextToken(encodeNextToken('a', 20), 'a'); // 20
 * ```
 */
export const decodeNextToken = (token: string, scope: string): number => {
  try {
    const parsed = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8')
    ) as { r?: unknown; o?: unknown };
    if (
      parsed.r === scope &&
      typeof parsed.o === 'number' &&
      Number.isInteger(parsed.o) &&
      parsed.o >= 0
    ) {
      return parsed.o;
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('The NextToken is invalid.');
};
