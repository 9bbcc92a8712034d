import * as z from 'zod';
import { IsoDateTime } from '../events/restore-request.js';
import {
  DEFAULT_APPROVAL_MINUTES,
  MAX_AFTER_ENTRIES,
  MAX_APPROVAL_MINUTES,
  MAX_HOOK_PAYLOAD_BYTES,
  MAX_PLAN_CONCURRENCY,
  MAX_PLAN_MINUTES,
  MAX_PLAN_STEPS,
} from './plan-limits.js';
import {
  PlanStepRequestSchema,
  type StepRestoreRequest,
} from './plan-step-request.js';
import { PLAN_NAME_PATTERN } from './step-path.js';

/** The version of the recovery plan document this schema implements. */
export const RECOVERY_PLAN_VERSION = 1;

const NAME_RULE =
  'must be 1–40 lowercase letters, digits or hyphens, starting with a letter or digit';

const PlanName = z.string().regex(PLAN_NAME_PATTERN, { error: NAME_RULE });

const StepId = z
  .string()
  .regex(PLAN_NAME_PATTERN, { error: NAME_RULE })
  .meta({ description: 'A step id: unique in the plan.' });

const Minutes = z.int().min(1).max(MAX_PLAN_MINUTES);

// The FunctionName of Lambda's Invoke: a name, a partial or a full ARN,
// with an optional version or alias
// (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
const LAMBDA_FUNCTION =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9_.-]+)(:(\$LATEST|[a-zA-Z0-9_-]+))?$/;

const ApprovalSchema = z
  .strictObject({
    message: z
      .string()
      .min(1)
      .max(1024)
      .meta({ description: 'What the approver is asked, in words.' }),
    timeoutMinutes: Minutes.max(MAX_APPROVAL_MINUTES)
      .default(DEFAULT_APPROVAL_MINUTES)
      .meta({
        description: `How long the approval waits before the step times out; ${DEFAULT_APPROVAL_MINUTES} when absent, at most ${MAX_APPROVAL_MINUTES} (7 days).`,
      }),
  })
  .meta({ description: 'A human go/no-go: the plan waits for an answer.' });

const HookSchema = z
  .strictObject({
    function: z
      .string()
      .max(170)
      .regex(LAMBDA_FUNCTION, {
        error: 'must be a Lambda function name or ARN',
      })
      .meta({
        description:
          "The Lambda function to call (name or ARN); the deployment's allowlist decides whether it may be called.",
      }),
    payload: z
      .record(z.string(), z.json())
      .optional()
      .refine(
        (p) =>
          p === undefined ||
          Buffer.byteLength(JSON.stringify(p)) <= MAX_HOOK_PAYLOAD_BYTES,
        { error: `must be at most ${MAX_HOOK_PAYLOAD_BYTES} bytes as JSON` }
      )
      .meta({ description: 'JSON passed to the function with the run.' }),
  })
  .meta({
    description:
      'A call to a Lambda function: makes a restore usable (e.g. creates a cluster instance) or checks the application.',
  });

/** The three kinds of step: a step is exactly one of them. */
export const STEP_KINDS = ['request', 'approval', 'hook'] as const;

/** What a step does when it fails. */
export const ON_FAILURE = ['stop', 'continue'] as const;

interface StepBase {
  readonly id: string;
  /** Ids of the steps this one waits for; empty for wave 0. */
  readonly after: readonly string[];
  /** Target for this step's own duration. */
  readonly rtoMinutes?: number;
  /**
   * `stop`: no new wave starts after this step fails; `continue`: the
   * other steps go on and this step's transitive dependents are skipped.
   */
  readonly onFailure: (typeof ON_FAILURE)[number];
}

/** A step that restores one recovery point. */
export interface RestoreStep extends StepBase {
  readonly kind: 'restore';
  readonly request: StepRestoreRequest;
}

/** A step that waits for a person's go or no-go. */
export interface ApprovalStep extends StepBase {
  readonly kind: 'approval';
  readonly approval: z.output<typeof ApprovalSchema>;
}

/** A step that calls a Lambda function. */
export interface HookStep extends StepBase {
  readonly kind: 'hook';
  readonly hook: z.output<typeof HookSchema>;
}

/** One step of a recovery plan, with its kind. */
export type PlanStep = RestoreStep | ApprovalStep | HookStep;

