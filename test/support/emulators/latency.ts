/**
 * Artificial latency per call, one figure or per operation.
 *
 * @see docs/development.md#emulator-discipline
 */
import { z } from 'zod';
import { operationOrAny } from './fault-rules.js';

/**
 * Artificial latency: one figure for every call, or per operation with `*`
 * as the fallback.
 */
export type LatencyConfig<Op extends string> =
  | number
  | Partial<Record<Op | '*', number>>;

/**
 * The latency that applies to one call.
 *
 * @example
 * ```ts
 * latencyFor({ '*': 5, Publish: 50 }, 'Publish'); // 50
 * ```
 */
export const latencyFor = <Op extends string>(
  config: LatencyConfig<Op>,
  operation: Op
): number => {
  if (typeof config === 'number') {
    return config;
  }
  const perOperation: Partial<Record<string, number>> = config;
  return perOperation[operation] ?? perOperation['*'] ?? 0;
};

/**
 * The zod schema for a latency setting posted to a control endpoint.
 *
 * @example
 * ```ts
 * latencySchema(['Publish'] as const).parse({ Publish: 20 });
 * ```
 */
export const latencySchema = <const Op extends string>(
  operations: readonly [Op, ...Op[]]
): z.ZodType<LatencyConfig<Op>> =>
  z.union([
    z.number().nonnegative(),
    z.partialRecord(operationOrAny(operations), z.number().nonnegative()),
  ]);
