import { describe, expect, it } from 'vitest';
import { ConfigInvalidError } from '#shared/errors/errors';
import type { RestoreJobStateChange } from '#shared/events/restore-job-state-change';
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
import { handler as trackHandler } from '../../../functions/track-restore/handler.js';

// A deployment with one wrong variable per function group: each function
// reads only its own schema (functions/<name>/config.ts), so each fails on
// the variables it reads, and names them.
const local = useLocalAws({
  ...RELAY_ENV,
  ALARM_RULES: '[{"alarmNamePrefix":"orders-","request":{"IamRoleArn":"x"}}]',
  START_RATE_PER_SECOND: '0',
  RECONCILE_MAX_JOBS: '5000',
  REPORT_ALL_JOBS: 'yes',
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
      ['START_RATE_PER_SECOND'],
      () => sqsHandler(sqsEvent(sqsRecord(request)), lambdaContext()),
    ],
    [
      'event-restore',
      [
        'START_RATE_PER_SECOND',
        'ALARM_RULES: [0.request.IamRoleArn] unknown field',
      ],
      () => eventHandler(restoreRequestedEvent(request), lambdaContext()),
    ],
    [
      'invoke-restore',
      ['START_RATE_PER_SECOND'],
      () => invokeHandler(request, lambdaContext()),
    ],
    [
      'track-restore',
      ['REPORT_ALL_JOBS'],
      // Never read: the configuration fails before the parser runs.
      () => trackHandler({} as RestoreJobStateChange, lambdaContext()),
    ],
    [
      'reconcile-restores',
      ['RECONCILE_MAX_JOBS', 'REPORT_ALL_JOBS'],
      () => reconcileHandler({}, lambdaContext()),
    ],
  ])(
    '%s fails with ConfigInvalidError naming %j, and turns no request into a rejection',
    async (name, variables, run) => {
      // Act
      const error = (await run().catch((e: unknown) => e)) as Error;

      // Assert: the invoke source names it by its code, for Step Functions.
      const invoked = name === 'invoke-restore';
      expect(invoked ? error.cause : error).toBeInstanceOf(ConfigInvalidError);
      expect(error.name).toBe(invoked ? 'ConfigInvalid' : 'ConfigInvalidError');
      for (const variable of variables) {
        expect(error.message).toContain(variable);
      }
      // Only what the function reads: no other group's variable is named.
      for (const other of [
        'ALARM_RULES',
        'RECONCILE_MAX_JOBS',
        'REPORT_ALL_JOBS',
        'START_RATE_PER_SECOND',
      ]) {
        if (!variables.some((v) => v.startsWith(other))) {
          expect(error.message).not.toContain(other);
        }
      }
      expect(local().backup.calls).toHaveLength(0);
      expect(local().events.events()).toEqual([]);
      expect(notifications(local())).toEqual([]);
      expect(deadLetters(local())).toEqual([]);
    }
  );
});
