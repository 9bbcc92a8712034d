/**
 * What an emulator records about each data-plane call: its number, its time
 * and how it ended (pending, reset, or the emulator's own outcomes).
 *
 * @see docs/development.md#emulator-discipline
 */
import type { ServiceError } from './service-error.js';

/** A recorded call still being answered (e.g. a long poll, a latency). */
export interface PendingOutcome {
  kind: 'pending';
}

/** A call whose connection an injected fault destroyed. */
export interface ResetOutcome {
  kind: 'reset';
  /** Whether the call had taken effect before the reset. */
  afterEffect: boolean;
}

/** Who produced an error answer. */
export type ErrorSource = 'service' | 'fault';

/** An error answer as the SNS and SQS emulators record it. */
export interface ErrorCodeOutcome {
  kind: 'error';
  status: number;
  errorCode: string;
  message: string;
  source: ErrorSource;
}

/**
 * Records a {@link ServiceError} as an {@link ErrorCodeOutcome}.
 *
 * @example
 * ```ts
 * errorCodeOutcome(new ServiceError('Throttled', 429, 'slow down'), 'fault');
 * ```
 */
export const errorCodeOutcome = (
  error: ServiceError,
  source: ErrorSource
): ErrorCodeOutcome => ({
  kind: 'error',
  status: error.status,
  errorCode: error.code,
  message: error.message,
  source,
});

/**
 * How a recorded call ended: pending or reset as every emulator records
 * them, or one of the emulator's own outcomes `O` (success and error).
 */
export type CallOutcome<O> = PendingOutcome | O | ResetOutcome;

/** The members every recorded call starts with. */
export interface CallStamp {
  /** 1-based position in the record. */
  seq: number;
  /** ISO 8601, on the emulator's clock (wall clock without one). */
  at: string;
}

/** One data-plane request an emulator recorded. */
export interface RecordedCall<O> extends CallStamp {
  outcome: CallOutcome<O>;
}
