/**
 * A value built on first use, then the same value for the container's
 * life: how a composition root keeps its deps (and the SDK clients under
 * them) across warm invocations.
 *
 * @example
 * ```ts
 * export const getTrackRestoreDeps = once(() => buildTrackRestoreDeps(…));
 * ```
 */
export const once = <T>(build: () => T): (() => T) => {
  let built: { readonly value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
};
