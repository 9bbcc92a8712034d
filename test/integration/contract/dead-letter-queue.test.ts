import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsDeadLetterQueue } from '#shared/adapters/sqs-dead-letter-queue';
import { DependencyFailureError } from '#shared/errors/errors';
import { InMemoryDeadLetterQueue } from '#test/support/fakes/in-memory-dead-letter-queue';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { describeDeadLetterQueueContract } from './dead-letter-queue-contract.js';

const local = useLocalAws();

describeDeadLetterQueueContract('InMemoryDeadLetterQueue', async () => {
  const queue = new InMemoryDeadLetterQueue();
  return {
    queue,
    kept: async () => queue.letters,
    broken: () => {
      const broken = new InMemoryDeadLetterQueue();
      broken.failWith = new DependencyFailureError(
        'the dead-letter queue failed'
      );
      return broken;
    },
  };
});

describeDeadLetterQueueContract('SqsDeadLetterQueue', async () => {
  // Created here, after useLocalAws pointed AWS_ENDPOINT_URL_SQS at the
  // emulator (the emulator's messages are cleared before each case).
  const client = new SQSClient({ maxAttempts: 1 });
  const { dlqUrl, sqs } = local();
  return {
    queue: new SqsDeadLetterQueue({ client, queueUrl: dlqUrl }),
    kept: async () =>
      sqs.messages(dlqUrl).map((message) => ({
        body: message.body,
        attributes: Object.fromEntries(
          Object.entries(message.attributes).map(([key, value]) => [
            key,
            value.StringValue ?? '',
          ])
        ),
      })),
    // A queue that does not exist (deleted, say): a permanent SQS error.
    broken: () =>
      new SqsDeadLetterQueue({
        client,
        queueUrl: dlqUrl.replace(/[^/]+$/, 'no-such-queue'),
      }),
  };
});
