import * as z from 'zod';
import type { RestorePolicy } from '../domain/restore-policy.js';
import { AppError } from '../errors/app-error.js';
import {
  type AlarmTransition,
  buildAlarmRequest,
} from '../events/alarm-restore-request.js';
import type { AlarmRule } from '../events/alarm-rule.js';
import { toProblems } from '../events/parse-restore-request.js';
import { receiveRequest } from '../events/received-request.js';
import {
  type RestoreRequestInput,
  RestoreRequestSchema,
} from '../events/restore-request.js';
import { checkRequestPolicy } from '../policy/check-request-policy.js';
import { parseJsonEnv } from './json-env.js';

// Alarm names: 1–255 characters (CloudWatch PutMetricAlarm AlarmName).
const MAX_ALARM_NAME = 255;
const AlarmName = z.string().min(1).max(MAX_ALARM_NAME);

const LARGEST_ALARM: AlarmTransition = {
  alarmName: 'a'.repeat(MAX_ALARM_NAME),
  alarmArn: `arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:${'a'.repeat(MAX_ALARM_NAME)}`,
  stateTimestamp: new Date('2026-01-01T00:00:00.000Z'),
};

/**
 * One alarm rule: which alarm (exact name or name prefix) starts which
 * restore. The request template is a restore request without `requestId`
 * (the key comes from the alarm transition, so a redelivered transition
 * starts nothing new).
 */
const AlarmRuleSchema = z
  .strictObject({
    alarmName: AlarmName.optional(),
    alarmNamePrefix: AlarmName.optional(),
    beforeAlarm: z.boolean().default(false),
    marginMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(0),
    ignoreSuppressed: z.boolean().default(true),
    ignoreMuted: z.boolean().default(true),
    coolDownMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(60),
    request: z.record(z.string(), z.unknown()),
  })
  .superRefine((rule, ctx) => {
    if (
      (rule.alarmName === undefined) ===
      (rule.alarmNamePrefix === undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['alarmName'],
        message: 'give exactly one of alarmName or alarmNamePrefix',
      });
    }
    if ('requestId' in rule.request) {
      ctx.addIssue({
        code: 'custom',
        path: ['request', 'requestId'],
        message:
          'is derived from the alarm ARN and state timestamp; remove it from the template',
      });
      return;
    }
    if (rule.beforeAlarm && 'recoveryPointArn' in rule.request) {
      ctx.addIssue({
        code: 'custom',
        path: ['beforeAlarm'],
        message:
          'needs a resourceArn template; an explicit recoveryPointArn has no "latest before"',
      });
      return;
    }
    // Validate the template as the request it will become, with the
    // largest alarm block an alarm can add (its context has a size limit).
    const parsed = RestoreRequestSchema.safeParse(
      buildAlarmRequest(
        {
          beforeAlarm: rule.beforeAlarm,
          marginMinutes: rule.marginMinutes,
          request: rule.request as Omit<RestoreRequestInput, 'requestId'>,
        },
        LARGEST_ALARM
      )
    );
    if (!parsed.success) {
      for (const problem of toProblems(parsed.error.issues)) {
        ctx.addIssue({
          code: 'custom',
          path: ['request', ...problem.path.split('.').filter(Boolean)],
          message: problem.message,
        });
      }
      return;
    }
  });

/**
 * `ALARM_RULES`: a JSON array of alarm rules, e.g.
 * `[{"alarmNamePrefix":"orders-db-","beforeAlarm":true,"request":{"resourceArn":"arn:aws:rds:…:db:orders-db"}}]`.
 * Every template is validated at cold start, so a bad rule fails the
 * deployment's first invocation with a `ConfigInvalidError`, not an alarm at 3 am.
 */
export const AlarmRulesSchema = z
  .string()
  .default('[]')
  .transform((raw, ctx): AlarmRule[] => {
    const parsed = parseJsonEnv(raw, ctx);
    if (parsed === z.NEVER) {
      return z.NEVER;
    }
    const result = z.array(AlarmRuleSchema).safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({
          code: 'custom',
          message: `[${issue.path.join('.')}] ${issue.message}`,
        });
      }
      return z.NEVER;
    }
    return result.data.map(
      (rule): AlarmRule => ({
        ...(rule.alarmName === undefined ? {} : { alarmName: rule.alarmName }),
        ...(rule.alarmNamePrefix === undefined
          ? {}
          : { alarmNamePrefix: rule.alarmNamePrefix }),
        beforeAlarm: rule.beforeAlarm,
        marginMinutes: rule.marginMinutes,
        ignoreSuppressed: rule.ignoreSuppressed,
        ignoreMuted: rule.ignoreMuted,
        coolDownMinutes: rule.coolDownMinutes,
        // Checked above against the request schema.
        request: rule.request as Omit<RestoreRequestInput, 'requestId'>,
      })
    );
  });

/**
 * Checks every alarm rule's template against the whole restore policy
 * (role, vaults, type, the overrides its profile refuses, ARN locations),
 * so that a rule the policy would refuse fails the deployment at cold
 * start, not the first alarm at 3 am.
 *
 * @returns one message per refused rule, naming the rule and the problem
 */
export const alarmRulePolicyProblems = (
  rules: readonly AlarmRule[],
  policy: RestorePolicy
): string[] =>
  rules.flatMap((rule, i) => {
    const name = rule.alarmName ?? `${rule.alarmNamePrefix ?? ''}*`;
    const parsed = RestoreRequestSchema.safeParse(
      buildAlarmRequest(rule, LARGEST_ALARM)
    );
    if (!parsed.success) {
      return [`[${i}] (${name}) the template is not a valid request`];
    }
    try {
      checkRequestPolicy(receiveRequest(parsed.data), policy);
      return [];
    } catch (error) {
      if (error instanceof AppError) {
        return [`[${i}] (${name}) ${error.message}`];
      }
      throw error;
    }
  });
