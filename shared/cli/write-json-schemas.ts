import { readFile, writeFile } from 'node:fs/promises';
import * as z from 'zod';
import { RestoreProfilesDocumentSchema } from '../config/restore-profiles.js';
import { RelayNotificationSchema } from '../events/relay-notification.js';
import { RestoreRequestSchema } from '../events/restore-request.js';
import { RecoveryPlanSchema } from '../recovery-plan/recovery-plan.js';
import { configurationReference } from './configuration-reference.js';
import { POLICY_TABLE_MARKERS, policyTable } from './policy-table.js';

const DIR = new URL('../events/schemas/', import.meta.url);

// A request names its recovery point one way or the other
// (checkRecoveryPointChoice in shared/events/restore-request.ts).
const RECOVERY_POINT_CHOICE = [
  {
    required: ['recoveryPointArn', 'backupVaultName'],
    not: {
      anyOf: [{ required: ['resourceArn'] }, { required: ['selection'] }],
    },
  },
  {
    required: ['resourceArn'],
    not: {
      anyOf: [
        { required: ['recoveryPointArn'] },
        { required: ['backupVaultName'] },
      ],
    },
  },
];

/**
 * The recovery plan schema, with what its zod refinements say and JSON
 * Schema cannot infer: a step is exactly one of request, approval, hook
 * (`oneOf` of the three `required`), and a step's request names its
 * recovery point one way or the other. The rules between steps (unique
 * ids, known `after`, no cycle, depth) are the parser's alone.
 */
const recoveryPlanSchema = (): Record<string, unknown> => {
  const plan = z.toJSONSchema(RecoveryPlanSchema, {
    io: 'input',
    target: 'draft-2020-12',
  });
  const defs = (plan.$defs ?? {}) as Record<string, Record<string, unknown>>;
  return {
    $id: 'urn:restore-relay:schema:recovery-plan:v1',
    ...plan,
    $defs: {
      ...defs,
      planStep: {
        ...defs.planStep,
        oneOf: [
          { required: ['request'] },
          { required: ['approval'] },
          { required: ['hook'] },
        ],
      },
      planStepRequest: {
        ...defs.planStepRequest,
        oneOf: RECOVERY_POINT_CHOICE,
      },
    },
  };
};

/**
 * The JSON Schemas committed for users, generated from the zod contracts.
 * The "one of two ways to name the recovery point" rule lives in a zod
 * refinement, which JSON Schema cannot express from it; it is added here.
 */
export const jsonSchemas = (): Record<string, unknown> => {
  const request = z.toJSONSchema(RestoreRequestSchema, {
    io: 'input',
    target: 'draft-2020-12',
  });
  return {
    'restore-request.v1.schema.json': {
      $id: 'urn:restore-relay:schema:restore-request:v1',
      ...request,
      oneOf: RECOVERY_POINT_CHOICE,
    },
    // A recovery plan document (docs/recovery-plans.md), YAML or JSON.
    'recovery-plan.v1.schema.json': recoveryPlanSchema(),
    // The deployment's RESTORE_PROFILES document (serverless.yml
    // `restoreProfiles`). Type names and keys per type are checked at cold
    // start against the metadata builders; JSON Schema states the shape.
    'restore-profiles.v1.schema.json': {
      $id: 'urn:restore-relay:schema:restore-profiles:v1',
      ...z.toJSONSchema(RestoreProfilesDocumentSchema, {
        io: 'input',
        target: 'draft-2020-12',
      }),
    },
    'notification.v1.schema.json': {
      $id: 'urn:restore-relay:schema:notification:v1',
      ...z.toJSONSchema(RelayNotificationSchema, {
        io: 'output',
        target: 'draft-2020-12',
      }),
    },
  };
};

/** The page that keeps the generated restore-profile table. */
const POLICY_PAGE = new URL('../../docs/policy.md', import.meta.url);
const POLICY_PAGE_NAME = 'docs/policy.md';

/** The configuration reference, generated whole. */
const CONFIGURATION_PAGE = new URL(
  '../../docs/configuration.md',
  import.meta.url
);

/**
 * docs/policy.md with the generated restore-profile table in its place, or
 * undefined when the page lacks the markers (the table would be lost).
 */
const withPolicyTable = (page: string): string | undefined => {
  const [begin, end] = POLICY_TABLE_MARKERS;
  const from = page.indexOf(begin);
  const to = page.indexOf(end);
  if (from < 0 || to < from) {
    return undefined;
  }
  return `${page.slice(0, from + begin.length)}\n${policyTable()}\n${page.slice(to)}`;
};

const main = async (check: boolean): Promise<number> => {
  let stale = 0;
  const page = await readFile(POLICY_PAGE, 'utf8').catch(() => '');
  const generated = withPolicyTable(page);
  if (generated === undefined) {
    process.stderr.write(
      `${POLICY_PAGE_NAME}: the restore-profile table markers are missing (${POLICY_TABLE_MARKERS.join(' … ')})\n`
    );
    stale += 1;
  } else if (generated !== page) {
    if (check) {
      process.stderr.write(
        `${POLICY_PAGE_NAME}: the restore-profile table is out of date: run npm run schemas\n`
      );
      stale += 1;
    } else {
      await writeFile(POLICY_PAGE, generated);
      process.stdout.write(
        `wrote the restore-profile table in ${POLICY_PAGE_NAME}\n`
      );
    }
  }
  const reference = configurationReference();
  const committedReference = await readFile(CONFIGURATION_PAGE, 'utf8').catch(
    () => ''
  );
  if (committedReference !== reference) {
    if (check) {
      process.stderr.write(
        'docs/configuration.md is out of date with the function schemas: run npm run schemas\n'
      );
      stale += 1;
    } else {
      await writeFile(CONFIGURATION_PAGE, reference);
      process.stdout.write('wrote docs/configuration.md\n');
    }
  }
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    const file = new URL(name, DIR);
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    if (check) {
      const committed = await readFile(file, 'utf8').catch(() => '');
      if (committed !== text) {
        process.stderr.write(
          `${name} is out of date with the zod schema: run npm run schemas\n`
        );
        stale += 1;
      }
    } else {
      await writeFile(file, text);
      process.stdout.write(`wrote shared/events/schemas/${name}\n`);
    }
  }
  return stale === 0 ? 0 : 1;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.includes('--check'));
}
