import type { RequestedBy } from './requested-by.js';

/**
 * How and when a request reached restore-relay: the one description of an
 * arrival every use case takes (the source builds it from what AWS tells
 * it).
 */
export interface Arrival {
  /** The source: `sqs`, `eventbridge`, `alarm`, `invoke`, `cli`. */
  readonly source: string;
  /** The request as received, kept with a rejection. */
  readonly original?: string;
  /**
   * A time fixed at the first delivery (SQS `SentTimestamp`, the event's
   * `time`), so `latest` picks the same point on every redelivery.
   */
  readonly asOf?: Date;
  readonly messageId?: string;
  readonly eventId?: string;
  /**
   * Who sent the request, from what AWS reports (the SQS SenderId, the
   * event's account and source, …); undefined when it told nothing usable.
   * Kept with the job and put in every notification.
   */
  readonly requestedBy?: RequestedBy | undefined;
}
