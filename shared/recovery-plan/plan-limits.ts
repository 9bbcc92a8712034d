// The bounds of a recovery plan document (docs/recovery-plans.md#limits).
// Each is checked with an error that names it, so hostile or mistaken
// documents cost bounded work and the author knows which limit was hit.

/**
 * Largest document accepted, in bytes of its text, checked before it is
 * parsed. A plan is written by a person; 64 KiB holds the largest plan the
 * other limits allow with room to spare.
 */
export const MAX_PLAN_BYTES = 64 * 1024;

/**
 * Largest document after YAML aliases are expanded, in bytes of its JSON.
 * The prepared plan travels as a Step Functions state payload, capped at
 * 256 KiB (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
 */
export const MAX_PLAN_EXPANDED_BYTES = 256 * 1024;

/**
 * Most steps in one plan. Every step's iteration counts toward the
 * execution's 25,000-event history
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html).
 */
export const MAX_PLAN_STEPS = 100;

/** Most entries in one step's `after` list. */
export const MAX_AFTER_ENTRIES = 20;

/**
 * Most waves in one plan: the longest chain of `after` (a step with no
 * `after` is wave 0; a chain of 20 steps is 20 waves). Waves run one after
 * the other, so this also bounds how long a plan can take.
 */
export const MAX_PLAN_DEPTH = 20;

/**
 * Most alias expansions yaml performs (its `maxAliasCount`): anchors and
 * aliases may share a value between steps, never expand into a "billion
 * laughs" (https://eemeli.org/yaml/#options).
 */
export const MAX_PLAN_ALIASES = 100;

/**
 * Deepest nesting of mappings and sequences anywhere in the document. A
 * step's request sits 3 levels down and its `metadata` values may nest 32
 * more (`MAX_VALUE_DEPTH` of shared/events/parse-restore-request.ts).
 */
export const MAX_PLAN_NESTING = 40;

/** Largest `hook.payload`, in bytes of its JSON. */
export const MAX_HOOK_PAYLOAD_BYTES = 8 * 1024;

/**
 * Highest `maxConcurrency` a plan may ask for: an Inline Map runs at most
 * 40 iterations at once
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html).
 * The deployment may cap it lower.
 */
export const MAX_PLAN_CONCURRENCY = 40;

/**
 * Longest time, in minutes, a plan or a step may name (`rtoMinutes`,
 * `rpoMinutes`): a year, the longest a Standard execution runs
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
 */
export const MAX_PLAN_MINUTES = 525_600;

/** Longest an approval may wait, in minutes (7 days). */
export const MAX_APPROVAL_MINUTES = 10_080;

/** How long an approval waits when its `timeoutMinutes` is not given. */
export const DEFAULT_APPROVAL_MINUTES = 60;
