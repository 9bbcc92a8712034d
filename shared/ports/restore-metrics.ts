/** The metrics restore-relay emits, PascalCase past-tense events. */
export type RestoreMetricName =
  | 'RestoreRequested'
  | 'RestoreStarted'
  | 'RestoreReplayed'
  | 'RestoreRejected'
  | 'RestoreCompleted'
  | 'RestoreFailed'
  | 'RestoreAborted'
  | 'RestoreStale'
  /** An outcome found by the reconciler: the AWS Backup event never came. */
  | 'RestoreOutcomeReconciled';

/**
 * Low-cardinality dimensions: the door (`sqs`, `eventbridge`, `alarm`,
 * `invoke`) and the resource type (`Unknown` when the request was unreadable).
 */
export interface RestoreMetricDimensions {
  readonly source: string;
  readonly resourceType: string;
}

/** Counts restore events (CloudWatch EMF through Powertools in production). */
export interface RestoreMetrics {
  count(name: RestoreMetricName, dimensions: RestoreMetricDimensions): void;
}
