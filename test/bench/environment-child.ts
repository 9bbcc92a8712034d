/**
 * One emulated Lambda execution environment: a child process that sets its
 * environment, imports one real handler (its cold start), and then runs one
 * invocation at a time, as Lambda does. Module state (the batch processor,
 * SDK clients, the rate limiter, the deps cache) is this process's own, so
 * two environments never share it. Spoken to by `lambda-environment.ts`.
 */

import { lambdaContext } from '../support/lambda-context.js';
import { deepFreeze } from '../support/lambda-events.js';

interface InvokeMessage {
  readonly kind: 'invoke';
  readonly id: number;
  readonly event: unknown;
  readonly timeoutMs: number;
}

interface UsageMessage {
  readonly kind: 'usage';
  readonly id: number;
}

interface ExitMessage {
  readonly kind: 'exit';
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const modulePath = process.argv[2];
if (modulePath === undefined) {
  throw new Error('usage: environment-child <handler module>');
}
const started = performance.now();
const { handler } = (await import(modulePath)) as { handler: Handler };
const initMs = performance.now() - started;

const reply = (message: unknown): void => {
  process.send?.(message);
};

process.on('message', (message: InvokeMessage | UsageMessage | ExitMessage) => {
  if (message.kind === 'exit') {
    // A normal exit, so that `--cpu-prof` can write its profile.
    process.exit(0);
  }
  if (message.kind === 'usage') {
    const usage = process.cpuUsage();
    reply({
      id: message.id,
      ok: true,
      result: {
        cpuMs: (usage.user + usage.system) / 1000,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
        initMs,
      },
    });
    return;
  }
  handler(deepFreeze(message.event), lambdaContext({}, message.timeoutMs)).then(
    (result) => reply({ id: message.id, ok: true, result }),
    (error: unknown) =>
      reply({
        id: message.id,
        ok: false,
        error:
          error instanceof Error
            ? `${error.name}: ${error.message}`
            : String(error),
      })
  );
});
reply({ ready: true });
