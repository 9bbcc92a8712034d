import type { BuildContext } from './create-metadata-builder.js';
import { deriveName } from './derive-name.js';
import type { DerivableNameRule } from './name-rules.js';

/** Options of {@link ensureNewResourceName}. */
export interface NewResourceNameOptions {
  /** The documented key that carries the new name. */
  readonly key: string;
  readonly rule: DerivableNameRule;
  /** The backed-up resource's name, when known. */
  readonly original: string | undefined;
}

/**
 * Makes sure the metadata names a new resource (docs/resource-types.md#starting-point:
 * the usual value the saved map lacks is a new name).
 *
 * - A name the request gives is kept; its format is checked by the key's
 *   value rule, and a warning says when it equals the original's name,
 *   because the restore then fails while the original still exists.
 * - Otherwise a name is derived from the original and the request key. A
 *   saved value is replaced: it names the backed-up resource itself.
 *
 * @example
 * ```ts
 * ensureNewResourceName(context, {
 *   key: 'DBInstanceIdentifier',
 *   rule: RDS_INSTANCE_IDENTIFIER,
 *   original: 'orders',
 * });
 * ```
 */
export const ensureNewResourceName = (
  context: BuildContext,
  { key, rule, original }: NewResourceNameOptions
): void => {
  if (context.overridden(key)) {
    const given = context.metadata.get(key) ?? '';
    const same = rule.caseSensitive
      ? given === original
      : given.toLowerCase() === original?.toLowerCase();
    if (same) {
      context.warn(
        key,
        "is the backed-up resource's own name; the restore fails while a resource of that name still exists"
      );
    }
    return;
  }
  context.derive(
    key,
    deriveName({ original, requestKey: context.input.requestKey, rule })
  );
};
