/**
 * `text` cut to at most `maxUnits` UTF-16 code units, never inside a
 * surrogate pair (half an emoji is a lone surrogate, which SQS and SNS
 * refuse in attributes), with `…` when cut.
 *
 * @example
 * ```ts
 * boundText('abcdef', 4); // 'abc…'
 * ```
 */
export const boundText = (text: string, maxUnits: number): string => {
  if (text.length <= maxUnits) {
    return text;
  }
  let end = Math.max(0, maxUnits - 1);
  const last = text.charCodeAt(end - 1);
  // A high surrogate at the cut would lose its pair.
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) {
    end -= 1;
  }
  return `${text.slice(0, end)}…`;
};
