import { describe, expect, it } from 'vitest';
import { runSoak } from '../../soak/soak.js';

describe('the soak (bounded)', () => {
  it('keeps every invariant with duplicates, faults and kills, and over hostile input', async () => {
    // Arrange
    const options = { requests: 200, duplicates: 0.3, faults: 0.1, seed: 7 };

    // Act
    const report = await runSoak(options);

    // Assert
    expect(report.counterexamples).toEqual([]);
    expect(report.invariants).toEqual({
      R1: true,
      R2: true,
      R3: true,
      R4: true,
      R5: true,
      R6: true,
      R7: true,
      R8: true,
      'R3-hostile': true,
      'R4-hostile': true,
    });
    expect(report.jobsStarted).toBe(report.uniqueKeys + report.burst.sent);
    expect(report.duplicateJobs).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.unexpectedRejections).toBe(0);
    const invalid = report.invalidSent.r5 + report.invalidSent.r6;
    expect(report.rejected).toBe(invalid);
    expect(report.dlqRejected).toBe(invalid);
    expect(report.dlq).toBe(report.dlqRejected + report.dlqRedriven);
    expect(report.notified).toBe(report.jobsStarted + report.hostile.jobs);
    expect(report.maxNotificationsPerJob).toBeLessThanOrEqual(3);
    expect(report.faultsInjected).toBeGreaterThan(0);
    expect(report.redelivered.newStarts).toBe(0);
    expect(report.burst).toEqual({ sent: 50, dlq: 0, started: 50 });
    // The fixed hostile bodies and 2 % of the requests, generated: each
    // one rejected, kept and notified once, received once.
    const { hostile } = report;
    expect(hostile).toMatchObject({ fixed: 12, generated: 4, lost: 0 });
    expect(hostile.rejected + hostile.started).toBe(hostile.sent);
    expect(hostile.notifications).toBe(hostile.rejected);
    expect(hostile.copies).toBe(hostile.rejected);
    expect(hostile).toMatchObject({
      redriven: 0,
      maxNotificationsPerMessage: 1,
      maxReceiveCount: 1,
      retriedInVain: 0,
    });
  }, 120_000);
});
