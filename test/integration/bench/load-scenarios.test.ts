import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureCalls, measureHostileRssAll } from '#test/bench/load-scenarios';
import { type LocalRig, startLocalRig } from '#test/bench/local-rig';
import { generatedHostileBodies } from '#test/support/hostile-bodies';

/**
 * The call budget the benchmark reports, pinned: counts are exact, so a
 * change that adds an AWS call to the SQS source, or makes a duplicate touch
 * AWS Backup again, fails here and not only in `npm run bench`.
 */
describe('the SQS source in an emulated Lambda environment', () => {
  let rig: LocalRig;
  beforeAll(async () => {
    rig = await startLocalRig();
    // Counting, not pacing: the emulator's StartRestoreJob quota off.
    rig.local.backup.configure({ throttle: { StartRestoreJob: null } });
  }, 60_000);
  afterAll(async () => {
    await rig.stop();
  });

  it('makes 7 AWS calls for a new request, and 1 (none to AWS Backup) for a duplicate of a completed one', async () => {
    // Act
    const counts = await measureCalls(rig, 12);

    // Assert
    expect(counts).toMatchObject({
      callsPerMessage: 7,
      callsPerDuplicate: 1,
      backupCallsPerDuplicate: 0,
    });
    expect(counts.happyBreakdown).toMatchObject({
      'dynamodb.PutItem': 2,
      'dynamodb.UpdateItem': 1,
      'backup.GetRecoveryPointRestoreMetadata': 1,
      'backup.StartRestoreJob': 1,
      'sns.Publish': 1,
    });
    expect(
      (counts.happyBreakdown['backup.DescribeRecoveryPoint'] ?? 0) +
        (counts.happyBreakdown['backup.ListRecoveryPointsByResource'] ?? 0)
    ).toBe(1);
  }, 120_000);

  it('measures hostile peak RSS in fresh environments: a ~1 MiB message rejected and kept, and the worst of a seeded sample', async () => {
    // Arrange: another publisher's message on the topic, as the CPU
    // measure's direct-SDK baseline leaves them.
    const sns = new SNSClient({
      endpoint: rig.local.env.AWS_ENDPOINT_URL_SNS,
      region: rig.local.env.AWS_REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await sns.send(
      new PublishCommand({
        TopicArn: rig.local.topicArn,
        Message: '{"type":"restore.started","requestId":"direct"}',
      })
    );
    sns.destroy();

    // Act
    const measures = await measureHostileRssAll(rig, { samples: 2, seed: 7 });

    // Assert: the mechanics; how much memory is the bench's to report.
    const { oneMiB, generated, generatedWorst } = measures;
    expect(oneMiB.bytes).toBeGreaterThan(1_000_000);
    expect(oneMiB.bytes).toBeLessThan(1_048_576);
    expect(oneMiB).toMatchObject({
      rejectedAs: 'RestoreRequestInvalid',
      kept: true,
    });
    expect(generated.map((m) => m.name)).toEqual(
      generatedHostileBodies(7, 2).map((b) => b.name)
    );
    for (const m of [oneMiB, ...generated]) {
      expect(m.baselineMb).toBeGreaterThan(0);
      // maxRSS is a high-water mark: the peak includes the baseline.
      expect(m.peakRssMb).toBeGreaterThanOrEqual(m.baselineMb);
      expect(m.ratio).toBeGreaterThanOrEqual(1);
      expect(m.kept).toBe(m.rejectedAs !== undefined);
    }
    expect(generatedWorst.peakRssMb).toBe(
      Math.max(...generated.map((m) => m.peakRssMb))
    );
    expect(measures.seed).toBe(7);
  }, 120_000);
});
