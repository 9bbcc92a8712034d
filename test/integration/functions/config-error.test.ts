import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/errors/config-error';
import { deadLetters, notifications } from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import {
  restoreRequestedEvent,
  sqsEvent,
  sqsRecord,
} from '#test/support/lambda-events';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { handler as eventHandler } from '../../../functions/event-restore/handler.js';
import { handler as invokeHandler } from '../../../functions/invoke-restore/handler.js';
import { handler as reconcileHandler } from '../../../functions/reconcile-restores/handler.js';
import { handler as sqsHandler } from '../../../functions/sqs-restore/handler.js';

// A deployment with a broken alarm rule: every function must refuse to work.
const local = useLocalAws({
  ...RELAY_ENV,
  ALARM_RULES: '[{"alarmNamePrefix":"orders-","request":{"IamRoleArn":"x"}}]',
});

const request = {
  requestId: 'cfg-1',
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
  backupVaultName: 'prod-primary',
};

describe('a misconfigured deployment', () => {
  it.each([
    [
      'sqs-restore',
      () => sqsHandler(sqsEvent(sqsRecord(request)), lambdaContext()),
    ],
    [
      'event-restore',
      () => eventHandler(restoreRequestedEvent(request), lambdaContext()),
    ],
    ['invoke-restore', () => invokeHandler(request, lambdaContext())],
    ['reconcile-restores', () => reconcileHandler({}, lambdaContext())],
  ])(
    '%s fails with ConfigError and turns no request into a rejection',
    async (name, run) => {
      // Act
      const error = (await run().catch((e: unknown) => e)) as Error;

      // Assert: the invoke source names it by its code, for Step Functions.
      const invoked = name === 'invoke-restore';
      expect(invoked ? error.cause : error).toBeInstanceOf(ConfigError);
      expect(error.name).toBe(invoked ? 'ConfigInvalid' : 'ConfigError');
      expect(error.message).toContain(
        'ALARM_RULES: [0.request.IamRoleArn] unknown field'
      );
      expect(local().backup.calls).toHaveLength(0);
      expect(local().events.events()).toEqual([]);
      expect(notifications(local())).toEqual([]);
      expect(deadLetters(local())).toEqual([]);
    }
  );
});
