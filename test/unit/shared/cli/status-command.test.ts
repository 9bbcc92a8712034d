import { describe, expect, it } from 'vitest';
import { formatJobStatus } from '#shared/cli/status-command';
import type { TrackedJob } from '#shared/ports/job-store';

const RECORD: TrackedJob = {
  restoreJobId: 'JOB-1',
  requestId: 'inc-1',
  source: 'sqs',
  startedAt: '2026-03-01T04:00:00.000Z',
  taskTokens: [],
  external: false,
  status: 'STARTED',
};

describe('formatJobStatus', () => {
  it('shows when the reconciler last checked an open job', () => {
    // Act
    const text = formatJobStatus({
      restoreJobId: 'JOB-1',
      record: { ...RECORD, lastCheckedAt: '2026-03-01T04:20:00.000Z' },
      aws: { restoreJobId: 'JOB-1', status: 'RUNNING', detectedBy: 'event' },
    });

    // Assert
    expect(text).toMatch(/outcome\s+not published yet\n/);
    expect(text).toMatch(/last checked\s+2026-03-01T04:20:00\.000Z\n/);
  });

  it('shows a job AWS Backup no longer knew as closed, with its restore.stale', () => {
    // Act
    const text = formatJobStatus({
      restoreJobId: 'JOB-1',
      record: {
        ...RECORD,
        status: 'UNKNOWN',
        outcomeType: 'restore.stale',
        outcome: { type: 'restore.stale', detectedBy: 'reconciler' },
        stalePublishedAt: '2026-03-02T05:00:00.000Z',
      },
    });

    // Assert
    expect(text).toMatch(/AWS status\s+unknown to AWS Backup\n/);
    expect(text).toMatch(
      /outcome\s+none: closed as UNKNOWN with restore\.stale at 2026-03-02T05:00:00\.000Z\n/
    );
    expect(text).not.toContain('undefined');
  });
});
