/**
 * The `NextToken` of the emulator's list operations: an offset bound to its
 * listing, so a token from another listing (or a forged one) is refused.
 */
import { invalid } from './backup-validation.js';

const encodeNextToken = (scope: string, offset: number): string =>
  Buffer.from(JSON.stringify({ r: scope, o: offset })).toString('base64url');

/** The offset a token of the same listing names; any other is refused. */
const decodeNextToken = (token: string, scope: string): number => {
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

/**
 * One page of a listing, from the request's `NextToken`, with the token of
 * the next page when there is one.
 *
 * @throws ServiceError `InvalidParameterValueException` for a token of
 *   another listing, or a forged one
 * @example
 * ```ts
 * const { page, nextToken } = pageOf(points, 20, input.NextToken, resourceArn);
 * ```
 */
export const pageOf = <T>(
  items: readonly T[],
  maxResults: number,
  token: unknown,
  scope: string
): { page: T[]; nextToken: string | undefined } => {
  const offset =
    token === undefined ? 0 : decodeNextToken(String(token), scope);
  const page = items.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    page,
    nextToken: next < items.length ? encodeNextToken(scope, next) : undefined,
  };
};
