import {
  BackupClient,
  DescribeRestoreJobCommand,
  type DescribeRestoreJobCommandOutput,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RESTORE_JOB_OUTCOME_PATTERN,
  RestoreJobStateChangeSchema,
} from '#shared/events/restore-job-state-change';
import {
  type BackupEmulator,
  startBackupEmulator,
} from '#test/support/emulators/backup/backup-emulator';
import {
  DEFAULT_SEED_FILE,
  loadBackupSeed,
} from '#test/support/emulators/backup/backup-seed';
import type {
  BackupEventDelivery,
  BackupRestoreJobEvent,
  BackupRestoreJobStatusDetail,
} from '#test/support/emulators/backup/restore-job-events';
import { createClock } from '#test/support/emulators/emulator-clock';
import type { EventPattern } from '#test/support/emulators/event-pattern';
import { rejectionOf } from '#test/support/rejection-of';
import {
  controlClient,
  emulatorClientConfig,
  SdkClients,
} from './emulator-test-kit.js';

/** Emulator clock start; the milliseconds show where `time` drops them. */
const START = Date.parse('2026-11-28T09:00:00.250Z');
const ACCOUNT = '111122223333';
const ROLE = 'arn:aws:iam::111122223333:role/restore-default';
const VAULT_ARN =
  'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-primary';
const UUID_V4 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SEED = loadBackupSeed(DEFAULT_SEED_FILE);

const newestPoint = (resourceType: string) => {
  const found = (SEED.recoveryPoints ?? [])
    .filter(
      (p) =>
        p.resourceType === resourceType &&
        p.vault === 'prod-primary' &&
        p.status === 'COMPLETED'
    )
    .sort((a, b) => Date.parse(b.creationDate) - Date.parse(a.creationDate))[0];
  if (found === undefined) {
    throw new Error(`no seeded ${resourceType} point`);
  }
  return found;
};

const EFS = newestPoint('EFS');
const EBS = newestPoint('EBS');
const RDS = newestPoint('RDS');

/** Every restore job event, whatever its state. */
const ALL_RESTORE_EVENTS: EventPattern = {
  source: ['aws.backup'],
  'detail-type': ['Restore Job State Change'],
};

/** `status ?? state`, the project rule for reading restore job events. */
const stateOf = (event: BackupRestoreJobEvent): string =>
  'status' in event.detail ? event.detail.status : event.detail.state;

/** `[job label, state]` pairs, for sequence assertions. */
const sequence = (
  events: readonly BackupRestoreJobEvent[],
  labels: Readonly<Record<string, string>>
): [string, string][] =>
  events.map((e) => [labels[e.detail.restoreJobId] ?? '?', stateOf(e)]);

const outcomes = (deliveries: readonly BackupEventDelivery[]) =>
  deliveries.map((d) => [stateOf(d.event), d.outcome]);

const statusDetail = (
  event: BackupRestoreJobEvent | undefined
): BackupRestoreJobStatusDetail => {
  if (event === undefined || !('status' in event.detail)) {
    throw new Error('expected a restore job event with a status');
  }
  return event.detail;
};

/** DescribeRestoreJob under the event's member names and types. */
const asEventDetail = (job: DescribeRestoreJobCommandOutput) => ({
  restoreJobId: job.RestoreJobId,
  backupVaultArn: job.BackupVaultArn,
  recoveryPointArn: job.RecoveryPointArn,
  sourceResourceArn: job.SourceResourceArn,
  backupSizeInBytes: String(job.BackupSizeInBytes),
  creationDate: job.CreationDate?.toISOString(),
  iamRoleArn: job.IamRoleArn,
  resourceType: job.ResourceType,
  status: job.Status,
  createdResourceArn: job.CreatedResourceArn,
  statusMessage: job.StatusMessage,
  completionDate: job.CompletionDate?.toISOString(),
});

const withoutPercentDone = ({
  percentDone: _ignored,
  ...rest
}: BackupRestoreJobStatusDetail) => rest;

