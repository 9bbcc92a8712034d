import type { z } from 'zod';
import type { Problem } from '../domain/problem.js';
import { RestoreRequestInvalidError } from '../errors/errors.js';
import { parseRestoreRequest } from '../events/parse-restore-request.js';
import { checkPlanValue } from './check-plan-value.js';
import {
  MAX_AFTER_ENTRIES,
  MAX_PLAN_BYTES,
  MAX_PLAN_DEPTH,
  MAX_PLAN_STEPS,
} from './plan-limits.js';
import {
  FORBIDDEN_STEP_REQUEST_FIELDS,
  PlanStepRequestSchema,
} from './plan-step-request.js';
import { readPlanYaml } from './read-plan-yaml.js';
import {
  PlanStepSchema,
  type RecoveryPlan,
  RecoveryPlanSchema,
} from './recovery-plan.js';
import { dependencyProblems } from './step-dependencies.js';
import { dependencyIndexes, type StepLink } from './step-links.js';
import { planPath, stepLabel } from './step-path.js';
import { waveNumbers } from './wave-numbers.js';

const invalid = (problems: readonly Problem[]): RestoreRequestInvalidError =>
  new RestoreRequestInvalidError(problems, { subject: 'recovery plan' });

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields allowed where an unknown one was found, when known. */
const fieldsAt = (path: readonly PropertyKey[]): readonly string[] => {
  if (path.length === 0) {
    return Object.keys(RecoveryPlanSchema.shape);
  }
  if (path.length === 2 && path[0] === 'steps') {
    return Object.keys(PlanStepSchema.in.shape);
  }
  if (path.length === 3 && path[0] === 'steps' && path[2] === 'request') {
    return Object.keys(PlanStepRequestSchema.shape).filter(
      (f) => !Object.hasOwn(FORBIDDEN_STEP_REQUEST_FIELDS, f)
    );
  }
  return [];
};

/**
 * Zod issues as problems whose paths name the step; an unknown field gets
 * "did you mean" or, once per document, the fields allowed there (hostile
 * documents send thousands of unknown keys).
 */
const toPlanProblems = (
  issues: readonly z.core.$ZodIssue[],
  document: unknown
): Problem[] => {
  let listed = false;
  return issues.flatMap((issue): Problem[] => {
    if (issue.code !== 'unrecognized_keys') {
      return [{ path: planPath(issue.path, document), message: issue.message }];
    }
    const known = fieldsAt(issue.path);
    return issue.keys.map((key) => {
      const near = known.find((f) => f.toLowerCase() === key.toLowerCase());
      let message = 'unknown field';
      if (near !== undefined) {
        message = `unknown field; did you mean "${near}"?`;
      } else if (!listed && known.length > 0) {
        listed = true;
        message = `unknown field; allowed fields: ${known.join(', ')}`;
      }
      return { path: planPath([...issue.path, key], document), message };
    });
  });
};

/**
 * The bounds on counts, checked before the schema runs so that its work
 * stays bounded: steps, and each step's `after` list.
 */
const countProblems = (document: unknown): Problem[] => {
  const steps = isRecord(document) ? document.steps : undefined;
  if (!Array.isArray(steps)) {
    return [];
  }
  if (steps.length > MAX_PLAN_STEPS) {
    return [
      {
        path: 'steps',
        message: `has ${steps.length} steps; at most ${MAX_PLAN_STEPS} (the steps limit)`,
      },
    ];
  }
  return steps.flatMap((step: unknown, i): Problem[] => {
    const after = isRecord(step) ? step.after : undefined;
    return Array.isArray(after) && after.length > MAX_AFTER_ENTRIES
      ? [
          {
            path: `${stepLabel(i, isRecord(step) ? step.id : undefined)}.after`,
            message: `lists ${after.length} steps; at most ${MAX_AFTER_ENTRIES} (the after limit)`,
          },
        ]
      : [];
  });
};

/**
 * The ids and `after` lists of the steps, when every step has a string id
 * and a list of strings (or nothing) as `after`, even if other fields are
 * wrong: the rules between steps are then reported with the rest.
 */
const linksOf = (document: unknown): StepLink[] | undefined => {
  const steps = isRecord(document) ? document.steps : undefined;
  if (!Array.isArray(steps)) {
    return undefined;
  }
  const links: StepLink[] = [];
  for (const step of steps as unknown[]) {
    const id = isRecord(step) ? step.id : undefined;
    const after = isRecord(step) ? (step.after ?? []) : undefined;
    if (
      typeof id !== 'string' ||
      !Array.isArray(after) ||
      !after.every((a) => typeof a === 'string')
    ) {
      return undefined;
    }
    links.push({ id, after });
  }
  return links;
};

/**
 * More waves than {@link MAX_PLAN_DEPTH}, naming the ends of the longest
 * chain of `after`.
 */
