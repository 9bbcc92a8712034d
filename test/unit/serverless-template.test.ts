import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
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
// reliability-and-limits.md §6 and house-style.md §17. Packaging runs osls
// offline with fake credentials (toolchain.md §2.2).
const PACKAGE_TIMEOUT_MS = 120_000;

const FUNCTION_KEYS = ['sqs-restore', 'event-restore', 'invoke-restore'];

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

/** The ARNs of the EventBridge rules, as osls grants them the invoke. */
const ruleArnsOf = (template: CfnTemplate): Json[] =>
  resourcesOfType(template, 'AWS::Lambda::Permission')
    .filter(([, p]) => p.Properties.Principal === 'events.amazonaws.com')
    .map(([, p]) => evaluate(p.Properties.SourceArn ?? null));

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
    it('runs every function on nodejs22.x on arm64', () => {
      // Act
      const functions = resourcesOfType(template, 'AWS::Lambda::Function');

      // Assert
      expect(functions).toHaveLength(FUNCTION_KEYS.length);
      for (const [, fn] of functions) {
        expect(fn.Properties.Runtime).toBe('nodejs22.x');
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

    it('sets the timeouts: 60 s for sqs-restore and event-restore, 30 s for invoke-restore', () => {
      // Act
      const timeoutOf = (key: string) =>
        resourceById(template, functionLogicalId(template, key)).Properties
          .Timeout;

      // Assert
      expect(timeoutOf('sqs-restore')).toBe(60);
      expect(timeoutOf('event-restore')).toBe(60);
      expect(timeoutOf('invoke-restore')).toBe(30);
    });

    it('gives every function the same environment, which the relay config accepts', () => {
      // Arrange
      const environments = FUNCTION_KEYS.map((key) =>
        environmentOf(template, key)
      );
      const [environment] = environments;

      // Act
      const config = parseConfig({ ...environment, AWS_REGION: 'eu-west-1' });

      // Assert
      for (const other of environments) {
        expect(other).toEqual(environment);
      }
      expect(environment).toMatchObject({
        RELAY_TABLE_NAME: RESOURCE_REFS.RelayTable,
        RELAY_TOPIC_ARN: RESOURCE_REFS.RelayTopic,
        RELAY_DLQ_URL: RESOURCE_REFS.DeadLetterQueue,
        RESTORE_ROLES: DEFAULT_RESTORE_ROLE_ARN,
        DEFAULT_RESTORE_ROLE: '',
        ALLOWED_VAULTS: '*',
        ALLOWED_RESOURCE_TYPES: '*',
        ALARM_RULES: '[]',
        RELAY_EVENT_SOURCES: 'restore-relay',
        RECORD_CONCURRENCY: '2',
        ACCOUNT_ID: '111122223333',
        POWERTOOLS_SERVICE_NAME: 'restore-relay',
        POWERTOOLS_METRICS_NAMESPACE: 'RestoreRelay',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        AWS_SDK_REQUEST_TIMEOUT_MS: '5000',
        AWS_SDK_CONNECTION_TIMEOUT_MS: '1000',
        AWS_SDK_MAX_ATTEMPTS: '3',
      });
      expect(config.policy.defaultRestoreRole).toBe(
        'AWSBackupDefaultServiceRole'
      );
      expect([...config.policy.restoreRoles.values()]).toEqual([
        DEFAULT_RESTORE_ROLE_ARN,
      ]);
      expect(config.policy.forbiddenOverrides.get('RDS')).toEqual([
        { key: 'PubliclyAccessible' },
      ]);
    });
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
  });

  describe('the EventBridge entry point', () => {
    const rulesByName = () =>
      new Map(
        resourcesOfType(template, 'AWS::Events::Rule').map(([, rule]) => [
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
      expect(rules.size).toBe(2);
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

    it('retries each rule target explicitly and keeps what it cannot deliver in the dead-letter queue', () => {
      // Act
      const targets = resourcesOfType(template, 'AWS::Events::Rule').flatMap(
        ([, rule]) => rule.Properties.Targets as Json[]
      );

      // Assert
      expect(targets).toHaveLength(2);
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
      expect(sourceArns).toEqual(expect.arrayContaining(ruleArnsOf(template)));
      expect(sourceArns).toHaveLength(2);
    });

    it('sends failed asynchronous invocations to the dead-letter queue after 2 retries within 6 hours', () => {
      // Arrange
      const configs = new Map(
        resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').map(
          ([, c]) => [JSON.stringify(c.Properties.FunctionName), c.Properties]
        )
      );
      const configOf = (key: string) =>
        configs.get(JSON.stringify(ref(functionLogicalId(template, key))));

      // Act
      const eventRestore = configOf('event-restore');
      const invokeRestore = configOf('invoke-restore');

      // Assert
      expect(eventRestore).toMatchObject({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 21600,
        DestinationConfig: {
          OnFailure: { Destination: getAtt('DeadLetterQueue', 'Arn') },
        },
      });
      expect(invokeRestore).toMatchObject({
        DestinationConfig: {
          OnFailure: { Destination: getAtt('DeadLetterQueue', 'Arn') },
        },
      });
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
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
      expect(table.Properties.KeySchema).toHaveLength(1);
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

    it('never grants a wildcard action, and grants Resource * only for AWS Backup reads and StartRestoreJob', () => {
      for (const key of FUNCTION_KEYS) {
        // Act
        const statements = statementsOfFunction(template, key);

        // Assert
        for (const statement of statements) {
          expect(statement.effect).toBe('Allow');
          for (const action of statement.actions) {
            expect(action).not.toContain('*');
          }
          if (statement.resources.includes('*')) {
            expect(statement.actions.toSorted()).toEqual([
              'backup:DescribeRecoveryPoint',
              'backup:GetRecoveryPointRestoreMetadata',
              'backup:ListRecoveryPointsByResource',
              'backup:StartRestoreJob',
            ]);
          }
        }
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
      for (const key of FUNCTION_KEYS) {
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

    it('allows sns:Publish only on the topic, DynamoDB only on the table and sqs:SendMessage only on the dead-letter queue', () => {
      for (const key of FUNCTION_KEYS) {
        // Act
        const publish = statementsWith(template, key, 'sns:Publish');
        const table = statementsWith(template, key, 'dynamodb:PutItem');
        const deadLetters = statementsWith(template, key, 'sqs:SendMessage');
        const allDynamoDbActions = statementsOfFunction(template, key).flatMap(
          (s) => s.actions.filter((a) => a.startsWith('dynamodb:'))
        );

        // Assert
        expect(publish).toEqual([
          {
            effect: 'Allow',
            actions: ['sns:Publish'],
            resources: [ref('RelayTopic')],
          },
        ]);
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
        expect(deadLetters).toEqual([
          {
            effect: 'Allow',
            actions: ['sqs:SendMessage'],
            resources: [getAtt('DeadLetterQueue', 'Arn')],
          },
        ]);
      }
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
      expect(grantsOf('event-restore')).toEqual([]);
      expect(grantsOf('invoke-restore')).toEqual([]);
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
    });
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
      },
    });
    template = packaged.template;
  }, PACKAGE_TIMEOUT_MS);

  afterAll(async () => {
    await packaged?.cleanup();
  });

  it('allows iam:PassRole on every listed restore role and on no other', () => {
    for (const key of FUNCTION_KEYS) {
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
    const config = parseConfig({ ...environment, AWS_REGION: 'eu-west-1' });

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
    const [, policy] =
      resourcesOfType(template, 'AWS::SQS::QueuePolicy')[0] ?? [];
    const [statement] = statementsOf(policy?.Properties.PolicyDocument);

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
});
