/**
 * The median of some measurements (the mean of the middle two for an even
 * count); `NaN` for none.
 */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

/** `value` rounded to `digits` decimals, as a number (for reports). */
export const round = (value: number, digits = 2): number =>
  Number(value.toFixed(digits));