/**
 * One step of a plan: exactly one of `request`, `approval`, `hook`, read
 * into a {@link PlanStep} with its kind.
 */
export const PlanStepSchema = z
  .strictObject({
    id: StepId,
    after: z
      .array(StepId)
      .max(MAX_AFTER_ENTRIES, {
        error: `lists too many steps; at most ${MAX_AFTER_ENTRIES} (the after limit)`,
      })
      .default([])
      .meta({
        description:
          'Ids of the steps that must end before this one starts. The step runs in the wave after the latest of them.',
      }),
    request: PlanStepRequestSchema.optional(),
    approval: ApprovalSchema.optional(),
    hook: HookSchema.optional(),
    rtoMinutes: Minutes.optional().meta({
      description: "Target for this step's own duration, in minutes.",
    }),
    onFailure: z.enum(ON_FAILURE).default('stop').meta({
      description:
        "stop (default): no new wave starts once this step failed; continue: the run goes on and this step's dependents are skipped.",
    }),
  })
  .transform((step, ctx): PlanStep => {
    const kinds = STEP_KINDS.filter((k) => step[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? 'has none of request, approval, hook; a step is exactly one of them'
            : `has ${kinds.join(' and ')}; a step is exactly one of request, approval, hook`,
      });
      return z.NEVER;
    }
    const base = {
      after: step.after,
      onFailure: step.onFailure,
      ...(step.rtoMinutes === undefined ? {} : { rtoMinutes: step.rtoMinutes }),
    };
    if (step.request !== undefined) {
      return { id: step.id, kind: 'restore', ...base, request: step.request };
    }
    if (step.approval !== undefined) {
      return {
        id: step.id,
        kind: 'approval',
        ...base,
        approval: step.approval,
      };
    }
    if (step.hook !== undefined) {
      return { id: step.id, kind: 'hook', ...base, hook: step.hook };
    }
    return z.NEVER;
  })
  .meta({
    id: 'planStep',
    description:
      'One step: exactly one of request (a restore), approval, hook.',
  });

/**
 * A recovery plan document, version 1 (docs/recovery-plans.md): an ordered
 * set of steps (restores, approvals, hooks) that recovers a whole
 * application, run in waves. Strict: an unknown field is an error with its
 * path. The rules between steps (unique ids, known `after` ids, no cycle,
 * the depth) are checked by `parseRecoveryPlan`, not here.
 */
export const RecoveryPlanSchema = z
  .strictObject({
    recoveryPlan: z
      .literal(RECOVERY_PLAN_VERSION)
      .meta({ description: 'Document version: 1.' }),
    name: PlanName.meta({ description: 'The plan name.' }),
    recoverTo: IsoDateTime.optional().meta({
      description:
        'One point in time for the whole application: each restore step takes the latest recovery point created before it, unless the step names a recovery point or its selection sets before or after.',
    }),
    targets: z
      .strictObject({
        rtoMinutes: Minutes.optional().meta({
          description: 'Recovery time objective of the whole plan.',
        }),
        rpoMinutes: Minutes.optional().meta({
          description: 'Recovery point objective: the data loss allowed.',
        }),
      })
      .optional()
      .meta({ description: 'The targets the evidence is measured against.' }),
    maxConcurrency: z
      .int()
      .min(1)
      .max(MAX_PLAN_CONCURRENCY)
      .optional()
      .meta({
        description: `Most steps of one wave running at once (1–${MAX_PLAN_CONCURRENCY}); capped by the deployment.`,
      }),
    steps: z
      .array(PlanStepSchema)
      .min(1)
      .max(MAX_PLAN_STEPS, {
        error: `has too many steps; at most ${MAX_PLAN_STEPS} (the steps limit)`,
      }),
  })
  .meta({
    title: 'restore-relay recovery plan v1',
    description:
      'An ordered set of steps (restores, approvals, hooks) that recovers a whole application, run in waves: wave n+1 starts when every step of wave n has ended.',
  });

/** A recovery plan as its author writes it (before defaults). */
export type RecoveryPlanInput = z.input<typeof RecoveryPlanSchema>;

/** A valid recovery plan: defaults set, each step with its kind. */
export type RecoveryPlan = z.output<typeof RecoveryPlanSchema>;
