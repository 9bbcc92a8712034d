/** A seeded source of numbers in [0, 1), so that a soak run can be replayed. */
export type Random = () => number;

/**
 * mulberry32: a small, fast 32-bit PRNG; good enough to pick faults and
 * shuffle requests reproducibly (not for anything cryptographic).
 *
 * @example
 * ```ts
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636
 * ```
 */
export const mulberry32 = (seed: number): Random => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** An integer in [0, n). */
export const randomInt = (random: Random, n: number): number =>
  Math.floor(random() * n);

/** Shuffles `items` in place (Fisher–Yates) and returns them. */
export const shuffle = <T>(random: Random, items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
};
