/**
 * Injected faults: what a fault does to a call, the rules armed through
 * `addFault()` or `POST /_emulator/faults`, and the queue that hands them
 * out call by call.
 *
 * @see docs/development.md#emulator-discipline
 */
import { z } from 'zod';

/**
 * What an injected fault does to one call.
 *
 * - `error`: answer with this error name and HTTP status, in the emulator's
 *   protocol error shape.
 * - `reset`: destroy the socket without answering (the SDK sees
 *   `ECONNRESET`, which it retries as a transient error).
 * - `hang`: hold the request for `ms` wall-clock milliseconds, then carry on
 *   normally. A client whose `requestTimeout` is shorter gives up, while the
 *   emulator still performs the call afterwards.
 *
 * With `afterEffect: true` the call is performed first (a job is created, a
 * message is recorded) and the fault replaces or delays only the answer: the
 * "the side effect happened but the caller never heard" case.
 */
export type FaultAction =
  | {
      kind: 'error';
      errorName: string;
      status: number;
      message?: string | undefined;
      afterEffect?: boolean | undefined;
    }
  | { kind: 'reset'; afterEffect?: boolean | undefined }
  | { kind: 'hang'; ms: number; afterEffect?: boolean | undefined };

/**
 * The schema of an operation name or `*` (any). Typed as `Op | '*'` so that
 * schemas built on it parse to the emulators' own types even where `Op` is
 * still generic.
 */
export const operationOrAny = <Op extends string>(
  operations: readonly [Op, ...Op[]]
): z.ZodType<Op | '*'> =>
  z.enum([...operations, '*'] as [Op | '*', ...(Op | '*')[]]);

/** A fault for the next `count` calls (default 1) of `operation` (`*` = any). */
export type FaultRule<Op extends string> = FaultAction & {
  operation: Op | '*';
  count?: number | undefined;
};

/**
 * Builds the zod schema that validates a fault rule posted to
 * `POST /_emulator/faults` (one rule or an array of rules).
 *
 * @example
 * ```ts
 * const schema = faultRulesSchema(['Publish'] as const);
 * ```
 */
export const faultRulesSchema = <const Op extends string>(
  operations: readonly [Op, ...Op[]]
) => {
  const common = {
    operation: operationOrAny(operations),
    count: z.number().int().positive().optional(),
    afterEffect: z.boolean().optional(),
  };
  const rule = z.discriminatedUnion('kind', [
    z.strictObject({
      ...common,
      kind: z.literal('error'),
      errorName: z.string().min(1),
      status: z.number().int().min(400).max(599),
      message: z.string().optional(),
    }),
    z.strictObject({ ...common, kind: z.literal('reset') }),
    z.strictObject({
      ...common,
      kind: z.literal('hang'),
      ms: z.number().int().nonnegative(),
    }),
  ]);
  return z.union([rule, z.array(rule)]);
};

/**
 * Queue of armed faults. Each call of an operation takes the first matching
 * rule and decrements its count.
 *
 * @example
 * ```ts
 * const faults = new FaultQueue<'Publish'>();
 * faults.add({ operation: 'Publish', kind: 'reset' });
 * faults.take('Publish'); // { kind: 'reset' }
 * faults.take('Publish'); // undefined
 * ```
 */
export class FaultQueue<Op extends string> {
  #rules: { rule: FaultRule<Op>; remaining: number }[] = [];

  /** Arms a fault for the next `rule.count` (default 1) matching calls. */
  add(rule: FaultRule<Op>): void {
    this.#rules.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Takes the fault for this call, if one is armed. */
  take(operation: Op): FaultAction | undefined {
    const entry = this.#rules.find(
      (r) => r.rule.operation === operation || r.rule.operation === '*'
    );
    if (entry === undefined) {
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.#rules = this.#rules.filter((r) => r !== entry);
    }
    return entry.rule;
  }

  /** The armed rules with their remaining counts. */
  list(): { rule: FaultRule<Op>; remaining: number }[] {
    return this.#rules.map((r) => ({ rule: r.rule, remaining: r.remaining }));
  }

  /** Disarms every fault. */
  clear(): void {
    this.#rules = [];
  }
}