const depthProblems = (links: readonly StepLink[]): Problem[] => {
  const dependencies = dependencyIndexes(links);
  const waves = waveNumbers(dependencies);
  const deepest = Math.max(-1, ...waves.map((w) => w ?? -1));
  if (deepest + 1 <= MAX_PLAN_DEPTH) {
    return [];
  }
  let at = waves.indexOf(deepest);
  const last = links[at]?.id;
  for (let wave = deepest; wave > 0; wave -= 1) {
    at = (dependencies[at] ?? []).find((d) => waves[d] === wave - 1) ?? at;
  }
  return [
    {
      path: 'steps',
      message: `has ${deepest + 1} waves; at most ${MAX_PLAN_DEPTH} (the depth limit): the longest chain of after runs from "${links[at]?.id}" to "${last}"`,
    },
  ];
};

/**
 * What the restore request path refuses beyond the schema (more than
 * `MAX_MAP_KEYS` keys in `metadata` or `context`, values nested deeper
 * than `MAX_VALUE_DEPTH`), for each restore step of a plan the schema
 * accepted: a step can ask for nothing the same request sent alone could
 * not (docs/recovery-plans.md#steps).
 */
const singleRequestProblems = (
  plan: RecoveryPlan,
  document: unknown
): Problem[] => {
  const written = isRecord(document) ? document.steps : undefined;
  return plan.steps.flatMap((step, i): Problem[] => {
    const raw: unknown =
      Array.isArray(written) && isRecord(written[i])
        ? written[i].request
        : undefined;
    if (step.kind !== 'restore' || raw === undefined) {
      return [];
    }
    try {
      parseRestoreRequest(raw);
      return [];
    } catch (error) {
      if (!(error instanceof RestoreRequestInvalidError)) {
        throw error;
      }
      const at = `${stepLabel(i, step.id)}.request`;
      return error.problems.map((p) => ({
        path: p.path === '' ? at : `${at}.${p.path}`,
        message: p.message,
      }));
    }
  });
};

const decode = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/**
 * Reads an untrusted recovery plan document, YAML or JSON
 * (docs/recovery-plans.md), and checks everything that can be checked
 * without AWS:
 *
 * 1. its size, before parsing: at most {@link MAX_PLAN_BYTES} bytes;
 * 2. YAML 1.2, core schema, one document, unique keys, aliases bounded
 *    (readPlanYaml);
 * 3. nesting, expanded size, characters and non-JSON values
 *    (checkPlanValue);
 * 4. the number of steps and of each `after`, before the schema runs;
 * 5. the schema (`RecoveryPlanSchema`): fields, exactly one of request,
 *    approval, hook per step, requests without requestId, taskToken,
 *    dryRun;
 * 6. the rules between steps: unique ids, `after` naming known other
 *    steps, no cycle, at most {@link MAX_PLAN_DEPTH} waves;
 * 7. each step's request as the restore request path reads it
 *    (parseRestoreRequest), for its bounds beyond the schema.
 *
 * Every problem of steps 5 and 6 is reported at once, each with a path that
 * names the step (`steps[2](orders-db).after[0]`).
 *
 * @param text - the document, as text or as the bytes of a file (UTF-8)
 * @throws RestoreRequestInvalidError listing the problems, and nothing else
 * @example
 * ```ts
 * const plan = parseRecoveryPlan(await readFile('orders-app.yaml'));
 * const waves = buildWaves(plan.steps);
 * ```
 */
export const parseRecoveryPlan = (text: string | Uint8Array): RecoveryPlan => {
  const bytes =
    typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength;
  if (bytes > MAX_PLAN_BYTES) {
    throw invalid([
      {
        path: '',
        message: `is ${bytes} bytes; at most ${MAX_PLAN_BYTES} (the document size limit, 64 KiB)`,
      },
    ]);
  }
  const source = typeof text === 'string' ? text : decode(text);
  if (source === undefined) {
    throw invalid([{ path: '', message: 'is not UTF-8 text' }]);
  }
  const reading = readPlanYaml(source);
  if (!reading.ok) {
    throw invalid(reading.problems);
  }
  const document = reading.value;
  const unsafe = checkPlanValue(document);
  if (unsafe.length > 0) {
    throw invalid(unsafe);
  }
  const tooMany = countProblems(document);
  if (tooMany.length > 0) {
    throw invalid(tooMany);
  }
  const result = RecoveryPlanSchema.safeParse(document);
  const links = linksOf(document);
  const between = links === undefined ? [] : dependencyProblems(links);
  const problems = [
    ...(result.success ? [] : toPlanProblems(result.error.issues, document)),
    ...between,
    ...(links !== undefined && between.length === 0
      ? depthProblems(links)
      : []),
  ];
  if (!result.success || problems.length > 0) {
    throw invalid(problems);
  }
  const alone = singleRequestProblems(result.data, document);
  if (alone.length > 0) {
    throw invalid(alone);
  }
  return result.data;
};
