import { describe, expect, it } from 'vitest';
import {
  AwsRequestRejectedError,
  DependencyFailureError,
} from '#shared/errors/errors';
import { buildRestoreOutcome } from '#shared/events/restore-outcome';
import { announceOutcome } from '#shared/use-cases/announce-outcome';
import { InMemoryNotifier } from '#test/support/fakes/in-memory-notifier';
import { InMemoryOutcomeEvents } from '#test/support/fakes/in-memory-outcome-events';
import { InMemoryTaskCallbacks } from '#test/support/fakes/in-memory-task-callbacks';
import { MemoryLog } from '#test/support/fakes/memory-log';

const outcome = buildRestoreOutcome('COMPLETED', {
  requestId: 'inc-42',
  restoreJobId: 'J-1',
  source: 'sqs',
  status: 'COMPLETED',
  detectedBy: 'event',
  reportedAt: '2026-03-01T05:00:00.000Z',
  context: {},
});

const setup = () => ({
  notifier: new InMemoryNotifier(),
  outcomeEvents: new InMemoryOutcomeEvents(),
  callbacks: new InMemoryTaskCallbacks(),
  log: new MemoryLog(),
});

describe('announceOutcome', () => {
  it('publishes to SNS, puts on the bus and answers every token', async () => {
    // Arrange
    const deps = setup();

    // Act
    await announceOutcome(outcome, ['t-1', 't-2'], deps);

    // Assert
    expect(deps.notifier.published).toEqual([outcome]);
    expect(deps.outcomeEvents.events).toEqual([outcome]);
    expect(deps.callbacks.answers.map((a) => a.taskToken)).toEqual([
      't-1',
      't-2',
    ]);
  });

  it('tries every channel, then throws a retryable failure', async () => {
    // Arrange
    const deps = setup();
    deps.notifier.failures.push(new DependencyFailureError('SNS down'));

    // Act
    const result = announceOutcome(outcome, ['t-1'], deps);

    // Assert
    await expect(result).rejects.toBeInstanceOf(DependencyFailureError);
    expect(deps.outcomeEvents.events).toEqual([outcome]);
    expect(deps.callbacks.answers).toHaveLength(1);
  });

  it('logs a permanent refusal of one channel and does not throw', async () => {
    // Arrange
    const deps = setup();
    deps.outcomeEvents.failures.push(
      new AwsRequestRejectedError(
        'EventBridge PutEvents was rejected (AccessDenied)'
      )
    );

    // Act
    await announceOutcome(outcome, [], deps);

    // Assert
    expect(deps.notifier.published).toEqual([outcome]);
    expect(deps.log.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'outcome channel refused the notification',
        attributes: expect.objectContaining({
          channel: 'eventbridge',
          errorCode: 'AwsRequestRejected',
        }),
      }),
    ]);
  });

  it('skips a task that no longer waits, and still answers the others', async () => {
    // Arrange
    const deps = setup();
    deps.callbacks.gone.add('t-old');

    // Act
    await announceOutcome(outcome, ['t-old', 't-new'], deps);

    // Assert
    expect(deps.callbacks.answers.map((a) => a.taskToken)).toEqual(['t-new']);
  });
});
