import type {
  AlarmMetricDimensions,
  AlarmMetricName,
  RestoreMetricDimensions,
  RestoreMetricName,
  RestoreMetrics,
} from '#shared/ports/restore-metrics';

/** Fake metrics: every count, in order. */
export class InMemoryMetrics implements RestoreMetrics {
  readonly counts: {
    name: RestoreMetricName | AlarmMetricName;
    dimensions: RestoreMetricDimensions | AlarmMetricDimensions;
  }[] = [];
  count(name: RestoreMetricName, dimensions: RestoreMetricDimensions): void;
  count(name: AlarmMetricName, dimensions: AlarmMetricDimensions): void;
  count(
    name: RestoreMetricName | AlarmMetricName,
    dimensions: RestoreMetricDimensions | AlarmMetricDimensions
  ): void {
    this.counts.push({ name, dimensions: { ...dimensions } });
  }
  /** The names counted, in order. */
  names(): (RestoreMetricName | AlarmMetricName)[] {
    return this.counts.map((c) => c.name);
  }
}
