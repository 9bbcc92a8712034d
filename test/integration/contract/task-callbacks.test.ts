import { SFNClient } from '@aws-sdk/client-sfn';
import { SfnTaskCallbacks } from '#shared/adapters/sfn-task-callbacks';
import { InMemoryTaskCallbacks } from '#test/support/fakes/in-memory-task-callbacks';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { describeTaskCallbacksContract } from './task-callbacks-contract.js';

const local = useLocalAws();

describeTaskCallbacksContract('InMemoryTaskCallbacks', async () => {
  const callbacks = new InMemoryTaskCallbacks();
  let tasks = 0;
  return {
    callbacks,
    waitingTask: () => {
      tasks += 1;
      return `task-token-${tasks}`;
    },
    // The fake knows no tasks, only the tokens that no longer wait.
    timeOut: (taskToken) => {
      callbacks.gone.add(taskToken);
    },
    unknownToken: () => {
      callbacks.gone.add('not-a-task-token');
      return 'not-a-task-token';
    },
    answerOf: (taskToken) => {
      const answer = callbacks.answers.find((a) => a.taskToken === taskToken);
      if (answer === undefined) {
        return undefined;
      }
      return answer.kind === 'success'
        ? { kind: 'success', output: answer.output }
        : { kind: 'failure', error: answer.error, cause: answer.cause };
    },
  };
});

describeTaskCallbacksContract('SfnTaskCallbacks', async () => {
  // Created here, after useLocalAws pointed AWS_ENDPOINT_URL_SFN at the
  // emulator (its tasks are cleared before each case).
  const { stepFunctions } = local();
  return {
    callbacks: new SfnTaskCallbacks({
      client: new SFNClient({ maxAttempts: 1 }),
    }),
    waitingTask: () => stepFunctions.createTaskToken(),
    timeOut: (taskToken) => stepFunctions.timeOut(taskToken),
    unknownToken: () => `AQ${'A'.repeat(640)}`,
    answerOf: (taskToken) => {
      const task = stepFunctions.task(taskToken);
      if (task.status === 'succeeded') {
        return { kind: 'success', output: task.output };
      }
      return task.status === 'failed'
        ? { kind: 'failure', error: task.error ?? '', cause: task.cause ?? '' }
        : undefined;
    },
  };
});
