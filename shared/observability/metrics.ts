import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  AlarmMetricDimensions,
  AlarmMetricName,
  RestoreMetricDimensions,
  RestoreMetricName,
  RestoreMetrics,
} from '../ports/restore-metrics.js';
import { logger } from './logger.js';

/**
 * The one Powertools Metrics of a restore-relay container (CloudWatch EMF on
 * stdout). The namespace comes from `POWERTOOLS_METRICS_NAMESPACE`.
 */
export const metrics = new Metrics({
  namespace: 'RestoreRelay',
  serviceName: 'restore-relay',
  logger,
});

/**
 * {@link RestoreMetrics} over Powertools Metrics. Each count is its own EMF
 * record (`singleMetric`): the records of one SQS batch have different
 * resource types, and one EMF record carries one dimension set.
 */
export class PowertoolsRestoreMetrics implements RestoreMetrics {
  readonly #metrics: Metrics;

  constructor(deps: { readonly metrics: Metrics }) {
    this.#metrics = deps.metrics;
  }

  count(name: RestoreMetricName, dimensions: RestoreMetricDimensions): void;
  count(name: AlarmMetricName, dimensions: AlarmMetricDimensions): void;
  count(
    name: RestoreMetricName | AlarmMetricName,
    dimensions: RestoreMetricDimensions | AlarmMetricDimensions
  ): void {
    const single = this.#metrics.singleMetric();
    // Named one by one: a caller's object may carry more than the port's
    // dimensions, and every extra one would be a new metric in CloudWatch.
    single.addDimensions(
      'reason' in dimensions
        ? { source: dimensions.source, reason: dimensions.reason }
        : { source: dimensions.source, resourceType: dimensions.resourceType }
    );
    single.addMetric(name, MetricUnit.Count, 1);
  }
}
