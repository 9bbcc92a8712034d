/**
 * One thing wrong with an input: where (`path`, dotted, e.g.
 * `metadata.ItemsToRestore` or `selection.before`) and what, in words that say
 * what is allowed.
 */
export interface Problem {
  readonly path: string;
  readonly message: string;
}
