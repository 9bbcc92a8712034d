import type { RelayNotification } from '#shared/events/relay-notification';
import type { Notifier } from '#shared/ports/notifier';

/** A fake notifier recording what it published. */
export class InMemoryNotifier implements Notifier {
  readonly published: RelayNotification[] = [];
  failures: Error[] = [];

  async publish(notification: RelayNotification): Promise<void> {
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    this.published.push(notification);
  }
}
