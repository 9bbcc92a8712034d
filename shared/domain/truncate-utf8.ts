/**
 * Cuts a string to at most `maxBytes` of UTF-8 without splitting a
 * character.
 *
 * @example
 * ```ts
 * truncateUtf8('héllo', 2); // { text: 'h', truncated: true }
 * ```
 */
export const truncateUtf8 = (
  text: string,
  maxBytes: number
): { text: string; truncated: boolean } => {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) {
    return { text, truncated: false };
  }
  // Decoding a cut buffer may end in U+FFFD; drop it.
  const cut = bytes.subarray(0, maxBytes).toString('utf8');
  return { text: cut.replace(/\uFFFD$/u, ''), truncated: true };
};