describe('Backup emulator restore job events', () => {
  let emulator: BackupEmulator;
  let client: BackupClient;
  const clients = new SdkClients<BackupClient>();
  const control = controlClient(() => emulator.url);

  /** Subscribes a target that records what it receives. */
  const record = (pattern: EventPattern = ALL_RESTORE_EVENTS) => {
    const received: BackupRestoreJobEvent[] = [];
    const unsubscribe = emulator.subscribe({
      pattern,
      target: (event) => {
        received.push(event);
      },
    });
    return { received, unsubscribe };
  };

  const startJob = async (
    token: string,
    overrides: Partial<
      ConstructorParameters<typeof StartRestoreJobCommand>[0]
    > = {}
  ): Promise<string> => {
    const { RestoreJobId } = await client.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: EFS.arn,
        IamRoleArn: ROLE,
        ResourceType: 'EFS',
        IdempotencyToken: token,
        Metadata: {
          'file-system-id': 'fs-0123456789abcdef0',
          newFileSystem: 'true',
          CreationToken: token,
        },
        ...overrides,
      })
    );
    if (RestoreJobId === undefined) {
      throw new Error('StartRestoreJob returned no RestoreJobId');
    }
    return RestoreJobId;
  };

  const describeJob = (RestoreJobId: string) =>
    client.send(new DescribeRestoreJobCommand({ RestoreJobId }));

  beforeEach(async () => {
    emulator = await startBackupEmulator({
      clock: createClock({ frozen: true, start: START }),
    });
    client = clients.add(new BackupClient(emulatorClientConfig(emulator.url)));
  });

  afterEach(async () => {
    clients.destroyAll();
    await emulator.close();
  });

  describe('shapes', () => {
    it('emits CREATED, PENDING, RUNNING and COMPLETED as the clock passes each, shaped as docs/events.md#envelope, #restore-job-state-change', async () => {
      // Arrange
      const { received } = record();
      const restoreJobId = await startJob('request-0001');
      const envelope = (time: string) => ({
        version: '0',
        id: expect.stringMatching(UUID_V4),
        'detail-type': 'Restore Job State Change',
        source: 'aws.backup',
        account: ACCOUNT,
        time,
        region: 'eu-west-1',
        resources: [EFS.arn],
      });
      const job = {
        restoreJobId,
        backupVaultArn: VAULT_ARN,
        recoveryPointArn: EFS.arn,
        sourceResourceArn: EFS.resourceArn,
        backupSizeInBytes: '5368709120',
        creationDate: '2026-11-28T09:00:00.250Z',
        iamRoleArn: ROLE,
        percentDone: 0,
        resourceType: 'EFS',
      };

      // Act
      const atCreation = await emulator.deliverEvents();
      emulator.clock.advance(199);
      const beforeRunning = await emulator.deliverEvents();
      emulator.clock.advance(1);
      const atRunning = await emulator.deliverEvents();
      emulator.clock.advance(800);
      const atCompletion = await emulator.deliverEvents();

      // Assert
      expect(outcomes(atCreation)).toEqual([
        ['CREATED', 'delivered'],
        ['PENDING', 'delivered'],
      ]);
      expect(beforeRunning).toEqual([]);
      expect(outcomes(atRunning)).toEqual([['RUNNING', 'delivered']]);
      expect(outcomes(atCompletion)).toEqual([['COMPLETED', 'delivered']]);
      expect(received).toEqual([
        {
          ...envelope('2026-11-28T09:00:00Z'),
          detail: {
            restoreJobId,
            creationDate: '2026-11-28T09:00:00.250Z',
            state: 'CREATED',
          },
        },
        {
          ...envelope('2026-11-28T09:00:00Z'),
          detail: { ...job, status: 'PENDING' },
        },
        {
          ...envelope('2026-11-28T09:00:00Z'),
          detail: { ...job, status: 'RUNNING' },
        },
        {
          ...envelope('2026-11-28T09:00:01Z'),
          detail: {
            ...job,
            status: 'COMPLETED',
            createdResourceArn: expect.stringMatching(
              /^arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system\/fs-0[0-9a-f]{16}$/
            ),
            completionDate: '2026-11-28T09:00:01.250Z',
          },
        },
      ]);
      expect(Object.keys(received[0]?.detail ?? {})).toEqual([
        'restoreJobId',
        'creationDate',
        'state',
      ]);
      expect(Object.keys(received[3]?.detail ?? {})).toEqual([
        'restoreJobId',
        'backupVaultArn',
        'recoveryPointArn',
        'sourceResourceArn',
        'backupSizeInBytes',
        'creationDate',
        'iamRoleArn',
        'percentDone',
        'resourceType',
        'status',
        'createdResourceArn',
        'completionDate',
      ]);
      expect(new Set(received.map((e) => e.id)).size).toBe(4);
      expect(emulator.emittedEvents()).toEqual(received);
    });

    it('agrees with DescribeRestoreJob at every status, and the project schema parses every event', async () => {
      // Arrange
      const { received } = record();
      const restoreJobId = await startJob('request-0001');

      // Act
      await emulator.deliverEvents();
      const pending = await describeJob(restoreJobId);
      emulator.clock.advance(200);
      await emulator.deliverEvents();
      const running = await describeJob(restoreJobId);
      emulator.clock.advance(800);
      await emulator.deliverEvents();
      const completed = await describeJob(restoreJobId);
      const parsed = received.map((e) => RestoreJobStateChangeSchema.parse(e));

      // Assert
      const [, pendingEvent, runningEvent, completedEvent] = received;
      expect(withoutPercentDone(statusDetail(pendingEvent))).toEqual(
        asEventDetail(pending)
      );
      expect(withoutPercentDone(statusDetail(runningEvent))).toEqual(
        asEventDetail(running)
      );
      expect(withoutPercentDone(statusDetail(completedEvent))).toEqual(
        asEventDetail(completed)
      );
      expect(completed.CreatedResourceArn).toEqual(
        statusDetail(completedEvent).createdResourceArn
      );
      expect(parsed.map((e) => e.detail.status)).toEqual([
        'CREATED',
        'PENDING',
        'RUNNING',
        'COMPLETED',
      ]);
    });

    it('leaves iamRoleArn out when StartRestoreJob named no role, like DescribeRestoreJob', async () => {
      // Arrange
      const { received } = record();
      const restoreJobId = await startJob('no-role', { IamRoleArn: undefined });

      // Act
      await emulator.deliverEvents();
      const described = await describeJob(restoreJobId);

      // Assert
      expect(described.IamRoleArn).toBeUndefined();
      expect(statusDetail(received[1])).not.toHaveProperty('iamRoleArn');
      expect(statusDetail(received[1]).backupSizeInBytes).toBe('5368709120');
    });

    it('ends FAILED or ABORTED with the failure rule statusMessage, in the events, DescribeRestoreJob and jobs()', async () => {
      // Arrange
      emulator.configure({
        failureRules: [
          {
            recoveryPointArn: EFS.arn,
            status: 'ABORTED',
            statusMessage: 'Restore job was aborted by the operator.',
          },
          {
            resourceType: 'EBS',
            statusMessage: 'Volume restore failed: insufficient capacity.',
          },
        ],
      });
      const { received } = record();
      const aborted = await startJob('aborts');
      const failed = await startJob('fails', {
        RecoveryPointArn: EBS.arn,
        ResourceType: 'EBS',
        Metadata: { availabilityZone: 'eu-west-1a' },
      });

      // Act
      emulator.clock.advance(1_000);
      await emulator.deliverEvents();
      const abortedJob = await describeJob(aborted);
      const failedJob = await describeJob(failed);

      // Assert
      const terminal = received.filter(
        (e) => e.time === '2026-11-28T09:00:01Z'
      );
      expect(sequence(terminal, { [aborted]: 'A', [failed]: 'F' })).toEqual([
        ['A', 'ABORTED'],
        ['F', 'FAILED'],
      ]);
      const [abortedEvent, failedEvent] = terminal.map(statusDetail);
      expect(abortedEvent).toMatchObject({
        status: 'ABORTED',
        statusMessage: 'Restore job was aborted by the operator.',
        completionDate: '2026-11-28T09:00:01.250Z',
      });
      expect(failedEvent).toMatchObject({
        status: 'FAILED',
        statusMessage: 'Volume restore failed: insufficient capacity.',
        resourceType: 'EBS',
        backupSizeInBytes: '107374182400',
        completionDate: '2026-11-28T09:00:01.250Z',
      });
      expect(abortedEvent).not.toHaveProperty('createdResourceArn');
      expect(failedEvent).not.toHaveProperty('createdResourceArn');
      expect(
        withoutPercentDone(abortedEvent as BackupRestoreJobStatusDetail)
      ).toEqual(asEventDetail(abortedJob));
      expect(
        withoutPercentDone(failedEvent as BackupRestoreJobStatusDetail)
      ).toEqual(asEventDetail(failedJob));
      expect(abortedJob.CreatedResourceArn).toBeUndefined();
      expect(emulator.jobs().map((j) => [j.status, j.statusMessage])).toEqual([
        ['ABORTED', 'Restore job was aborted by the operator.'],
        ['FAILED', 'Volume restore failed: insufficient capacity.'],
      ]);
    });
  });

  describe('order and emission', () => {
    it('delivers in time order: per job CREATED, PENDING, RUNNING, terminal; jobs by creation at equal times', async () => {
      // Arrange
      const { received } = record();
      const a = await startJob('job-a');
      const b = await startJob('job-b', { RecoveryPointArn: RDS.arn });
      emulator.clock.advance(100);
      const c = await startJob('job-c');
      emulator.clock.advance(1_000);

      // Act
      const deliveries = await emulator.deliverEvents();

      // Assert
      expect(sequence(received, { [a]: 'A', [b]: 'B', [c]: 'C' })).toEqual([
        ['A', 'CREATED'],
        ['A', 'PENDING'],
        ['B', 'CREATED'],
        ['B', 'PENDING'],
        ['C', 'CREATED'],
        ['C', 'PENDING'],
        ['A', 'RUNNING'],
        ['B', 'RUNNING'],
        ['C', 'RUNNING'],
        ['A', 'COMPLETED'],
        ['B', 'COMPLETED'],
        ['C', 'COMPLETED'],
      ]);
      expect(deliveries.map((d) => d.event)).toEqual(received);
      expect(received.map((e) => e.time)).toEqual([
        ...Array(9).fill('2026-11-28T09:00:00Z'),
        ...Array(3).fill('2026-11-28T09:00:01Z'),
      ]);
      expect(statusDetail(received[10])).toMatchObject({
        resourceType: 'RDS',
        createdResourceArn: expect.stringMatching(/^arn:aws:rds:/),
      });
    });

    it('emits all four events at creation when the job completes at once, still in order', async () => {
      // Arrange
      emulator.configure({ runningAfterMs: 0, completeAfterMs: 0 });
      const { received } = record();
      await startJob('instant');

      // Act
      const deliveries = await emulator.deliverEvents();

      // Assert
      expect(outcomes(deliveries)).toEqual([
        ['CREATED', 'delivered'],
        ['PENDING', 'delivered'],
        ['RUNNING', 'delivered'],
        ['COMPLETED', 'delivered'],
      ]);
      expect(received).toHaveLength(4);
    });

    it('emits an event once however often deliverEvents() runs, concurrent calls included', async () => {
      // Arrange
      const { received } = record();
      await startJob('once');

      // Act
      const [first, second] = await Promise.all([
        emulator.deliverEvents(),
        emulator.deliverEvents(),
      ]);
      const third = await emulator.deliverEvents();
      emulator.clock.advance(5_000);
      const late = await emulator.deliverEvents();
      const after = await emulator.deliverEvents();

      // Assert
      expect(outcomes(first ?? [])).toEqual([
        ['CREATED', 'delivered'],
        ['PENDING', 'delivered'],
      ]);
      expect(second).toEqual([]);
      expect(third).toEqual([]);
      expect(outcomes(late)).toEqual([
        ['RUNNING', 'delivered'],
        ['COMPLETED', 'delivered'],
      ]);
      expect(after).toEqual([]);
      expect(received.map(stateOf)).toEqual([
        'CREATED',
        'PENDING',
        'RUNNING',
        'COMPLETED',
      ]);
      expect(emulator.emittedEvents()).toHaveLength(4);
    });

    it('emits nothing before deliverEvents(), and a late RUNNING event still says RUNNING', async () => {
      // Arrange
      const { received } = record();
      await startJob('late');
      emulator.clock.advance(10_000);

      // Act
      const before = emulator.emittedEvents();
      await emulator.deliverEvents();

      // Assert
      expect(before).toEqual([]);
      expect(statusDetail(received[2])).toMatchObject({ status: 'RUNNING' });
      expect(statusDetail(received[2])).not.toHaveProperty('completionDate');
      expect(received[2]?.time).toBe('2026-11-28T09:00:00Z');
    });

    it('emits the events of a job a target starts during delivery in the next round', async () => {
      // Arrange
      let followUp: string | undefined;
      emulator.subscribe({
        pattern: RESTORE_JOB_OUTCOME_PATTERN,
        target: async () => {
          followUp ??= await startJob('follow-up');
        },
      });
      const first = await startJob('first');
      emulator.clock.advance(1_000);

      // Act
      const round1 = await emulator.deliverEvents();
      const round2 = await emulator.deliverEvents();

      // Assert
      expect(followUp).toBeDefined();
      expect(
        round1.map((d) => [d.event.detail.restoreJobId, stateOf(d.event)])
      ).toEqual([
        [first, 'CREATED'],
        [first, 'PENDING'],
        [first, 'RUNNING'],
        [first, 'COMPLETED'],
      ]);
      expect(
        round2.map((d) => [d.event.detail.restoreJobId, stateOf(d.event)])
      ).toEqual([
        [followUp, 'CREATED'],
        [followUp, 'PENDING'],
      ]);
    });
  });

  describe('rules', () => {
    it('RESTORE_JOB_OUTCOME_PATTERN matches only the terminal events, never CREATED', async () => {
      // Arrange
      emulator.configure({
        failureRules: [
          { resourceType: 'EBS', statusMessage: 'failed' },
          { resourceType: 'RDS', status: 'ABORTED', statusMessage: 'aborted' },
        ],
      });
      const outcomesOnly = record(RESTORE_JOB_OUTCOME_PATTERN);
      await startJob('completes');
      await startJob('fails', {
        RecoveryPointArn: EBS.arn,
        Metadata: { availabilityZone: 'eu-west-1a' },
      });
      await startJob('aborts', { RecoveryPointArn: RDS.arn });
      emulator.clock.advance(1_000);

      // Act
      const deliveries = await emulator.deliverEvents();

      // Assert
      expect(outcomesOnly.received.map(stateOf)).toEqual([
        'COMPLETED',
        'FAILED',
        'ABORTED',
      ]);
      expect(outcomes(deliveries)).toEqual([
        ...[1, 2, 3].flatMap(() => [
          ['CREATED', 'unmatched'],
          ['PENDING', 'unmatched'],
        ]),
        ['RUNNING', 'unmatched'],
        ['RUNNING', 'unmatched'],
        ['RUNNING', 'unmatched'],
        ['COMPLETED', 'delivered'],
        ['FAILED', 'delivered'],
        ['ABORTED', 'delivered'],
      ]);
    });

    it('hands an event to every matching subscription, one record each, and a removed one gets nothing', async () => {
      // Arrange
      const all = record();
      const outcome = record(RESTORE_JOB_OUTCOME_PATTERN);
      const removed = record();
      removed.unsubscribe();
      removed.unsubscribe();
      await startJob('fan-out');
      emulator.clock.advance(1_000);

      // Act
      const deliveries = await emulator.deliverEvents();

      // Assert
      expect(outcomes(deliveries)).toEqual([
        ['CREATED', 'delivered'],
        ['PENDING', 'delivered'],
        ['RUNNING', 'delivered'],
        ['COMPLETED', 'delivered'],
        ['COMPLETED', 'delivered'],
      ]);
      expect(all.received).toHaveLength(4);
      expect(outcome.received).toHaveLength(1);
      expect(removed.received).toEqual([]);
    });

    it('refuses a pattern outside the supported subset at subscribe time', () => {
      // Arrange
      const pattern = {
        detail: { status: [{ prefix: 'COMP' }] },
      } as unknown as EventPattern;

      // Act
      const subscribe = () =>
        emulator.subscribe({ pattern, target: () => undefined });

      // Assert
      expect(subscribe).toThrow(/no content filters/);
    });
  });

  describe('targets', () => {
    it('records a throwing target as failed, keeps delivering to the others, and never retries it', async () => {
      // Arrange
      const boom = new Error('handler failed');
      let calls = 0;
      emulator.subscribe({
        pattern: { detail: { status: ['RUNNING'] } },
        target: async () => {
          calls += 1;
          throw boom;
        },
      });
      const { received } = record();
      await startJob('throws');
      emulator.clock.advance(200);

      // Act
      const deliveries = await emulator.deliverEvents();
      emulator.clock.advance(800);
      const later = await emulator.deliverEvents();

      // Assert
      expect(deliveries.map((d) => [stateOf(d.event), d.outcome])).toEqual([
        ['CREATED', 'delivered'],
        ['PENDING', 'delivered'],
        ['RUNNING', 'failed'],
        ['RUNNING', 'delivered'],
      ]);
      expect(deliveries[2]?.error).toBe(boom);
      expect(deliveries[3]).not.toHaveProperty('error');
      expect(outcomes(later)).toEqual([['COMPLETED', 'delivered']]);
      expect(calls).toBe(1);
      expect(received.map(stateOf)).toEqual([
        'CREATED',
        'PENDING',
        'RUNNING',
        'COMPLETED',
      ]);
    });

    it('gives every target its own copy of the event', async () => {
      // Arrange
      emulator.subscribe({
        pattern: ALL_RESTORE_EVENTS,
        target: (event) => {
          event.resources.length = 0;
        },
      });
      const { received } = record();
      await startJob('copies');

      // Act
      await emulator.deliverEvents();

      // Assert
      expect(received[0]?.resources).toEqual([EFS.arn]);
      expect(emulator.emittedEvents()[0]?.resources).toEqual([EFS.arn]);
    });

    it('redelivers an emitted event with the same id (at least once delivery)', async () => {
      // Arrange
      const { received } = record(RESTORE_JOB_OUTCOME_PATTERN);
      await startJob('twice');
      emulator.clock.advance(1_000);
      await emulator.deliverEvents();
      const completed = received[0];
      if (completed === undefined) {
        throw new Error('no COMPLETED event was delivered');
      }

      // Act
      const again = await emulator.redeliver(completed.id);
      const unknown = await rejectionOf(emulator.redeliver('no-such-event'));

      // Assert
      expect(outcomes(again)).toEqual([['COMPLETED', 'delivered']]);
      expect(received).toHaveLength(2);
      expect(received[1]).toEqual(completed);
      expect(emulator.emittedEvents()).toHaveLength(4);
      expect(String(unknown)).toContain('no-such-event');
    });
  });

  describe('drop switch', () => {
    it('drops every event with dropEvents: true: listed as emitted, never handed to a target', async () => {
      // Arrange
      emulator.configure({ dropEvents: true });
      const { received } = record();
      await startJob('lost');
      emulator.clock.advance(1_000);

      // Act
      const deliveries = await emulator.deliverEvents();

      // Assert
      expect(outcomes(deliveries)).toEqual([
        ['CREATED', 'dropped'],
        ['PENDING', 'dropped'],
        ['RUNNING', 'dropped'],
        ['COMPLETED', 'dropped'],
      ]);
      expect(received).toEqual([]);
      expect(emulator.emittedEvents().map(stateOf)).toEqual([
        'CREATED',
        'PENDING',
        'RUNNING',
        'COMPLETED',
      ]);
    });

    it('drops the events of chosen jobs only', async () => {
      // Arrange
      const { received } = record(RESTORE_JOB_OUTCOME_PATTERN);
      const kept = await startJob('kept');
      const lost = await startJob('lost');
      emulator.configure({ dropEvents: { restoreJobIds: [lost] } });
      emulator.clock.advance(1_000);

      // Act
      const deliveries = await emulator.deliverEvents();

      // Assert
      expect(
        deliveries
          .filter((d) => d.outcome === 'dropped')
          .map((d) => d.event.detail.restoreJobId)
      ).toEqual([lost, lost, lost, lost]);
      expect(received.map((e) => e.detail.restoreJobId)).toEqual([kept]);
    });

    it('lets a dropped event arrive late through redeliver()', async () => {
      // Arrange
      const { received } = record(RESTORE_JOB_OUTCOME_PATTERN);
      const lost = await startJob('no-outcome');
      emulator.configure({ dropEvents: { restoreJobIds: [lost] } });
      emulator.clock.advance(1_000);

      // Act
      const deliveries = await emulator.deliverEvents();
      const dropped = deliveries.find((d) => stateOf(d.event) === 'COMPLETED');
      const lateArrival = await emulator.redeliver(dropped?.event.id ?? '');

      // Assert
      expect(outcomes(deliveries)).toEqual([
        ['CREATED', 'dropped'],
        ['PENDING', 'dropped'],
        ['RUNNING', 'dropped'],
        ['COMPLETED', 'dropped'],
      ]);
      expect(outcomes(lateArrival)).toEqual([['COMPLETED', 'delivered']]);
      expect(received.map(stateOf)).toEqual(['COMPLETED']);
    });
  });

  describe('reset', () => {
    it('clears jobs, emitted events and the drop switch but keeps subscriptions', async () => {
      // Arrange
      const { received } = record();
      await startJob('before-reset');
      emulator.configure({ dropEvents: true });
      await emulator.deliverEvents();

      // Act
      emulator.reset();
      const afterReset = emulator.emittedEvents();
      const restoreJobId = await startJob('after-reset');
      const deliveries = await emulator.deliverEvents();

      // Assert
      expect(afterReset).toEqual([]);
      expect(emulator.config().dropEvents).toBe(false);
      expect(emulator.jobs().map((j) => j.restoreJobId)).toEqual([
        restoreJobId,
      ]);
      expect(outcomes(deliveries)).toEqual([
        ['CREATED', 'delivered'],
        ['PENDING', 'delivered'],
      ]);
      expect(received.map((e) => e.detail.restoreJobId)).toEqual([
        restoreJobId,
        restoreJobId,
      ]);
    });
  });

  describe('control endpoints over HTTP', () => {
    it('takes ABORTED failure rules and the JSON drop switch, and lists emitted events', async () => {
      // Arrange
      const { received } = record();
      const configured = await control('POST', 'config', {
        failureRules: [
          { recoveryPointArn: EFS.arn, status: 'ABORTED', statusMessage: 'x' },
        ],
        dropEvents: true,
      });
      const restoreJobId = await startJob('over-http');
      emulator.clock.advance(1_000);
      await emulator.deliverEvents();

      // Act
      const events = await control('GET', 'events');
      const jobs = await control('GET', 'jobs');
      const config = await control('GET', 'config');
      const invalidDrop = await control('POST', 'config', {
        dropEvents: 'yes',
      });
      const invalidStatus = await control('POST', 'config', {
        failureRules: [{ status: 'COMPLETED' }],
      });

      // Assert
      expect(configured.json).toMatchObject({
        dropEvents: true,
        failureRules: [{ status: 'ABORTED', statusMessage: 'x' }],
      });
      expect(received).toEqual([]);
      expect(events.json).toEqual(emulator.emittedEvents());
      expect((events.json as BackupRestoreJobEvent[]).map(stateOf)).toEqual([
        'CREATED',
        'PENDING',
        'RUNNING',
        'ABORTED',
      ]);
      expect(jobs.json).toMatchObject([
        { restoreJobId, status: 'ABORTED', statusMessage: 'x' },
      ]);
      expect(config.json).toEqual(emulator.config());
      expect(invalidDrop.status).toBe(400);
      expect(invalidStatus.status).toBe(400);
    });
  });
});
