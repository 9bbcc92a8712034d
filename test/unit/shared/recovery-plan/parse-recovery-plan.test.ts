import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MAX_VALUE_DEPTH } from '#shared/events/parse-restore-request';
import { MAX_MAP_KEYS } from '#shared/events/restore-request';
import { parseRecoveryPlan } from '#shared/recovery-plan/parse-recovery-plan';
import {
  MAX_AFTER_ENTRIES,
  MAX_PLAN_ALIASES,
  MAX_PLAN_BYTES,
  MAX_PLAN_DEPTH,
  MAX_PLAN_EXPANDED_BYTES,
  MAX_PLAN_NESTING,
  MAX_PLAN_STEPS,
} from '#shared/recovery-plan/plan-limits';
import {
  ORDERS_APP_YAML,
  planProblemsOf,
  planText,
  refusalOf,
} from '#test/support/recovery-plans';

const CLUSTER = 'arn:aws:rds:eu-west-1:111122223333:cluster:orders';
const INSTANCE =
  'arn:aws:ec2:eu-west-1:111122223333:instance/i-0a1b2c3d4e5f67890';
const RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94';

/** A chain of `length` hook steps, each after the one before. */
const chain = (length: number) =>
  Array.from({ length }, (_, i) => ({
    id: `s${i}`,
    ...(i === 0 ? {} : { after: [`s${i - 1}`] }),
  }));

