import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  CHECK_ORDER_ATTRIBUTE,
  CHECK_QUEUE_INDEX,
  OPEN_JOBS_INDEX,
  OPEN_JOBS_PARTITION_ATTRIBUTE,
  REQUEST_ID_ATTRIBUTE,
  REQUEST_JOBS_INDEX,
  STARTED_AT_ATTRIBUTE,
} from '#shared/adapters/relay-table-layout';
import { FUNCTION_CONFIG_SCHEMAS } from '#shared/cli/function-config-schemas';
import { parseConfig } from '#shared/config/load-config';
import { RESTORE_JOB_OUTCOME_PATTERN } from '#shared/events/restore-job-state-change';
import {
  RELAY_TABLE_ATTRIBUTE_DEFINITIONS,
  RELAY_TABLE_INDEXES,
} from '#test/support/local/relay-table';
import {
  type CfnTemplate,
  type EvaluationContext,
  evaluate,
  functionLogicalId,
  getAtt,
  type Json,
  type PackagedService,
  type PolicyStatement,
  packageService,
  ref,
  resourceById,
  resourcesOfType,
  roleStatements,
  statementsOf,
  zipEntryNames,
} from '#test/support/serverless-template';

// Static checks over the packaged template: the configuration rules of
// docs/reliability.md#invariants and docs/architecture.md#stack. Packaging runs osls
// offline with fake credentials (docs/development.md#deploy-cli).
import { InvokeRestoreConfigSchema } from '../../functions/invoke-restore/config.js';
import { SqsRestoreConfigSchema } from '../../functions/sqs-restore/config.js';

const PACKAGE_TIMEOUT_MS = 120_000;

/** The functions that start restores, one per entry point. */
const START_FUNCTION_KEYS = [
  'sqs-restore',
  'event-restore',
  'invoke-restore',
] as const;

/** The functions that follow restore jobs to their end. */
const LIFECYCLE_FUNCTION_KEYS = [
  'track-restore',
  'reconcile-restores',
] as const;

const FUNCTION_KEYS = [...START_FUNCTION_KEYS, ...LIFECYCLE_FUNCTION_KEYS];

const OUTCOME_RULE_NAME = 'restore-relay-ci-restore-job-outcome';

const SCHEDULE_RULE_NAME = 'restore-relay-ci-reconcile-schedule';

const DEFAULT_RESTORE_ROLE_ARN =
  'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole';

/** Deploy-time values of the stack's own resources, for `evaluate`. */
const RESOURCE_REFS = {
  RelayTable: 'restore-relay-ci-RelayTable-1A2B3C4D',
  RelayTopic: 'arn:aws:sns:eu-west-1:111122223333:restore-relay-ci-RelayTopic',
  DeadLetterQueue:
    'https://sqs.eu-west-1.amazonaws.com/111122223333/restore-relay-ci-DeadLetterQueue',
};

const contextOf = (template: CfnTemplate): EvaluationContext => ({
  conditions: template.Conditions,
  refs: RESOURCE_REFS,
});

/** The ARN of an EventBridge bus in the account {@link evaluate} assumes. */
const eventBusArn = (name: string): string =>
  `arn:aws:events:eu-west-1:111122223333:event-bus/${name}`;

/** The ARN of a rule on the default bus, as {@link evaluate} resolves it. */
const defaultBusRuleArn = (name: string): string =>
  `arn:aws:events:eu-west-1:111122223333:rule/${name}`;

const roleIdOf = (template: CfnTemplate, functionKey: string): string => {
  const { Role } = resourceById(
    template,
    functionLogicalId(template, functionKey)
  ).Properties;
  const roleId = resourcesOfType(template, 'AWS::IAM::Role').find(
    ([id]) => JSON.stringify(Role) === JSON.stringify(getAtt(id, 'Arn'))
  )?.[0];
  if (roleId === undefined) {
    throw new Error(`function "${functionKey}" has no role of its own`);
  }
  return roleId;
};

const statementsOfFunction = (
  template: CfnTemplate,
  functionKey: string
): PolicyStatement[] =>
  roleStatements(resourceById(template, roleIdOf(template, functionKey)));

const statementsWith = (
  template: CfnTemplate,
  functionKey: string,
  action: string
): PolicyStatement[] =>
  statementsOfFunction(template, functionKey).filter((s) =>
    s.actions.includes(action)
  );

/** The rules that match events by pattern (every rule but the schedule). */
const patternRulesOf = (template: CfnTemplate) =>
  resourcesOfType(template, 'AWS::Events::Rule').filter(
    ([, rule]) => rule.Properties.EventPattern !== undefined
  );

/** The rules that fire on a schedule. */
const scheduleRulesOf = (template: CfnTemplate) =>
  resourcesOfType(template, 'AWS::Events::Rule').filter(
    ([, rule]) => rule.Properties.ScheduleExpression !== undefined
  );

/** The ARNs of every rule, as osls grants them the invoke. */
const ruleArnsOf = (template: CfnTemplate): Json[] =>
  resourcesOfType(template, 'AWS::Lambda::Permission')
    .filter(([, p]) => p.Properties.Principal === 'events.amazonaws.com')
    .map(([, p]) => evaluate(p.Properties.SourceArn ?? null));

/** The `AWS::Lambda::EventInvokeConfig` properties of a function. */
const invokeConfigOf = (
  template: CfnTemplate,
  functionKey: string
): Record<string, Json> | undefined =>
  resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').find(
    ([, c]) =>
      JSON.stringify(c.Properties.FunctionName) ===
      JSON.stringify(ref(functionLogicalId(template, functionKey)))
  )?.[1].Properties;

/** A role's statements with `Fn::Sub` and `Ref`s resolved. */
const evaluatedStatementsOf = (
  template: CfnTemplate,
  functionKey: string
): Json[] =>
  statementsOfFunction(template, functionKey).map((statement) =>
    evaluate(statement as unknown as Json, contextOf(template))
  );

/** The evaluated `ArnEquals aws:SourceArn` list of a statement. */
const sourceArnsOf = (
  statement: PolicyStatement | undefined,
  template: CfnTemplate
): Json => {
  const condition = statement?.condition as
    | { ArnEquals?: { 'aws:SourceArn'?: Json } }
    | undefined;
  return evaluate(
    condition?.ArnEquals?.['aws:SourceArn'] ?? null,
    contextOf(template)
  );
};

