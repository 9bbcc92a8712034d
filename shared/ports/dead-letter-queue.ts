/** A request kept for people to look at, with why it was refused. */
export interface DeadLetter {
  /** The request exactly as received (the SQS body, or the event JSON). */
  readonly body: string;
  /** Why and where from: `errorCode`, `errorMessage`, `source`, ids. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Keeps refused requests (SQS in production). */
export interface DeadLetterQueue {
  /**
   * @throws DependencyFailureError or RestoreThrottledError (retryable): a refused request
   * that cannot be kept must be redelivered, never dropped
   */
  send(letter: DeadLetter): Promise<void>;
}
