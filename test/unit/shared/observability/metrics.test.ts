import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PowertoolsRestoreMetrics } from '#shared/observability/metrics';

interface EmfRecord {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/**
 * Captures what Powertools writes: it emits EMF through its own `Console`
 * over `process.stdout` (not the global console, unless POWERTOOLS_DEV).
 */
const captureStdout = () => {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => {
      chunks.push(
        typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      );
      return true;
    }
  );
  return {
    emfRecords: (): EmfRecord[] =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.includes('"_aws"'))
        .map((line) => JSON.parse(line) as EmfRecord),
  };
};

describe('PowertoolsRestoreMetrics', () => {
  beforeEach(() => {
    // Metrics are off in dev mode or when disabled; make sure they are on.
    vi.stubEnv('POWERTOOLS_DEV', 'false');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('writes one EMF record with the count and its dimensions', () => {
    // Arrange
    const output = captureStdout();
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'x' });
    const restoreMetrics = new PowertoolsRestoreMetrics({ metrics });

    // Act
    restoreMetrics.count('RestoreStarted', {
      source: 'sqs',
      resourceType: 'EFS',
    });

    // Assert
    const records = output.emfRecords();
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Test',
        // `service` is the Metrics' default dimension, carried over.
        Dimensions: [['service', 'source', 'resourceType']],
        Metrics: [{ Name: 'RestoreStarted', Unit: 'Count' }],
      },
    ]);
    expect(record).toMatchObject({
      RestoreStarted: 1,
      source: 'sqs',
      resourceType: 'EFS',
      service: 'x',
    });
  });

  it('writes each count as its own record, with its own dimensions', () => {
    // Arrange
    const output = captureStdout();
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'x' });
    const restoreMetrics = new PowertoolsRestoreMetrics({ metrics });

    // Act
    restoreMetrics.count('RestoreRequested', {
      source: 'sqs',
      resourceType: 'EFS',
    });
    restoreMetrics.count('RestoreRejected', {
      source: 'alarm',
      resourceType: 'Unknown',
    });

    // Assert
    const records = output.emfRecords();
    expect(
      records.map((r) => ({
        name: r._aws.CloudWatchMetrics[0]?.Metrics[0]?.Name,
        source: r.source,
        resourceType: r.resourceType,
      }))
    ).toEqual([
      { name: 'RestoreRequested', source: 'sqs', resourceType: 'EFS' },
      { name: 'RestoreRejected', source: 'alarm', resourceType: 'Unknown' },
    ]);
    expect(records[1]).not.toHaveProperty('RestoreRequested');
  });

  it('counts an ignored alarm transition by source and reason only', () => {
    // Arrange
    const output = captureStdout();
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'x' });
    const restoreMetrics = new PowertoolsRestoreMetrics({ metrics });
    const dimensions = {
      source: 'alarm',
      reason: 'coolDown',
      alarmName: 'orders-db-latency',
    } as const;

    // Act
    restoreMetrics.count('AlarmTransitionIgnored', dimensions);

    // Assert
    const [record] = output.emfRecords();
    expect(record?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Test',
        Dimensions: [['service', 'source', 'reason']],
        Metrics: [{ Name: 'AlarmTransitionIgnored', Unit: 'Count' }],
      },
    ]);
    expect(record).toMatchObject({
      AlarmTransitionIgnored: 1,
      source: 'alarm',
      reason: 'coolDown',
    });
    expect(record).not.toHaveProperty('alarmName');
  });

  it('leaves nothing buffered in the shared Metrics', () => {
    // Arrange
    captureStdout();
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'x' });
    const restoreMetrics = new PowertoolsRestoreMetrics({ metrics });

    // Act
    restoreMetrics.count('RestoreReplayed', {
      source: 'invoke',
      resourceType: 'RDS',
    });

    // Assert
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});