/** The request queue's policy statements, with conditions resolved. */
const requestQueueStatementsOf = (template: CfnTemplate): PolicyStatement[] =>
  statementsOf(
    evaluate(
      resourceById(template, 'RequestQueuePolicy').Properties.PolicyDocument ??
        null,
      contextOf(template)
    )
  );

const environmentOf = (
  template: CfnTemplate,
  functionKey: string
): Record<string, string> => {
  const fn = resourceById(template, functionLogicalId(template, functionKey));
  const variables = evaluate(
    (fn.Properties.Environment as { Variables: Json }).Variables,
    contextOf(template)
  );
  return Object.fromEntries(
    Object.entries(variables as Record<string, Json>).map(([name, value]) => {
      if (typeof value !== 'string') {
        throw new Error(`${name} does not resolve to a string`);
      }
      return [name, value];
    })
  );
};

describe('the packaged serverless template', () => {
  let packaged: PackagedService;
  let template: CfnTemplate;

  beforeAll(async () => {
    packaged = await packageService();
    template = packaged.template;
  }, PACKAGE_TIMEOUT_MS);

  afterAll(async () => {
    await packaged?.cleanup();
  });

  describe('functions', () => {
    it('runs every function on nodejs24.x on arm64', () => {
      // Act
      const functions = resourcesOfType(template, 'AWS::Lambda::Function');

      // Assert
      expect(functions).toHaveLength(FUNCTION_KEYS.length);
      for (const [, fn] of functions) {
        expect(fn.Properties.Runtime).toBe('nodejs24.x');
        expect(fn.Properties.Architectures).toEqual(['arm64']);
      }
    });

    it('packages each function as its own zip holding only its bundled .mjs handler', async () => {
      for (const key of FUNCTION_KEYS) {
        // Arrange
        const zip = join(packaged.packageDir, `${key}.zip`);

        // Act
        const entries = existsSync(zip) ? await zipEntryNames(zip) : [];

        // Assert: the SDK is bundled, so no node_modules ship with it.
        expect(entries).toEqual([`functions/${key}/handler.mjs`]);
        expect(
          resourceById(template, functionLogicalId(template, key)).Properties
            .Handler
        ).toBe(`functions/${key}/handler.handler`);
      }
    });

    it('sets the timeouts: 60 s for sqs-restore and event-restore, 30 s for invoke-restore and track-restore, 120 s for reconcile-restores', () => {
      // Act
      const timeoutOf = (key: string) =>
        resourceById(template, functionLogicalId(template, key)).Properties
          .Timeout;

      // Assert
      expect(timeoutOf('sqs-restore')).toBe(60);
      expect(timeoutOf('event-restore')).toBe(60);
      expect(timeoutOf('invoke-restore')).toBe(30);
      expect(timeoutOf('track-restore')).toBe(30);
      expect(timeoutOf('reconcile-restores')).toBe(120);
    });

    it.each(FUNCTION_KEYS)(
      'packages %s with exactly the environment its own schema reads, and the schema accepts it',
      (key) => {
        // Arrange
        const schema = FUNCTION_CONFIG_SCHEMAS[key];
        const environment = environmentOf(template, key);
        const read = Object.keys(
          z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
            .properties ?? {}
        );

        // Act
        const parsed = schema.safeParse({
          ...environment,
          AWS_REGION: 'eu-west-1',
        });

        // Assert: accepted, and nothing is passed that the function never
        // reads (Powertools reads its own variables).
        expect(parsed.error?.issues).toBeUndefined();
        const unread = Object.keys(environment).filter(
          (name) => !read.includes(name) && !name.startsWith('POWERTOOLS_')
        );
        expect(unread).toEqual([]);
      }
    );

    it('gives the start functions the restore policy and the deployment id, and no other function', () => {
      // Arrange
      const environments = Object.fromEntries(
        FUNCTION_KEYS.map((key) => [key, environmentOf(template, key)])
      );

      // Act
      const config = parseConfig(InvokeRestoreConfigSchema, {
        ...environments['invoke-restore'],
        AWS_REGION: 'eu-west-1',
      });

      // Assert
      for (const key of ['sqs-restore', 'event-restore', 'invoke-restore']) {
        expect(environments[key]).toMatchObject({
          RELAY_TABLE_NAME: RESOURCE_REFS.RelayTable,
          RELAY_TOPIC_ARN: RESOURCE_REFS.RelayTopic,
          RELAY_DLQ_URL: RESOURCE_REFS.DeadLetterQueue,
          RESTORE_ROLES: DEFAULT_RESTORE_ROLE_ARN,
          DEFAULT_RESTORE_ROLE: '',
          ALLOWED_VAULTS: '*',
          ALLOWED_RESOURCE_TYPES: '*',
          START_RATE_PER_SECOND: '2',
          ACCOUNT_ID: '111122223333',
          RESTORE_PROFILES: '',
          TRUSTED_ARNS: '',
          DEPLOYMENT_ID: 'restore-relay-ci',
        });
      }
      for (const key of ['track-restore', 'reconcile-restores']) {
        expect(Object.keys(environments[key] ?? {})).not.toContain(
          'RESTORE_ROLES'
        );
        expect(environments[key]).toMatchObject({
          RELAY_TABLE_NAME: RESOURCE_REFS.RelayTable,
          RELAY_TOPIC_ARN: RESOURCE_REFS.RelayTopic,
          OUTCOME_EVENT_BUS_NAME: 'default',
          OUTCOME_EVENT_SOURCE: 'restore-relay',
          REPORT_ALL_JOBS: 'false',
        });
      }
      expect(environments['sqs-restore']).toMatchObject({
        RECORD_CONCURRENCY: '10',
      });
      expect(environments['event-restore']).toMatchObject({
        ALARM_RULES: '[]',
        RELAY_EVENT_SOURCES: 'restore-relay',
      });
      expect(environments['reconcile-restores']).toMatchObject({
        RECONCILE_AFTER_SECONDS: '900',
        STALE_AFTER_SECONDS: '86400',
        RECONCILE_MAX_JOBS: '100',
      });
      for (const environment of Object.values(environments)) {
        expect(environment).toMatchObject({
          POWERTOOLS_SERVICE_NAME: 'restore-relay',
          POWERTOOLS_METRICS_NAMESPACE: 'RestoreRelay',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          AWS_SDK_REQUEST_TIMEOUT_MS: '5000',
          AWS_SDK_CONNECTION_TIMEOUT_MS: '1000',
          AWS_SDK_MAX_ATTEMPTS: '3',
        });
      }
      expect(config.policy.defaultRestoreRole).toBe(
        'AWSBackupDefaultServiceRole'
      );
      expect([...config.policy.restoreRoles.values()]).toEqual([
        DEFAULT_RESTORE_ROLE_ARN,
      ]);
      // The built-in deny-by-default profiles, namespaced by stack and stage.
      expect(config.policy.profiles.get('RDS')?.requirements).toEqual([
        expect.objectContaining({ key: 'PubliclyAccessible', value: 'false' }),
      ]);
      expect(config.deployment).toBe('restore-relay-ci');
    });

    it('stops only event-restore on a bad ALARM_RULES: the others never read it', () => {
      // Arrange
      const bad = { ALARM_RULES: '[{"alarmName":', AWS_REGION: 'eu-west-1' };

      // Act
      const accepted = FUNCTION_KEYS.filter(
        (key) =>
          FUNCTION_CONFIG_SCHEMAS[key].safeParse({
            ...environmentOf(template, key),
            ...bad,
          }).success
      );

      // Assert
      expect(accepted).toEqual(
        FUNCTION_KEYS.filter((key) => key !== 'event-restore')
      );
    });
  });

  describe('the restore policy parameters', () => {
    it.each([
      ['{"Mainframe":{}}', 'unknown resource type "Mainframe"'],
      [
        '{"EC2":{"allow":{"SubnetID":"any","UserDatta":"never"}}}',
        '"UserDatta" is not a metadata key of EC2',
      ],
      [
        '{"RDS":{"allow":{"DBInstanceClass":"some"}}}',
        'RDS.allow.DBInstanceClass',
      ],
    ])(
      'turns restoreProfiles %s into a ConfigInvalid at cold start',
      (profiles, message) => {
        // Arrange: the packaged environment, with the parameter set.
        const environment = {
          ...environmentOf(template, 'sqs-restore'),
          AWS_REGION: 'eu-west-1',
          RESTORE_PROFILES: profiles,
        };

        // Act
        const error = (() => {
          try {
            parseConfig(SqsRestoreConfigSchema, environment);
          } catch (e) {
            return e as Error & { code?: string };
          }
          return undefined;
        })();

        // Assert
        expect(error?.code).toBe('ConfigInvalid');
        expect(error?.message).toContain(message);
      }
    );
  });

  describe('the SQS entry point', () => {
    it('gives the request queue a visibility timeout of at least 6 × the sqs-restore timeout', () => {
      // Arrange
      const timeout = resourceById(
        template,
        functionLogicalId(template, 'sqs-restore')
      ).Properties.Timeout;

      // Act
      const visibility = resourceById(template, 'RequestQueue').Properties
        .VisibilityTimeout;

      // Assert
      expect(typeof timeout).toBe('number');
      expect(visibility).toBeGreaterThanOrEqual(6 * Number(timeout));
    });

    it('redrives the request queue to the dead-letter queue after at least 5 receives', () => {
      // Act
      const redrive = resourceById(template, 'RequestQueue').Properties
        .RedrivePolicy as { deadLetterTargetArn: Json; maxReceiveCount: Json };

      // Assert
      expect(redrive.deadLetterTargetArn).toEqual(
        getAtt('DeadLetterQueue', 'Arn')
      );
      expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(5);
    });

    it('retains both queues, and their messages, when the stack is removed or replaces them', () => {
      for (const id of ['RequestQueue', 'DeadLetterQueue']) {
        // Act
        const queue = resourceById(template, id);

        // Assert
        expect(queue.DeletionPolicy).toBe('Retain');
        expect(queue.UpdateReplacePolicy).toBe('Retain');
      }
    });

    it('keeps messages in both queues for 14 days, encrypted', () => {
      for (const id of ['RequestQueue', 'DeadLetterQueue']) {
        // Act
        const queue = resourceById(template, id);

        // Assert
        expect(queue.Type).toBe('AWS::SQS::Queue');
        expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
        expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      }
    });

    it('lets only principals of this account send requests, and nobody use the queue without TLS', () => {
      // Arrange
      const policies = resourcesOfType(
        template,
        'AWS::SQS::QueuePolicy'
      ).filter(
        ([, p]) =>
          JSON.stringify(p.Properties.Queues) ===
          JSON.stringify([ref('RequestQueue')])
      );

      // Act
      const statements = requestQueueStatementsOf(template);

      // Assert: denies only, so this account's IAM still decides within it.
      expect(policies.map(([id]) => id)).toEqual(['RequestQueuePolicy']);
      expect(statements).toEqual([
        {
          effect: 'Deny',
          principal: '*',
          actions: ['sqs:SendMessage'],
          resources: [getAtt('RequestQueue', 'Arn')],
          condition: {
            StringNotEquals: { 'aws:PrincipalAccount': '111122223333' },
          },
        },
        {
          effect: 'Deny',
          principal: '*',
          actions: ['sqs:*'],
          resources: [getAtt('RequestQueue', 'Arn')],
          condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]);
    });

    it('maps the request queue to sqs-restore with partial batch responses, batching and capped concurrency', () => {
      // Act
      const mappings = resourcesOfType(
        template,
        'AWS::Lambda::EventSourceMapping'
      );

      // Assert
      expect(mappings).toHaveLength(1);
      expect(mappings[0]?.[1].Properties).toMatchObject({
        EventSourceArn: getAtt('RequestQueue', 'Arn'),
        FunctionName: getAtt(functionLogicalId(template, 'sqs-restore'), 'Arn'),
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 1,
        ScalingConfig: { MaximumConcurrency: 2 },
      });
    });

    it('keeps the SQS source under 80 % of the StartRestoreJob quota (5/s)', () => {
      // Arrange
      const [[, mapping] = ['', resourceById(template, 'missing')]] =
        resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
      const fn = resourceById(
        template,
        functionLogicalId(template, 'sqs-restore')
      );

      // Act
      const environments = Number(
        (mapping.Properties.ScalingConfig as { MaximumConcurrency: number })
          .MaximumConcurrency
      );
      const perEnvironment = Number(
        (fn.Properties.Environment as { Variables: Record<string, string> })
          .Variables.START_RATE_PER_SECOND
      );

      // Assert: docs/reliability.md#invariants, "configuration checks".
      expect(environments * perEnvironment).toBeLessThanOrEqual(4);
    });
  });

  describe('the EventBridge entry point', () => {
    const rulesByName = () =>
      new Map(
        patternRulesOf(template).map(([, rule]) => [
          String(rule.Properties.Name),
          rule,
        ])
      );

    it('routes "Restore Requested" events and ALARM state changes to event-restore', () => {
      // Arrange
      const eventRestoreArn = getAtt(
        functionLogicalId(template, 'event-restore'),
        'Arn'
      );

      // Act
      const rules = rulesByName();
      const requested = rules.get('restore-relay-ci-restore-requested');
      const alarm = rules.get('restore-relay-ci-alarm-state-change');

      // Assert
      expect(rules.size).toBe(3);
      expect(evaluate(requested?.Properties.EventPattern ?? null)).toEqual({
        source: ['restore-relay'],
        'detail-type': ['Restore Requested'],
      });
      expect(requested?.Properties.EventBusName).toBeUndefined();
      expect(alarm?.Properties.EventPattern).toEqual({
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { state: { value: ['ALARM'] } },
      });
      expect(alarm?.Properties.EventBusName).toBeUndefined();
      for (const rule of [requested, alarm]) {
        expect(rule?.Properties.Targets).toMatchObject([
          { Arn: eventRestoreArn },
        ]);
      }
    });

    it('routes the outcomes of restore jobs to track-restore, on the default bus, by detail.status', () => {
      // Arrange
      const trackRestoreArn = getAtt(
        functionLogicalId(template, 'track-restore'),
        'Arn'
      );

      // Act
      const outcome = rulesByName().get(OUTCOME_RULE_NAME);

      // Assert: AWS Backup sends its events to the default bus only, and
      // the pattern is the one the handler's parser was written for.
      expect(outcome?.Properties.EventPattern).toEqual(
        RESTORE_JOB_OUTCOME_PATTERN
      );
      expect(outcome?.Properties.EventPattern).toEqual({
        source: ['aws.backup'],
        'detail-type': ['Restore Job State Change'],
        detail: { status: ['COMPLETED', 'FAILED', 'ABORTED'] },
      });
      expect(outcome?.Properties.EventBusName).toBeUndefined();
      expect(outcome?.Properties.Targets).toMatchObject([
        { Arn: trackRestoreArn },
      ]);
      expect(outcome?.Properties.Targets).toHaveLength(1);
    });

    it('retries each rule target, the schedule included, explicitly and keeps what it cannot deliver in the dead-letter queue', () => {
      // Act
      const targets = resourcesOfType(template, 'AWS::Events::Rule').flatMap(
        ([, rule]) => rule.Properties.Targets as Json[]
      );

      // Assert
      expect(targets).toHaveLength(4);
      for (const target of targets) {
        expect(target).toMatchObject({
          RetryPolicy: {
            MaximumRetryAttempts: 4,
            MaximumEventAgeInSeconds: 3600,
          },
          DeadLetterConfig: { Arn: getAtt('DeadLetterQueue', 'Arn') },
        });
      }
    });

    it('lets EventBridge write to the dead-letter queue only for the relay rules', () => {
      // Arrange
      const [policy, ...others] = resourcesOfType(
        template,
        'AWS::SQS::QueuePolicy'
      ).filter(
        ([, p]) =>
          JSON.stringify(p.Properties.Queues) ===
          JSON.stringify([ref('DeadLetterQueue')])
      );

      // Act
      const statements = statementsOf(policy?.[1].Properties.PolicyDocument);

      // Assert
      expect(others).toHaveLength(0);
      expect(policy?.[1].Properties.Queues).toEqual([ref('DeadLetterQueue')]);
      expect(statements).toHaveLength(1);
      const [statement] = statements;
      expect(statement).toMatchObject({
        effect: 'Allow',
        principal: { Service: 'events.amazonaws.com' },
        actions: ['sqs:SendMessage'],
        resources: [getAtt('DeadLetterQueue', 'Arn')],
      });
      const sourceArns = sourceArnsOf(statement, template);
      expect(ruleArnsOf(template)).toHaveLength(4);
      expect(sourceArns).toEqual(expect.arrayContaining(ruleArnsOf(template)));
      expect(sourceArns).toContain(defaultBusRuleArn(OUTCOME_RULE_NAME));
      expect(sourceArns).toContain(defaultBusRuleArn(SCHEDULE_RULE_NAME));
      expect(sourceArns).toHaveLength(4);
    });

    it('sends failed asynchronous invocations to the dead-letter queue after 2 retries within 6 hours', () => {
      // Act
      const eventRestore = invokeConfigOf(template, 'event-restore');
      const trackRestore = invokeConfigOf(template, 'track-restore');
      const invokeRestore = invokeConfigOf(template, 'invoke-restore');

      // Assert
      for (const config of [eventRestore, trackRestore]) {
        expect(config).toMatchObject({
          MaximumRetryAttempts: 2,
          MaximumEventAgeInSeconds: 21600,
          DestinationConfig: {
            OnFailure: { Destination: getAtt('DeadLetterQueue', 'Arn') },
          },
        });
      }
      expect(invokeRestore).toMatchObject({
        DestinationConfig: {
          OnFailure: { Destination: getAtt('DeadLetterQueue', 'Arn') },
        },
      });
    });
  });

  describe('the reconciliation schedule', () => {
    it('invokes reconcile-restores every 5 minutes from a named rule on the default bus', () => {
      // Act
      const rules = scheduleRulesOf(template);

      // Assert
      expect(rules).toHaveLength(1);
      expect(rules[0]?.[1].Properties).toMatchObject({
        Name: SCHEDULE_RULE_NAME,
        ScheduleExpression: 'rate(5 minutes)',
        State: 'ENABLED',
        Targets: [
          {
            Arn: getAtt(
              functionLogicalId(template, 'reconcile-restores'),
              'Arn'
            ),
          },
        ],
      });
      expect(rules[0]?.[1].Properties.EventBusName).toBeUndefined();
      expect(rules[0]?.[1].Properties.Targets).toHaveLength(1);
    });

    it('retries the schedule target and keeps an undelivered tick in the dead-letter queue, which lets the rule write', () => {
      // Arrange
      // The dead-letter queue's own policy (the request queue has one too).
      const policy = resourceById(template, 'DeadLetterQueuePolicy');
      const [statement] = statementsOf(policy.Properties.PolicyDocument);

      // Act
      const [[, rule] = ['', resourceById(template, 'missing')]] =
        scheduleRulesOf(template);
      const permissions = resourcesOfType(
        template,
        'AWS::Lambda::Permission'
      ).filter(
        ([, p]) =>
          JSON.stringify(p.Properties.FunctionName) ===
          JSON.stringify(
            getAtt(functionLogicalId(template, 'reconcile-restores'), 'Arn')
          )
      );

      // Assert
      expect(rule.Properties.Targets).toMatchObject([
        {
          RetryPolicy: {
            MaximumRetryAttempts: 4,
            MaximumEventAgeInSeconds: 3600,
          },
          DeadLetterConfig: { Arn: getAtt('DeadLetterQueue', 'Arn') },
        },
      ]);
      expect(sourceArnsOf(statement, template)).toContain(
        defaultBusRuleArn(SCHEDULE_RULE_NAME)
      );
      expect(permissions.map(([, p]) => p.Properties)).toEqual([
        expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
        }),
      ]);
      expect(evaluate(permissions[0]?.[1].Properties.SourceArn ?? null)).toBe(
        defaultBusRuleArn(SCHEDULE_RULE_NAME)
      );
    });

    it('runs one reconciliation at a time, never retries it and keeps a failed run in the dead-letter queue', () => {
      // Act
      const fn = resourceById(
        template,
        functionLogicalId(template, 'reconcile-restores')
      );
      const config = invokeConfigOf(template, 'reconcile-restores');

      // Assert
      expect(fn.Properties.ReservedConcurrentExecutions).toBe(1);
      expect(config).toMatchObject({
        MaximumRetryAttempts: 0,
        MaximumEventAgeInSeconds: 3600,
        DestinationConfig: {
          OnFailure: { Destination: getAtt('DeadLetterQueue', 'Arn') },
        },
      });
    });

    it('reserves concurrency for no other function', () => {
      for (const key of FUNCTION_KEYS.filter(
        (k) => k !== 'reconcile-restores'
      )) {
        // Act
        const fn = resourceById(template, functionLogicalId(template, key));

        // Assert
        expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
      }
    });
  });

  describe('storage and notifications', () => {
    it('keeps records in an on-demand table keyed by id, with TTL, PITR and encryption, retained on delete', () => {
      // Act
      const table = resourceById(template, 'RelayTable');

      // Assert
      expect(table.Type).toBe('AWS::DynamoDB::Table');
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
      expect(table.Properties.KeySchema).toHaveLength(1);
    });

    it('indexes the job records by open state and by request, both sparse and projecting every attribute', () => {
      // Act
      const { AttributeDefinitions, GlobalSecondaryIndexes } = resourceById(
        template,
        'RelayTable'
      ).Properties;

      // Assert
      expect(AttributeDefinitions).toEqual(RELAY_TABLE_ATTRIBUTE_DEFINITIONS);
      expect(AttributeDefinitions).toEqual([
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: OPEN_JOBS_PARTITION_ATTRIBUTE, AttributeType: 'S' },
        { AttributeName: REQUEST_ID_ATTRIBUTE, AttributeType: 'S' },
        { AttributeName: STARTED_AT_ATTRIBUTE, AttributeType: 'S' },
        { AttributeName: CHECK_ORDER_ATTRIBUTE, AttributeType: 'S' },
      ]);
      expect(GlobalSecondaryIndexes).toEqual(RELAY_TABLE_INDEXES);
      expect(
        (GlobalSecondaryIndexes as { IndexName: string }[]).map(
          (i) => i.IndexName
        )
      ).toEqual([CHECK_QUEUE_INDEX, OPEN_JOBS_INDEX, REQUEST_JOBS_INDEX]);
    });

    it('encrypts the notification topic with the AWS managed SNS key', () => {
      // Act
      const topic = resourceById(template, 'RelayTopic');

      // Assert
      expect(topic.Type).toBe('AWS::SNS::Topic');
      expect(topic.Properties.KmsMasterKeyId).toBe('alias/aws/sns');
    });
  });

  describe('IAM', () => {
    it('gives each function its own role that only Lambda can assume', () => {
      // Act
      const roleIds = FUNCTION_KEYS.map((key) => roleIdOf(template, key));

      // Assert
      expect(new Set(roleIds).size).toBe(FUNCTION_KEYS.length);
      expect(resourcesOfType(template, 'AWS::IAM::Role')).toHaveLength(
        FUNCTION_KEYS.length
      );
      for (const roleId of roleIds) {
        const role = resourceById(template, roleId);
        expect(statementsOf(role.Properties.AssumeRolePolicyDocument)).toEqual([
          {
            effect: 'Allow',
            actions: ['sts:AssumeRole'],
            resources: [],
            principal: { Service: 'lambda.amazonaws.com' },
          },
        ]);
      }
    });

    it('never grants a wildcard action, and grants Resource * only to actions without resource-level permissions', () => {
      // Arrange: recovery point ARNs never name the vault, restore jobs
      // have no ARN, and Step Functions callbacks address a task by token.
      const backupRestore = [
        'backup:DescribeRecoveryPoint',
        'backup:GetRecoveryPointRestoreMetadata',
        'backup:ListRecoveryPointsByResource',
        'backup:ListRestoreJobs',
        'backup:StartRestoreJob',
      ];
      const callbacks = ['states:SendTaskFailure', 'states:SendTaskSuccess'];
      const describeRestoreJob = ['backup:DescribeRestoreJob'];

      for (const key of FUNCTION_KEYS) {
        // Act
        const statements = statementsOfFunction(template, key);
        const wildcardGrants = statements
          .filter((s) => s.resources.includes('*'))
          .map((s) => s.actions.toSorted());

        // Assert
        for (const statement of statements) {
          expect(statement.effect).toBe('Allow');
          for (const action of statement.actions) {
            expect(action).not.toContain('*');
          }
        }
        expect(wildcardGrants).toEqual(
          (START_FUNCTION_KEYS as readonly string[]).includes(key)
            ? [backupRestore, callbacks]
            : key === 'reconcile-restores'
              ? [describeRestoreJob, callbacks]
              : [callbacks]
        );
      }
    });

    it("lets each function write logs only to its own log group, which the stack creates with 30 days' retention", () => {
      for (const key of FUNCTION_KEYS) {
        // Arrange
        const fn = resourceById(template, functionLogicalId(template, key));
        const [logGroupId, logGroup] =
          resourcesOfType(template, 'AWS::Logs::LogGroup').find(
            ([, group]) =>
              group.Properties.LogGroupName ===
              `/aws/lambda/${String(fn.Properties.FunctionName)}`
          ) ?? [];

        // Act
        const statements = statementsWith(template, key, 'logs:PutLogEvents');

        // Assert
        expect(logGroup?.Properties.RetentionInDays).toBe(30);
        expect(statements).toHaveLength(1);
        expect(statements[0]?.actions.toSorted()).toEqual([
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ]);
        expect(evaluate(statements[0]?.resources ?? [])).toEqual([
          `arn:aws:logs:eu-west-1:111122223333:log-group:\${${logGroupId}}:*`,
        ]);
      }
    });

    it('allows iam:PassRole only on the restore role and only to AWS Backup', () => {
      for (const key of START_FUNCTION_KEYS) {
        // Act
        const statements = statementsWith(template, key, 'iam:PassRole');

        // Assert
        expect(statements).toHaveLength(1);
        expect(statements[0]?.actions).toEqual(['iam:PassRole']);
        expect(evaluate(statements[0]?.resources ?? [])).toEqual([
          [DEFAULT_RESTORE_ROLE_ARN],
        ]);
        expect(statements[0]?.condition).toEqual({
          StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' },
        });
      }
    });

    it('lets neither track-restore nor reconcile-restores start a restore or pass a role', () => {
      for (const key of ['track-restore', 'reconcile-restores']) {
        // Act
        const actions = statementsOfFunction(template, key).flatMap(
          (s) => s.actions
        );

        // Assert
        expect(actions).not.toContain('iam:PassRole');
        expect(actions).not.toContain('backup:StartRestoreJob');
        expect(actions).not.toContain('dynamodb:DeleteItem');
      }
    });

    it('allows sns:Publish only on the topic and sqs:SendMessage only on the dead-letter queue', () => {
      for (const key of FUNCTION_KEYS) {
        // Act
        const publish = statementsWith(template, key, 'sns:Publish');
        const deadLetters = statementsWith(template, key, 'sqs:SendMessage');

        // Assert
        expect(publish).toEqual([
          {
            effect: 'Allow',
            actions: ['sns:Publish'],
            resources: [ref('RelayTopic')],
          },
        ]);
        expect(deadLetters).toEqual([
          {
            effect: 'Allow',
            actions: ['sqs:SendMessage'],
            resources: [getAtt('DeadLetterQueue', 'Arn')],
          },
        ]);
      }
    });

    it('gives the start functions the Powertools idempotency actions, on the table only', () => {
      for (const key of START_FUNCTION_KEYS) {
        // Act
        const table = statementsWith(template, key, 'dynamodb:PutItem');
        const allDynamoDbActions = statementsOfFunction(template, key).flatMap(
          (s) => s.actions.filter((a) => a.startsWith('dynamodb:'))
        );

        // Assert
        expect(table).toEqual([
          {
            effect: 'Allow',
            actions: [
              'dynamodb:GetItem',
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:DeleteItem',
            ],
            resources: [getAtt('RelayTable', 'Arn')],
          },
        ]);
        expect(allDynamoDbActions).toHaveLength(4);
      }
    });

    it('lets every function answer Step Functions task tokens, with the callback actions only', () => {
      for (const key of FUNCTION_KEYS) {
        // Act
        const callbacks = statementsOfFunction(template, key).filter((s) =>
          s.actions.some((a) => a.startsWith('states:'))
        );

        // Assert: SendTask* take no resource ARN (list_awsstepfunctions.html).
        expect(callbacks).toEqual([
          {
            effect: 'Allow',
            actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
            resources: ['*'],
          },
        ]);
      }
    });

    it('lets the lifecycle functions put events only on the outcome bus, and the start functions not at all', () => {
      for (const key of START_FUNCTION_KEYS) {
        expect(
          statementsOfFunction(template, key).filter((s) =>
            s.actions.some((a) => a.startsWith('events:'))
          )
        ).toEqual([]);
      }
      for (const key of LIFECYCLE_FUNCTION_KEYS) {
        // Act
        const events = statementsOfFunction(template, key).filter((s) =>
          s.actions.some((a) => a.startsWith('events:'))
        );

        // Assert
        expect(events).toHaveLength(1);
        expect(events[0]?.actions).toEqual(['events:PutEvents']);
        expect(evaluate(events[0]?.resources ?? [])).toEqual([
          eventBusArn('default'),
        ]);
      }
    });

    it('grants backup:DescribeRestoreJob to reconcile-restores only', () => {
      for (const key of FUNCTION_KEYS) {
        // Act
        const grants = statementsWith(
          template,
          key,
          'backup:DescribeRestoreJob'
        );

        // Assert
        expect(grants).toEqual(
          key === 'reconcile-restores'
            ? [
                {
                  effect: 'Allow',
                  actions: ['backup:DescribeRestoreJob'],
                  resources: ['*'],
                },
              ]
            : []
        );
      }
    });

    it('grants backup:ListRestoreJobs to the three start functions only, with the other restore actions', () => {
      for (const key of FUNCTION_KEYS) {
        // Act
        const grants = statementsWith(template, key, 'backup:ListRestoreJobs');

        // Assert: it finds the job of a token AWS replays without its id.
        expect(grants).toEqual(
          (START_FUNCTION_KEYS as readonly string[]).includes(key)
            ? [
                {
                  effect: 'Allow',
                  actions: [
                    'backup:DescribeRecoveryPoint',
                    'backup:GetRecoveryPointRestoreMetadata',
                    'backup:ListRecoveryPointsByResource',
                    'backup:ListRestoreJobs',
                    'backup:StartRestoreJob',
                  ],
                  resources: ['*'],
                },
              ]
            : []
        );
      }
    });

    /**
     * What both lifecycle functions need to announce an outcome: the topic,
     * the outcome bus, the callbacks, and the dead-letter queue.
     */
    const lifecycleAnnouncing = () => [
      {
        effect: 'Allow',
        actions: ['sns:Publish'],
        resources: [RESOURCE_REFS.RelayTopic],
      },
      {
        effect: 'Allow',
        actions: ['events:PutEvents'],
        resources: [eventBusArn('default')],
      },
      {
        effect: 'Allow',
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
        resources: ['*'],
      },
      {
        effect: 'Allow',
        actions: ['sqs:SendMessage'],
        resources: [getAtt('DeadLetterQueue', 'Arn')],
      },
    ];

    it('gives track-restore exactly its logs, job records, notifications, outcome events, callbacks and dead letters', () => {
      // Act
      const statements = evaluatedStatementsOf(template, 'track-restore');

      // Assert
      expect(statements).toEqual([
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [
            `arn:aws:logs:eu-west-1:111122223333:log-group:\${TrackDashrestoreLogGroup}:*`,
          ],
        },
        {
          effect: 'Allow',
          actions: [
            'dynamodb:GetItem',
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
          ],
          resources: [getAtt('RelayTable', 'Arn')],
        },
        ...lifecycleAnnouncing(),
      ]);
    });

    it('gives reconcile-restores exactly its logs, job records, the two open-job indexes, DescribeRestoreJob, notifications, outcome events, callbacks and dead letters', () => {
      // Act
      const statements = evaluatedStatementsOf(template, 'reconcile-restores');

      // Assert: Query on the check-queue and open-jobs indexes only, not on
      // the table or the by-request index.
      expect(statements).toEqual([
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [
            `arn:aws:logs:eu-west-1:111122223333:log-group:\${ReconcileDashrestoresLogGroup}:*`,
          ],
        },
        {
          effect: 'Allow',
          actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
          resources: [getAtt('RelayTable', 'Arn')],
        },
        {
          effect: 'Allow',
          actions: ['dynamodb:Query'],
          resources: [
            `\${RelayTable.Arn}/index/${CHECK_QUEUE_INDEX}`,
            `\${RelayTable.Arn}/index/${OPEN_JOBS_INDEX}`,
          ],
        },
        {
          effect: 'Allow',
          actions: ['backup:DescribeRestoreJob'],
          resources: ['*'],
        },
        ...lifecycleAnnouncing(),
      ]);
    });

    it("grants the SQS receive actions only to sqs-restore's role, on the request queue", () => {
      // Arrange
      const receiveActions = [
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ChangeMessageVisibility',
      ];

      // Act
      const grantsOf = (key: string) =>
        statementsOfFunction(template, key).filter((s) =>
          s.actions.some((a) => receiveActions.includes(a))
        );

      // Assert
      expect(grantsOf('sqs-restore')).toEqual([
        {
          effect: 'Allow',
          actions: receiveActions,
          resources: [getAtt('RequestQueue', 'Arn')],
        },
      ]);
      for (const key of FUNCTION_KEYS.filter((k) => k !== 'sqs-restore')) {
        expect(grantsOf(key)).toEqual([]);
      }
    });
  });

  it('outputs the queues, topic, table and function names', () => {
    // Act
    const outputs = Object.fromEntries(
      Object.entries(template.Outputs).map(([name, o]) => [name, o.Value])
    );

    // Assert
    expect(outputs).toMatchObject({
      RequestQueueUrl: ref('RequestQueue'),
      RequestQueueArn: getAtt('RequestQueue', 'Arn'),
      DeadLetterQueueUrl: ref('DeadLetterQueue'),
      TopicArn: ref('RelayTopic'),
      TableName: ref('RelayTable'),
      SqsRestoreFunctionName: ref(functionLogicalId(template, 'sqs-restore')),
      EventRestoreFunctionName: ref(
        functionLogicalId(template, 'event-restore')
      ),
      InvokeRestoreFunctionName: ref(
        functionLogicalId(template, 'invoke-restore')
      ),
      TrackRestoreFunctionName: ref(
        functionLogicalId(template, 'track-restore')
      ),
      ReconcileRestoresFunctionName: ref(
        functionLogicalId(template, 'reconcile-restores')
      ),
    });
    expect(functionLogicalId(template, 'track-restore')).toBe(
      'TrackDashrestoreLambdaFunction'
    );
    expect(functionLogicalId(template, 'reconcile-restores')).toBe(
      'ReconcileDashrestoresLambdaFunction'
    );
  });
});

