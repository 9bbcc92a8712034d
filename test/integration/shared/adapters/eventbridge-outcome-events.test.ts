import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { EventBridgeOutcomeEvents } from '#shared/adapters/eventbridge-outcome-events';
import {
  AwsRequestRejectedError,
  DependencyFailureError,
  RestoreThrottledError,
} from '#shared/errors/errors';
import { buildRestoreOutcome } from '#shared/events/restore-outcome';
import { useLocalAws } from '#test/support/local/use-local-aws';

const local = useLocalAws();

const failed = buildRestoreOutcome('ABORTED', {
  requestId: 'inc-42',
  restoreJobId: 'J-1',
  source: 'sqs',
  status: 'ABORTED',
  statusMessage: 'aborted by an operator',
  detectedBy: 'event',
  reportedAt: '2026-03-01T05:00:00.000Z',
  context: {},
});

const adapter = (busName: string) =>
  new EventBridgeOutcomeEvents({
    client: new EventBridgeClient({ maxAttempts: 1 }),
    busName,
    source: 'acme.restore-relay',
  });

describe('EventBridgeOutcomeEvents on the local AWS', () => {
  it('puts the notification as the detail, from the source, on the configured bus', async () => {
    // Arrange
    local().events.createEventBus('restore-outcomes');

    // Act
    await adapter('restore-outcomes').put(failed);

    // Assert
    expect(local().events.events('default')).toEqual([]);
    expect(local().events.events('restore-outcomes')).toEqual([
      expect.objectContaining({
        source: 'acme.restore-relay',
        'detail-type': 'Restore Failed',
        detail: failed,
      }),
    ]);
  });

  it.each([
    ['ThrottlingException', RestoreThrottledError],
    ['InternalFailure', DependencyFailureError],
    ['AccessDeniedException', AwsRequestRejectedError],
  ])(
    'turns a failed entry (%s, HTTP 200) into %s',
    async (errorCode, errorClass) => {
      // Arrange
      local().events.configure({ failEntries: { errorCode, count: 1 } });

      // Act
      const result = adapter('default').put(failed);

      // Assert
      await expect(result).rejects.toBeInstanceOf(errorClass);
      expect(local().events.events()).toEqual([]);
    }
  );
});
