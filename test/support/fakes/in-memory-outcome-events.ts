import type { OutcomeNotification } from '#shared/events/outcome-event';
import type { OutcomeEvents } from '#shared/ports/outcome-events';

/** A fake outcome bus: every event put, with injectable failures. */
export class InMemoryOutcomeEvents implements OutcomeEvents {
  readonly events: OutcomeNotification[] = [];
  failures: Error[] = [];
  async put(notification: OutcomeNotification): Promise<void> {
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    this.events.push(notification);
  }
}
