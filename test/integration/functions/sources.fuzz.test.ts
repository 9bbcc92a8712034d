/**
 * The promise of every source, as a property over generated input: whatever
 * an SQS body, an EventBridge detail or an invocation payload holds, the
 * request ends started, replayed, or rejected-kept-and-notified (exactly
 * one dead-letter copy and one `restore.rejected`), never an unexpected
 * error and never a retry. Real handlers on the local AWS. A failure prints
 * fast-check's seed and path: replay it with FUZZ_SEED and FUZZ_PATH.
 */
import type { SQSBatchResponse } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeJson } from '#shared/domain/serialize-json';
import {
  deeplyNested,
  deeplyNestedText,
  hugeText,
  jsonValue,
} from '#test/support/arbitraries/json-values';
import {
  nearValidRequestBody,
  requestBodyText,
  validRequestBody,
} from '#test/support/arbitraries/restore-request';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from '#test/support/fuzz-runs';
import { useCapturedMetrics } from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import {
  restoreRequestedEvent,
  sqsEvent,
  sqsRecord,
} from '#test/support/lambda-events';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { handler as eventHandler } from '../../../functions/event-restore/handler.js';
import { handler as invokeHandler } from '../../../functions/invoke-restore/handler.js';
import { handler as sqsHandler } from '../../../functions/sqs-restore/handler.js';

const local = useLocalAws({ ...RELAY_ENV, AWS_SDK_MAX_ATTEMPTS: '1' });
useCapturedMetrics();

// A handler call costs milliseconds, not microseconds: a twentieth of the
// unit properties' runs, at least 25 (npm test), 500 under npm run fuzz.
const runs = () => ({ numRuns: Math.max(25, Math.floor(fuzzRuns() / 20)) });

/** `value` as Lambda would hand it over: parsed JSON (no BigInt, no typed arrays). */
const asJson = (value: unknown): unknown => {
  try {
    return JSON.parse(serializeJson(value));
  } catch {
    return null;
  }
};

/** Any value a source may be handed: JSON, as Lambda parses every payload. */
const anyRequestValue = (): fc.Arbitrary<unknown> =>
  fc
    .oneof(
      { weight: 3, arbitrary: validRequestBody() },
      { weight: 3, arbitrary: nearValidRequestBody() },
      jsonValue({ maxDepth: 3 }),
      deeplyNested(),
      fc.record({ metadata: jsonValue({ maxDepth: 2 }) })
    )
    .map(asJson);

/** Any text an SQS body may be. */
const anyBody = (): fc.Arbitrary<string> =>
  fc.oneof(
    requestBodyText(),
    anyRequestValue().map((v) => serializeJson(v)),
    hugeText(),
    deeplyNestedText()
  );

/** What the local AWS holds, to see what one request changed. */
const counts = () => ({
  starts: new Set(
    local()
      .backup.callsTo('StartRestoreJob')
      .map((c) => String(c.input.IdempotencyToken))
  ).size,
  messages: local().sns.messages().length,
  rejected: local()
    .sns.messages()
    .filter((m) => m.Message.includes('"type":"restore.rejected"')).length,
  letters: local().sqs.messages(local().dlqUrl).length,
});

/** Exactly one of: started (and announced), replayed, rejected-kept-and-notified. */
const expectOneEnding = (before: ReturnType<typeof counts>): string => {
  const after = counts();
  const started = after.starts - before.starts;
  const rejected = after.rejected - before.rejected;
  const letters = after.letters - before.letters;
  const messages = after.messages - before.messages;
  if (rejected === 1) {
    expect({ started, letters, messages }).toEqual({
      started: 0,
      letters: 1,
      messages: 1,
    });
    return 'rejected';
  }
  expect({ rejected, letters }).toEqual({ rejected: 0, letters: 0 });
  // A new job is announced once; a replay or a dry run announces nothing.
  expect(messages).toBe(started);
  return started === 1 ? 'started' : 'replayed';
};

describe('every source, on any input', () => {
  it(
    'the queue: started, replayed, or rejected-kept-and-notified; never retried',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyBody(), async (body) => {
          // Arrange
          const before = counts();

          // Act
          const response = (await sqsHandler(
            sqsEvent(sqsRecord(body)),
            lambdaContext()
          )) as SQSBatchResponse;

          // Assert
          expect(response.batchItemFailures).toEqual([]);
          expectOneEnding(before);
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'EventBridge: started, replayed, or rejected-kept-and-notified; never an error',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyRequestValue(), async (detail) => {
          // Arrange
          const before = counts();

          // Act
          await eventHandler(restoreRequestedEvent(detail), lambdaContext());

          // Assert
          expectOneEnding(before);
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'direct invocation: the result, or a permanent error named by its code that was kept and notified',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyRequestValue(), async (payload) => {
          // Arrange
          const before = counts();

          // Act
          const error = await invokeHandler(payload, lambdaContext()).then(
            () => undefined,
            (e: Error & { retryable?: boolean }) => e
          );

          // Assert
          const ending = expectOneEnding(before);
          if (error === undefined) {
            expect(ending).not.toBe('rejected');
          } else {
            expect(ending).toBe('rejected');
            expect(error.retryable).toBe(false);
            expect(error.name).toMatch(/^[A-Z][A-Za-z]+$/);
            expect(error.name).not.toBe('InternalError');
          }
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});