describe('the packaged serverless template with --param overrides', () => {
  const roleA = 'arn:aws:iam::111122223333:role/a';
  const roleB = 'arn:aws:iam::111122223333:role/b';
  let packaged: PackagedService;
  let template: CfnTemplate;

  beforeAll(async () => {
    packaged = await packageService({
      params: {
        restoreRoles: `${roleA},${roleB}`,
        defaultRestoreRole: 'b',
        eventBusName: 'restore-requests',
        eventSource: 'orders.app,billing.app',
        maximumConcurrency: '3',
        outcomeEventBusName: 'restore-outcomes',
        outcomeEventSource: 'restore-relay.prod',
        reportAllJobs: 'true',
        reconcileSchedule: 'rate(10 minutes)',
        reconcileAfterSeconds: '600',
        staleAfterSeconds: '43200',
        reconcileMaxJobs: '50',
        requestSenderAccounts: '444455556666,777788889999',
      },
    });
    template = packaged.template;
  }, PACKAGE_TIMEOUT_MS);

  afterAll(async () => {
    await packaged?.cleanup();
  });

  it('allows iam:PassRole on every listed restore role and on no other', () => {
    for (const key of START_FUNCTION_KEYS) {
      // Act
      const [statement] = statementsWith(template, key, 'iam:PassRole');

      // Assert
      expect(evaluate(statement?.resources ?? [])).toEqual([[roleA, roleB]]);
      expect(statement?.condition).toEqual({
        StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' },
      });
    }
  });

  it('hands the same roles and the chosen default to the functions, which the relay config accepts', () => {
    // Arrange
    const environment = environmentOf(template, 'sqs-restore');

    // Act
    const config = parseConfig(SqsRestoreConfigSchema, {
      ...environment,
      AWS_REGION: 'eu-west-1',
    });

    // Assert
    expect(environment.RESTORE_ROLES).toBe(`${roleA},${roleB}`);
    expect(environment.DEFAULT_RESTORE_ROLE).toBe('b');
    expect(config.policy.defaultRestoreRole).toBe('b');
    expect([...config.policy.restoreRoles]).toEqual([
      ['a', roleA],
      ['b', roleB],
    ]);
  });

  it('listens for every configured source on the configured bus, and lets its rule write dead letters', () => {
    // Arrange
    const [requested] = resourcesOfType(template, 'AWS::Events::Rule').filter(
      ([, rule]) =>
        rule.Properties.Name === 'restore-relay-ci-restore-requested'
    );
    const policy = resourceById(template, 'DeadLetterQueuePolicy');
    const [statement] = statementsOf(policy.Properties.PolicyDocument);

    // Act
    const sourceArns = sourceArnsOf(statement, template);

    // Assert
    expect(requested?.[1].Properties.EventBusName).toBe('restore-requests');
    expect(evaluate(requested?.[1].Properties.EventPattern ?? null)).toEqual({
      source: ['orders.app', 'billing.app'],
      'detail-type': ['Restore Requested'],
    });
    expect(sourceArns).toContain(
      'arn:aws:events:eu-west-1:111122223333:rule/restore-requests/restore-relay-ci-restore-requested'
    );
    expect(sourceArns).toEqual(expect.arrayContaining(ruleArnsOf(template)));
    expect(environmentOf(template, 'event-restore').RELAY_EVENT_SOURCES).toBe(
      'orders.app,billing.app'
    );
  });

  it('lets the listed accounts send requests too, and still nobody without TLS', () => {
    // Act
    const statements = requestQueueStatementsOf(template);

    // Assert
    expect(statements).toEqual([
      {
        effect: 'Deny',
        principal: '*',
        actions: ['sqs:SendMessage'],
        resources: [getAtt('RequestQueue', 'Arn')],
        condition: {
          StringNotEquals: {
            'aws:PrincipalAccount': [
              '111122223333',
              '444455556666',
              '777788889999',
            ],
          },
        },
      },
      {
        effect: 'Deny',
        principal: '*',
        actions: ['sqs:*'],
        resources: [getAtt('RequestQueue', 'Arn')],
        condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        effect: 'Allow',
        principal: { AWS: ['444455556666', '777788889999'] },
        actions: ['sqs:SendMessage'],
        resources: [getAtt('RequestQueue', 'Arn')],
      },
    ]);
  });

  it('caps the SQS poller at the configured concurrency', () => {
    // Act
    const [mapping] = resourcesOfType(
      template,
      'AWS::Lambda::EventSourceMapping'
    );

    // Assert
    expect(mapping?.[1].Properties.ScalingConfig).toEqual({
      MaximumConcurrency: 3,
    });
  });

  it('keeps the outcome rule on the default bus, where AWS Backup sends its events, and lets it write dead letters', () => {
    // Arrange
    const [outcome] = patternRulesOf(template).filter(
      ([, rule]) => rule.Properties.Name === OUTCOME_RULE_NAME
    );
    const policy = resourceById(template, 'DeadLetterQueuePolicy');
    const [statement] = statementsOf(policy.Properties.PolicyDocument);

    // Act
    const sourceArns = sourceArnsOf(statement, template);

    // Assert
    expect(outcome?.[1].Properties.EventBusName).toBeUndefined();
    expect(outcome?.[1].Properties.EventPattern).toEqual(
      RESTORE_JOB_OUTCOME_PATTERN
    );
    expect(sourceArns).toContain(defaultBusRuleArn(OUTCOME_RULE_NAME));
    expect(sourceArns).toHaveLength(4);
  });

  it('lets the lifecycle functions put events on the configured outcome bus and on no other', () => {
    for (const key of LIFECYCLE_FUNCTION_KEYS) {
      // Act
      const statements = statementsWith(template, key, 'events:PutEvents');

      // Assert
      expect(statements).toHaveLength(1);
      expect(evaluate(statements[0]?.resources ?? [])).toEqual([
        eventBusArn('restore-outcomes'),
      ]);
    }
  });

  it('hands the outcome settings to the outcome functions, and the reconcile settings to reconcile-restores', () => {
    // Act
    const track = environmentOf(template, 'track-restore');
    const reconcile = environmentOf(template, 'reconcile-restores');

    // Assert
    const outcome = {
      OUTCOME_EVENT_BUS_NAME: 'restore-outcomes',
      OUTCOME_EVENT_SOURCE: 'restore-relay.prod',
      REPORT_ALL_JOBS: 'true',
    };
    expect(track).toMatchObject(outcome);
    expect(reconcile).toMatchObject({
      ...outcome,
      RECONCILE_AFTER_SECONDS: '600',
      STALE_AFTER_SECONDS: '43200',
      RECONCILE_MAX_JOBS: '50',
    });
    expect(Object.keys(track)).not.toContain('RECONCILE_MAX_JOBS');
  });

  it('runs reconcile-restores on the configured schedule', () => {
    // Act
    const rules = scheduleRulesOf(template);

    // Assert
    expect(rules).toHaveLength(1);
    expect(rules[0]?.[1].Properties.ScheduleExpression).toBe(
      'rate(10 minutes)'
    );
  });
});
