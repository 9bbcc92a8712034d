import { describe, expect, it } from 'vitest';
import { AlarmRulesSchema } from '#shared/config/alarm-rules';
import { parseConfig } from '#shared/config/load-config';
import { ConfigInvalidError } from '#shared/errors/errors';
import { RELAY_ENV } from '#test/support/relay-env';
import { EventRestoreConfigSchema } from '../../../../functions/event-restore/config.js';

const ORDERS_DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94';

const configErrorOf = (rules: unknown): ConfigInvalidError => {
  try {
    parseConfig(EventRestoreConfigSchema, {
      ...RELAY_ENV,
      ALARM_RULES: JSON.stringify(rules),
    });
  } catch (error) {
    if (error instanceof ConfigInvalidError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigInvalidError');
};

const issuesOf = (raw: string): string[] => {
  const result = AlarmRulesSchema.safeParse(raw);
  if (result.success) {
    throw new Error('expected the rules to be refused');
  }
  return result.error.issues.map((issue) => issue.message);
};

describe('ALARM_RULES', () => {
  it('defaults to no rules', () => {
    // Arrange
    const env = { ...RELAY_ENV };

    // Act
    const config = parseConfig(EventRestoreConfigSchema, env);

    // Assert
    expect(config.alarmRules).toEqual([]);
  });

  it('parses an exact-name rule with the defaults filled in', () => {
    // Arrange
    const rules = [
      {
        alarmName: 'orders-db-connection-failures',
        request: { resourceArn: ORDERS_DB },
      },
    ];

    // Act
    const config = parseConfig(EventRestoreConfigSchema, {
      ...RELAY_ENV,
      ALARM_RULES: JSON.stringify(rules),
    });

    // Assert
    expect(config.alarmRules).toEqual([
      {
        alarmName: 'orders-db-connection-failures',
        beforeAlarm: false,
        marginMinutes: 0,
        ignoreSuppressed: true,
        ignoreMuted: true,
        coolDownMinutes: 60,
        request: { resourceArn: ORDERS_DB },
      },
    ]);
  });

  it('parses a prefix rule and keeps its template as written', () => {
    // Arrange
    const raw = JSON.stringify([
      {
        alarmNamePrefix: 'orders-db-',
        beforeAlarm: true,
        marginMinutes: 15,
        request: {
          resourceArn: ORDERS_DB,
          resourceType: 'rds',
          selection: { vaults: ['prod-primary'] },
          context: { runbook: 'orders-db-restore' },
        },
      },
    ]);

    // Act
    const rules = AlarmRulesSchema.parse(raw);

    // Assert
    expect(rules).toEqual([
      {
        alarmNamePrefix: 'orders-db-',
        beforeAlarm: true,
        marginMinutes: 15,
        ignoreSuppressed: true,
        ignoreMuted: true,
        coolDownMinutes: 60,
        request: {
          resourceArn: ORDERS_DB,
          resourceType: 'rds',
          selection: { vaults: ['prod-primary'] },
          context: { runbook: 'orders-db-restore' },
        },
      },
    ]);
    expect(rules[0]).not.toHaveProperty('alarmName');
  });

  it('accepts an explicit recovery point template without beforeAlarm', () => {
    // Arrange
    const raw = JSON.stringify([
      {
        alarmName: 'orders-db-corruption',
        request: { recoveryPointArn: RP, backupVaultName: 'prod-primary' },
      },
    ]);

    // Act
    const rules = AlarmRulesSchema.parse(raw);

    // Assert
    expect(rules[0]?.request).toEqual({
      recoveryPointArn: RP,
      backupVaultName: 'prod-primary',
    });
  });

  it.each([
    [
      'both alarmName and alarmNamePrefix',
      {
        alarmName: 'orders-db-connection-failures',
        alarmNamePrefix: 'orders-db-',
        request: { resourceArn: ORDERS_DB },
      },
    ],
    [
      'neither alarmName nor alarmNamePrefix',
      { request: { resourceArn: ORDERS_DB } },
    ],
  ])('refuses a rule with %s', (_case, rule) => {
    // Act
    const error = configErrorOf([rule]);

    // Assert
    expect(error.message).toContain('ALARM_RULES');
    expect(error.message).toContain(
      '[0.alarmName] give exactly one of alarmName or alarmNamePrefix'
    );
  });

  it('refuses a template with a requestId, which comes from the alarm', () => {
    // Arrange
    const rules = [
      {
        alarmName: 'orders-db-connection-failures',
        request: { requestId: 'fixed', resourceArn: ORDERS_DB },
      },
    ];

    // Act
    const error = configErrorOf(rules);

    // Assert
    expect(error.message).toContain('[0.request.requestId]');
    expect(error.message).toContain('derived from the alarm ARN');
  });

  it('names the template path of an unknown field such as IamRoleArn', () => {
    // Arrange
    const raw = JSON.stringify([
      {
        alarmName: 'orders-db-connection-failures',
        request: {
          resourceArn: ORDERS_DB,
          IamRoleArn: 'arn:aws:iam::111122223333:role/admin',
        },
      },
    ]);

    // Act
    const messages = issuesOf(raw);

    // Assert
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^\[0\.request\.IamRoleArn\] unknown field/);
  });

  it('names request.recoveryPointArn when the template has no recovery point', () => {
    // Arrange
    const rules = [
      { alarmNamePrefix: 'orders-', request: { resourceType: 'RDS' } },
    ];

    // Act
    const error = configErrorOf(rules);

    // Assert
    expect(error.message).toContain(
      '[0.request.recoveryPointArn] a recovery point is required'
    );
  });

  it('names the index of the bad rule among good ones', () => {
    // Arrange
    const rules = [
      { alarmName: 'a', request: { resourceArn: ORDERS_DB } },
      {
        alarmName: 'b',
        request: { resourceArn: ORDERS_DB, selection: { before: 'soon' } },
      },
    ];

    // Act
    const error = configErrorOf(rules);

    // Assert
    expect(error.message).toContain('[1.request.selection.before]');
    expect(error.message).not.toContain('[0.');
  });

  it('refuses beforeAlarm with an explicit recoveryPointArn', () => {
    // Arrange
    const rules = [
      {
        alarmName: 'orders-db-connection-failures',
        beforeAlarm: true,
        request: { recoveryPointArn: RP, backupVaultName: 'prod-primary' },
      },
    ];

    // Act
    const error = configErrorOf(rules);

    // Assert
    expect(error.message).toContain('[0.beforeAlarm] needs a resourceArn');
  });

  it.each([
    ['a negative margin', { marginMinutes: -1 }, '[0.marginMinutes]'],
    [
      'a margin over a week',
      { marginMinutes: 7 * 24 * 60 + 1 },
      '[0.marginMinutes]',
    ],
    [
      'an unknown rule field',
      { alarmArn: 'x' },
      '[0] Unrecognized key: "alarmArn"',
    ],
    ['an empty alarm name', { alarmName: '' }, '[0.alarmName]'],
  ])('refuses %s', (_case, change, path) => {
    // Arrange
    const rule = {
      alarmName: 'orders-db-connection-failures',
      request: { resourceArn: ORDERS_DB },
      ...change,
    };

    // Act
    const error = configErrorOf([rule]);

    // Assert
    expect(error.message).toContain(path);
  });

  it('keeps ignoreSuppressed and ignoreMuted as written', () => {
    // Arrange
    const raw = JSON.stringify([
      {
        alarmName: 'orders-db-unhealthy',
        ignoreSuppressed: false,
        ignoreMuted: false,
        request: { resourceArn: ORDERS_DB },
      },
    ]);

    // Act
    const rules = AlarmRulesSchema.parse(raw);

    // Assert
    expect(rules[0]).toMatchObject({
      ignoreSuppressed: false,
      ignoreMuted: false,
    });
  });

  it.each([
    ['ignoreSuppressed', 'no'],
    ['ignoreMuted', 1],
    ['ignoreMuted', null],
  ])('refuses %s: %j, naming the field', (field, value) => {
    // Arrange
    const rule = {
      alarmName: 'orders-db-connection-failures',
      request: { resourceArn: ORDERS_DB },
      [field]: value,
    };

    // Act
    const error = configErrorOf([rule]);

    // Assert
    expect(error).toBeInstanceOf(ConfigInvalidError);
    expect(error.message).toContain(`[0.${field}]`);
    expect(error.message).toContain('expected boolean');
  });

  it.each([0, 1, 7 * 24 * 60])(
    'accepts coolDownMinutes %i',
    (coolDownMinutes) => {
      // Arrange
      const raw = JSON.stringify([
        {
          alarmName: 'orders-db-flapping',
          coolDownMinutes,
          request: { resourceArn: ORDERS_DB },
        },
      ]);

      // Act
      const rules = AlarmRulesSchema.parse(raw);

      // Assert
      expect(rules[0]?.coolDownMinutes).toBe(coolDownMinutes);
    }
  );

  it.each([
    ['a negative cool-down', -1, 'Too small'],
    ['a cool-down over a week', 7 * 24 * 60 + 1, 'Too big'],
    ['a fractional cool-down', 2.5, 'expected int'],
    ['a cool-down as text', '60', 'expected number'],
  ])('refuses %s, naming coolDownMinutes', (_case, coolDownMinutes, why) => {
    // Arrange
    const rule = {
      alarmName: 'orders-db-connection-failures',
      coolDownMinutes,
      request: { resourceArn: ORDERS_DB },
    };

    // Act
    const error = configErrorOf([rule]);

    // Assert
    expect(error).toBeInstanceOf(ConfigInvalidError);
    expect(error.message).toContain('ALARM_RULES');
    expect(error.message).toContain('[0.coolDownMinutes]');
    expect(error.message).toContain(why);
  });

  // The template is validated with the largest alarm block an alarm can
  // add, so a context that fits alone but not with the alarm fails at cold
  // start, not when the alarm fires.
  it('refuses a template whose context leaves no room for the alarm block', () => {
    // Arrange: 4011 bytes of context alone, under MAX_CONTEXT_BYTES.
    const rules = [
      {
        alarmName: 'orders-db-connection-failures',
        request: {
          resourceArn: ORDERS_DB,
          context: { note: 'x'.repeat(4000) },
        },
      },
    ];

    // Act
    const result = AlarmRulesSchema.safeParse(JSON.stringify(rules));

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('context');
  });

  it('refuses a value that is not JSON with a clear message', () => {
    // Arrange
    const env = { ...RELAY_ENV, ALARM_RULES: '[{alarmName: orders}]' };

    // Act
    const act = () => parseConfig(EventRestoreConfigSchema, env);

    // Assert
    expect(act).toThrow(ConfigInvalidError);
    expect(act).toThrow('ALARM_RULES: is not valid JSON');
  });

  it('refuses JSON that is not an array of rules', () => {
    // Arrange
    const raw = '{"alarmName":"orders-db-connection-failures"}';

    // Act
    const messages = issuesOf(raw);

    // Assert
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^\[\] .*expected array/);
  });
});
