import * as z from 'zod';
import {
  AlarmRulesSchema,
  alarmRulePolicyProblems,
} from '#shared/config/alarm-rules';
import { csv } from '#shared/config/env-values';
import { checkDefaultRole } from '#shared/config/policy-env';
import {
  type StartConfig,
  startConfigOf,
  startEnvShape,
} from '#shared/config/start-env';
import type { AlarmRule } from '#shared/events/alarm-rule';

/**
 * event-restore's environment: a start function's (docs/configuration.md),
 * plus the event sources it accepts and the alarm rules, each rule checked
 * against the restore policy at cold start.
 */
export const EventRestoreConfigSchema = z
  .object({
    ...startEnvShape,
    // Sources allowed to send "Restore Requested" events.
    RELAY_EVENT_SOURCES: z
      .string()
      .default('restore-relay')
      .transform((raw) => new Set(csv(raw)))
      .describe(
        'The source values a "Restore Requested" event may have: comma-separated.'
      ),
    ALARM_RULES: AlarmRulesSchema.describe(
      'JSON array of alarm rules: which alarm entering ALARM starts which restore (docs/requests.md); each checked against the policy at cold start.'
    ),
  })
  .superRefine(checkDefaultRole)
  .transform((env, ctx): EventRestoreConfig => {
    const config = startConfigOf(env);
    for (const message of alarmRulePolicyProblems(
      env.ALARM_RULES,
      config.policy
    )) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALARM_RULES'],
        message: `${message} (checked against the restore policy)`,
      });
    }
    return {
      ...config,
      eventSources: env.RELAY_EVENT_SOURCES,
      alarmRules: env.ALARM_RULES,
    };
  });

/** event-restore's parsed configuration. */
export interface EventRestoreConfig extends StartConfig {
  /** The `source` values a "Restore Requested" event may have. */
  readonly eventSources: ReadonlySet<string>;
  readonly alarmRules: readonly AlarmRule[];
}
