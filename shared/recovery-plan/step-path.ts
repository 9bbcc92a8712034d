/** What a step id and a plan name look like: `^[a-z0-9][a-z0-9-]{0,39}$`. */
export const PLAN_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * How a problem names a step: its index and, when it has a well-formed id,
 * that id, e.g. `steps[2](orders-db)`. An id that is not well formed is
 * left out: it may be any text a hostile document sent.
 *
 * @example
 * ```ts
 * stepLabel(2, 'orders-db'); // 'steps[2](orders-db)'
 * stepLabel(2, 42); // 'steps[2]'
 * ```
 */
export const stepLabel = (index: number, id: unknown): string =>
  typeof id === 'string' && PLAN_NAME_PATTERN.test(id)
    ? `steps[${index}](${id})`
    : `steps[${index}]`;

const idAt = (steps: unknown, index: number): unknown => {
  if (!Array.isArray(steps)) {
    return undefined;
  }
  const step: unknown = steps[index];
  return typeof step === 'object' && step !== null && Object.hasOwn(step, 'id')
    ? (step as { readonly id: unknown }).id
    : undefined;
};

/**
 * A path into a plan document as problems write it: indexes in brackets,
 * fields after dots, and a step named by {@link stepLabel}, e.g.
 * `steps[2](orders-db).after[0]`. An empty key is shown as `""`, so that
 * its problem is not taken for one about the whole document.
 *
 * @param document - the document as read (to find the id of a step)
 * @example
 * ```ts
 * planPath(['steps', 0, 'request', 'requestId'], doc); // 'steps[0](orders-db).request.requestId'
 * ```
 */
export const planPath = (
  path: readonly PropertyKey[],
  document: unknown
): string => {
  const steps =
    typeof document === 'object' && document !== null
      ? (document as { readonly steps?: unknown }).steps
      : undefined;
  let text = '';
  path.forEach((segment, at) => {
    if (typeof segment === 'number') {
      text +=
        at === 1 && path[0] === 'steps'
          ? stepLabel(segment, idAt(steps, segment)).slice('steps'.length)
          : `[${segment}]`;
      return;
    }
    const name = segment === '' ? '""' : String(segment);
    text += at === 0 ? name : `.${name}`;
  });
  return text;
};