describe('parseRecoveryPlan', () => {
  it('reads the example plan of the issue, with defaults and step kinds', () => {
    // Act
    const plan = parseRecoveryPlan(ORDERS_APP_YAML);

    // Assert
    expect(plan).toEqual({
      recoveryPlan: 1,
      name: 'orders-app',
      recoverTo: '2026-11-25T12:00:00Z',
      targets: { rtoMinutes: 240, rpoMinutes: 1440 },
      maxConcurrency: 4,
      steps: [
        {
          id: 'orders-db',
          kind: 'restore',
          after: [],
          onFailure: 'stop',
          rtoMinutes: 60,
          request: {
            resourceArn: CLUSTER,
            restoreRole: 'restore-databases',
            metadata: { DBClusterIdentifier: 'orders-restored' },
          },
        },
        {
          id: 'orders-db-instance',
          kind: 'hook',
          after: ['orders-db'],
          onFailure: 'stop',
          hook: {
            function: 'create-cluster-instance',
            payload: { class: 'db.r6g.large' },
          },
        },
        {
          id: 'go-no-go',
          kind: 'approval',
          after: ['orders-db-instance'],
          onFailure: 'stop',
          approval: {
            message: 'Database is back. Start the app servers?',
            timeoutMinutes: 60,
          },
        },
        {
          id: 'app-server',
          kind: 'restore',
          after: ['go-no-go'],
          onFailure: 'continue',
          request: { resourceArn: INSTANCE },
        },
      ],
    });
  });

  it('reads the same plan written as JSON, as text or as bytes', () => {
    // Arrange
    const json = JSON.stringify(parseYaml(ORDERS_APP_YAML));

    // Act
    const fromText = parseRecoveryPlan(json);
    const fromBytes = parseRecoveryPlan(new TextEncoder().encode(json));

    // Assert
    expect(fromText).toEqual(parseRecoveryPlan(ORDERS_APP_YAML));
    expect(fromBytes).toEqual(fromText);
  });

  it('keeps recoverTo a string (YAML 1.2 core schema: no timestamps)', () => {
    // Act
    const plan = parseRecoveryPlan(
      `%YAML 1.1\n---\n${ORDERS_APP_YAML.replace(/^#.*\n/gm, '')}`
    );

    // Assert
    expect(plan.recoverTo).toBe('2026-11-25T12:00:00Z');
  });

  it('defaults an approval to 60 minutes', () => {
    // Act
    const plan = parseRecoveryPlan(
      planText([{ id: 'ok', approval: { message: 'Go?' } }])
    );

    // Assert
    expect(plan.steps[0]).toMatchObject({
      kind: 'approval',
      approval: { message: 'Go?', timeoutMinutes: 60 },
    });
  });

  describe('the request of a restore step', () => {
    it.each([
      ['requestId', '"inc-42"', /request id/],
      ['taskToken', '"token"', /task token/],
      ['dryRun', 'true', /dry run is of the whole plan/],
    ])('refuses %s, naming the step and the field', (field, value, why) => {
      // Arrange
      const text = ORDERS_APP_YAML.replace(
        'restoreRole: restore-databases',
        `restoreRole: restore-databases\n      ${field}: ${value}`
      );

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: `steps[0](orders-db).request.${field}`,
          message: expect.stringMatching(
            /^is not allowed in a recovery plan step: /
          ),
        },
      ]);
      expect(problems[0]?.message).toMatch(why);
    });

    it('is checked as a restore request, with the step in the path', () => {
      // Arrange
      const text = planText([
        { id: 'db', request: { recoveryPointArn: RP } },
        { id: 'files', request: { resourceArn: CLUSTER, resourceType: 'x' } },
      ]);

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: 'steps[0](db).request.backupVaultName',
          message: 'is required with recoveryPointArn',
        },
        {
          path: 'steps[1](files).request.resourceType',
          message: expect.stringMatching(/^unknown resource type "x"/),
        },
      ]);
    });

    it('refuses what the same request sent alone would be refused for', () => {
      // Arrange: more metadata keys than a request may carry, and a value
      // nested deeper than a request's metadata may be
      let deep: unknown = 1;
      for (let level = 0; level < MAX_VALUE_DEPTH + 1; level += 1) {
        deep = { a: deep };
      }
      const many = Object.fromEntries(
        Array.from({ length: MAX_MAP_KEYS + 1 }, (_, i) => [`k${i}`, 1])
      );
      const text = planText([
        { id: 'db', request: { resourceArn: CLUSTER, metadata: many } },
        { id: 'files', request: { resourceArn: CLUSTER, metadata: { deep } } },
      ]);

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: 'steps[0](db).request.metadata',
          message: `has ${MAX_MAP_KEYS + 1} keys; at most ${MAX_MAP_KEYS}`,
        },
        {
          path: 'steps[1](files).request.metadata.deep',
          message: `nests arrays and objects more than ${MAX_VALUE_DEPTH} levels deep`,
        },
      ]);
    });

    it('suggests the field a misspelt one means', () => {
      // Act
      const problems = planProblemsOf(
        planText([{ id: 'db', request: { resourceARN: CLUSTER } }])
      );

      // Assert
      expect(problems).toContainEqual({
        path: 'steps[0](db).request.resourceARN',
        message: 'unknown field; did you mean "resourceArn"?',
      });
    });
  });

  describe('the kind of a step', () => {
    it('refuses a step with none of request, approval, hook', () => {
      // Arrange: planText leaves a step alone once it names a kind, and
      // JSON has no undefined
      const text = planText([{ id: 'a' }, { id: 'b', hook: undefined }]);

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: 'steps[1](b)',
          message:
            'has none of request, approval, hook; a step is exactly one of them',
        },
      ]);
    });

    it('refuses a step with more than one', () => {
      // Act
      const problems = planProblemsOf(
        planText([
          {
            id: 'a',
            request: { resourceArn: CLUSTER },
            hook: { function: 'f' },
          },
        ])
      );

      // Assert
      expect(problems).toEqual([
        {
          path: 'steps[0](a)',
          message:
            'has request and hook; a step is exactly one of request, approval, hook',
        },
      ]);
    });
  });

  describe('the rules between steps', () => {
    it('refuses duplicate ids, unknown and repeated after entries, and a step after itself', () => {
      // Arrange
      const text = planText([
        { id: 'db' },
        { id: 'db' },
        { id: 'app', after: ['db', 'dv', 'db', 'app'] },
      ]);

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: 'steps[1](db).id',
          message: 'is also the id of steps[0]; step ids are unique',
        },
        {
          path: 'steps[2](app).after[1]',
          message: 'names "dv", which is no step of this plan',
        },
        {
          path: 'steps[2](app).after[2]',
          message: 'lists "db" a second time',
        },
        {
          path: 'steps[2](app).after[3]',
          message: 'names the step itself; a step cannot run after itself',
        },
      ]);
    });

    it('names every step of a cycle', () => {
      // Arrange
      const text = planText([
        { id: 'first' },
        { id: 'db', after: ['app', 'first'] },
        { id: 'files', after: ['db'] },
        { id: 'app', after: ['files'] },
        { id: 'web', after: ['app'] },
      ]);

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: 'steps[1](db).after',
          message:
            'is part of a cycle: db after app, app after files, files after db; steps in the cycle: db, files, app',
        },
      ]);
    });

    it('reports the rules between steps with the other problems', () => {
      // Arrange
      const text = planText([
        { id: 'a', after: ['b'], rtoMinutes: 0 },
        { id: 'b', after: ['a'] },
      ]);

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems.map((p) => p.path)).toEqual([
        'steps[0](a).rtoMinutes',
        'steps[0](a).after',
      ]);
    });

    it(`accepts ${MAX_PLAN_DEPTH} waves and refuses more, naming the limit and the chain`, () => {
      // Act
      const deepest = parseRecoveryPlan(planText(chain(MAX_PLAN_DEPTH)));
      const problems = planProblemsOf(planText(chain(MAX_PLAN_DEPTH + 1)));

      // Assert
      expect(deepest.steps).toHaveLength(MAX_PLAN_DEPTH);
      expect(problems).toEqual([
        {
          path: 'steps',
          message: `has ${MAX_PLAN_DEPTH + 1} waves; at most ${MAX_PLAN_DEPTH} (the depth limit): the longest chain of after runs from "s0" to "s${MAX_PLAN_DEPTH}"`,
        },
      ]);
    });
  });

  describe('the limits', () => {
    it(`refuses a document over ${MAX_PLAN_BYTES} bytes before reading it`, () => {
      // Arrange: valid YAML but for its size, counted in bytes (é is 2)
      const text = `# ${'é'.repeat(MAX_PLAN_BYTES / 2)}\n${ORDERS_APP_YAML}`;

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: '',
          message: `is ${Buffer.byteLength(text)} bytes; at most ${MAX_PLAN_BYTES} (the document size limit, 64 KiB)`,
        },
      ]);
    });

    it(`refuses more than ${MAX_PLAN_STEPS} steps`, () => {
      // Arrange
      const steps = Array.from({ length: MAX_PLAN_STEPS + 1 }, (_, i) => ({
        id: `s${i}`,
      }));

      // Act
      const problems = planProblemsOf(planText(steps));

      // Assert
      expect(problems).toEqual([
        {
          path: 'steps',
          message: `has ${MAX_PLAN_STEPS + 1} steps; at most ${MAX_PLAN_STEPS} (the steps limit)`,
        },
      ]);
    });

    it(`refuses an after list of more than ${MAX_AFTER_ENTRIES} entries`, () => {
      // Arrange
      const first = Array.from({ length: MAX_AFTER_ENTRIES + 1 }, (_, i) => ({
        id: `s${i}`,
      }));
      const steps = [...first, { id: 'last', after: first.map((s) => s.id) }];

      // Act
      const problems = planProblemsOf(planText(steps));

      // Assert
      expect(problems).toEqual([
        {
          path: `steps[${MAX_AFTER_ENTRIES + 1}](last).after`,
          message: `lists ${MAX_AFTER_ENTRIES + 1} steps; at most ${MAX_AFTER_ENTRIES} (the after limit)`,
        },
      ]);
    });

    it('refuses aliases that expand too often ("billion laughs")', () => {
      // Arrange
      const text = [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      ].join('\n');

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: '',
          message: `expands YAML aliases more than ${MAX_PLAN_ALIASES} times (the alias limit)`,
        },
      ]);
    });

    it('accepts an alias that shares a value between steps', () => {
      // Arrange
      const text = [
        'recoveryPlan: 1',
        'name: shared',
        'steps:',
        '  - id: check-a',
        '    hook: &check { function: check-app, payload: { url: "https://orders.example.com" } }',
        '  - id: check-b',
        '    hook: *check',
      ].join('\n');

      // Act
      const plan = parseRecoveryPlan(text);

      // Assert
      expect(plan.steps.map((s) => s.kind)).toEqual(['hook', 'hook']);
    });

    it('refuses aliases whose expansion is larger than a state payload', () => {
      // Arrange: 8 aliases of a 40 KB string
      const text = `a: &a "${'x'.repeat(40_000)}"\nb: [${Array(8).fill('*a').join(', ')}]`;

      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toEqual([
        {
          path: '',
          message: `is more than ${MAX_PLAN_EXPANDED_BYTES} bytes as JSON once aliases are expanded (the expanded size limit)`,
        },
      ]);
    });

    it.each([
      ['flow sequences', '['.repeat(20_000)],
      ['flow mappings', `${'{a: '.repeat(3000)}1${'}'.repeat(3000)}`],
      [
        'JSON',
        `${'{"a":'.repeat(MAX_PLAN_NESTING + 1)}1${'}'.repeat(MAX_PLAN_NESTING + 1)}`,
      ],
    ])('refuses %s nested too deep, naming the limit', (_, text) => {
      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems).toHaveLength(1);
      expect(problems[0]?.message).toMatch(
        new RegExp(`${MAX_PLAN_NESTING} levels.*\\(the nesting limit\\)`)
      );
    });

    it('refuses an alias inside its own anchor (a circular value)', () => {
      // Act
      const problems = planProblemsOf('a: &x [1, *x]');

      // Assert
      expect(problems).toHaveLength(1);
      expect(problems[0]?.message).toMatch(/the nesting limit/);
    });
  });

  describe('what YAML may say and a plan may not', () => {
    it.each([
      [
        'a syntax error, with its line and column',
        'recoveryPlan: 1\nname: [',
        /^line 2, column 8$/,
      ],
      ['a duplicate key', 'name: a\nname: b', /^line 2, column 1$/],
      ['a second document', 'name: a\n---\nname: b', /^line \d+, column \d+$/],
      ['an unknown tag', 'name: !secret a', /^line 1, column 7$/],
      ['a mapping as a key', '? [a]\n: 1', /^line 1, column 3$/],
    ])('refuses %s', (_, text, path) => {
      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems[0]?.path).toMatch(path);
      expect(problems[0]?.message).toMatch(/^is not valid YAML: /);
    });

    it.each([
      ['binary data', 'name: !!binary aGVsbG8=', 'name'],
      ['a __proto__ key', '__proto__: { polluted: true }', '__proto__'],
      ['a control character', 'name: "a\\u0000"', 'name'],
    ])('refuses %s with its path', (_, text, path) => {
      // Act
      const problems = planProblemsOf(text);

      // Assert
      expect(problems.map((p) => p.path)).toEqual([path]);
    });

    it('refuses bytes that are not UTF-8', () => {
      // Act
      const problems = planProblemsOf(new Uint8Array([0x6e, 0xff, 0xfe]));

      // Assert
      expect(problems).toEqual([{ path: '', message: 'is not UTF-8 text' }]);
    });

    it('says it is a recovery plan that is invalid', () => {
      // Act
      const error = refusalOf('recoveryPlan: 2');

      // Assert
      expect(error.code).toBe('RestoreRequestInvalid');
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/^invalid recovery plan: recoveryPlan: /);
    });
  });
});
