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
  /** A job AWS Backup no longer knows, closed past the maximum age. */
  | 'RestoreClosedUnknown'
  /** An outcome found by the reconciler: the AWS Backup event never came. */
  | 'RestoreOutcomeReconciled';

/**
 * Low-cardinality dimensions: the source (`sqs`, `eventbridge`, `alarm`,
 * `invoke`) and the resource type (`Unknown` when the request was unreadable).
 */
export interface RestoreMetricDimensions {
  readonly source: string;
  readonly resourceType: string;
}

/**
 * A transition into ALARM that matched an alarm rule and started nothing,
 * on purpose.
 */
export type AlarmMetricName = 'AlarmTransitionIgnored';

/**
 * Why: CloudWatch `suppressed` or `muted` the alarm's own actions, or the
 * rule's `coolDown` after an earlier restore of the same alarm still runs.
 */
export type AlarmIgnoreReason = 'suppressed' | 'muted' | 'coolDown';

/** Dimensions of {@link AlarmMetricName}: the alarm source and the reason. */
export interface AlarmMetricDimensions {
  readonly source: 'alarm';
  readonly reason: AlarmIgnoreReason;
}

/** Counts restore events (CloudWatch EMF through Powertools in production). */
export interface RestoreMetrics {
  count(name: RestoreMetricName, dimensions: RestoreMetricDimensions): void;
  count(name: AlarmMetricName, dimensions: AlarmMetricDimensions): void;
}
