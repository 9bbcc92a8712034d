/**
 * A wire-level emulator of the AWS Step Functions callback API restore-relay
 * calls (`SendTaskSuccess`, `SendTaskFailure`), for integration tests that
 * run the real `@aws-sdk/client-sfn` against a local `node:http` server. It
 * stands in for a state machine paused on a `.waitForTaskToken` task: tests
 * create task tokens, hand them to the code under test, and check how each
 * task was answered.
 *
 * Protocol: **AWS JSON 1.0** (checked with `@aws-sdk/client-sfn@3.1162.0`;
 * `x-amz-target: AWSStepFunctions.<Operation>`, success 200 `{}`). Errors
 * are `{"__type":"<namespace>#<Name>","message":…}`: service errors in
 * `com.amazonaws.swf.service.v2.model#`, model constraint violations in
 * `com.amazon.coral.validate#ValidationException`, as real Step Functions
 * answers (observed against AWS by fujitsu/aws-api-step-functions tests and
 * a 2026 Rust re-implementation; not in the AWS docs). The SDK strips the
 * namespace.
 *
 * Behaviour:
 * - `createTaskToken()` returns a new opaque token, `AQ` and 640 base64
 *   characters (real ones are long base64 strings, format UNVERIFIED).
 * - Model constraints first, all at once, as one 400 `ValidationException`
 *   "N validation error(s) detected: Value at '<member>' failed to satisfy
 *   constraint: …": `taskToken` required, 1–2048 characters; `output`
 *   required, at most 262,144 UTF-8 bytes; `error` at most 256 and `cause`
 *   at most 32,768 characters (the `cause` answer is the one AWS gave in
 *   irothschild/stefuna#8, the `output` null one the fujitsu tests'). An
 *   `output` over the limit is therefore a `ValidationException`, not
 *   `InvalidOutput` (UNVERIFIED; AWS answers `cause` that way).
 * - A token never issued → 400 `InvalidToken` "Invalid Token: 'Invalid
 *   token'" (AWS's answer to the fujitsu tests' `FakeTaskToken`).
 * - A task already answered or timed out → 400 `TaskTimedOut` "Task Timed
 *   Out: 'Provided task does not exist anymore'" (API reference: "the task
 *   token has either expired or the task associated with the token has
 *   already been closed"; the message AWS returns for a late callback,
 *   10printiamcool.com, 2022). `TaskDoesNotExist` is an activity error and
 *   never answered.
 * - Then an `output` that is not JSON → 400 `InvalidOutput` (text and
 *   order UNVERIFIED); a JSON scalar is accepted.
 * - `timeOut(token)` ends a waiting task as a state's timeout would;
 *   nothing times out by itself. `answeredAt` is on the emulator clock.
 * - An unknown target, method or content type → 400
 *   `UnknownOperationException` (ASSUMPTION); a body that is not a JSON
 *   object → 400 `SerializationException`.
 * - Faults as in the other emulators; a reset with `afterEffect` answers
 *   the task without telling the caller, so the SDK's retry meets
 *   `TaskTimedOut`.
 * - Not modelled: `SendTaskHeartbeat` (restore-relay never sends it),
 *   executions, activities, KMS errors, signatures.
 *
 * Control plane (under `/_emulator/`): `GET tasks`, `POST tasks
 * {"name"?:…}` (answers `{ taskToken }`), and the shared ones
 * (wire-emulator.ts).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
 * @see docs/development.md#emulator-discipline
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { type AwsJsonCall, AwsJsonEmulator } from './aws-json-emulator.js';
import { type ErrorCodeOutcome, errorCodeOutcome } from './call-record.js';
import { bodyRoute, type ControlRoutes, jsonRoute } from './control-plane.js';
import { createClock, type EmulatorClock } from './emulator-clock.js';
import { ServiceError } from './service-error.js';
import type {
  EmulatorHandle,
  LatencyPatch,
  WireEmulatorOptions,
} from './wire-emulator.js';

/** The Step Functions operations the emulator implements. */
export const STEP_FUNCTIONS_OPERATIONS = [
  'SendTaskSuccess',
  'SendTaskFailure',
] as const;

/** One of {@link STEP_FUNCTIONS_OPERATIONS}. */
export type StepFunctionsOperation = (typeof STEP_FUNCTIONS_OPERATIONS)[number];

/** Largest SendTaskSuccess `output`, in UTF-8 bytes. */
export const SFN_MAX_OUTPUT_BYTES = 262_144;

/** Longest task token. */
export const SFN_MAX_TASK_TOKEN_LENGTH = 2048;

/** Longest SendTaskFailure `error`. */
export const SFN_MAX_ERROR_LENGTH = 256;

/** Longest SendTaskFailure `cause`. */
export const SFN_MAX_CAUSE_LENGTH = 32_768;

const TARGET_PREFIX = 'AWSStepFunctions.';
const SERVICE_NAMESPACE = 'com.amazonaws.swf.service.v2.model';
const ERROR_NAMESPACES: Readonly<Record<string, string>> = {
  ValidationException: 'com.amazon.coral.validate',
  UnknownOperationException: 'com.amazon.coral.service',
  SerializationException: 'com.amazon.coral.service',
};
const SERVICE_ERRORS: ReadonlySet<string> = new Set([
  'InvalidOutput',
  'InvalidToken',
  'TaskDoesNotExist',
  'TaskTimedOut',
  'KmsAccessDeniedException',
  'KmsInvalidStateException',
  'KmsThrottlingException',
]);
// A JSON-escaped 256 KiB output can be six times its size (`\uXXXX`);
// anything beyond this is refused without keeping it in memory.
const MAX_REQUEST_BYTES = 8 * SFN_MAX_OUTPUT_BYTES;
const TOKEN_RANDOM_BYTES = 480;

/** Where a callback task stands. */
export type CallbackTaskStatus =
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'timed-out';

/** A task waiting for (or given) its callback. */
export interface CallbackTask {
  taskToken: string;
  name?: string;
  status: CallbackTaskStatus;
  /** SendTaskSuccess `output`, parsed. */
  output?: unknown;
  /** SendTaskFailure `error`. */
  error?: string;
  /** SendTaskFailure `cause`. */
  cause?: string;
  /** When SendTaskSuccess or SendTaskFailure answered it (emulator clock). */
  answeredAt?: string;
}

type StepFunctionsResult =
  | { kind: 'ok'; status: number; taskName?: string }
  | ErrorCodeOutcome;

/** One request the emulator received (control-plane calls excluded). */
export type StepFunctionsCall = AwsJsonCall<StepFunctionsResult>;

/** Options for {@link startStepFunctionsEmulator}. */
export interface StepFunctionsEmulatorOptions
  extends WireEmulatorOptions<StepFunctionsOperation> {
  /** Clock for `answeredAt`. Default: real time. */
  clock?: EmulatorClock | undefined;
}

/** A running Step Functions emulator. */
export interface StepFunctionsEmulator
  extends EmulatorHandle<StepFunctionsOperation, StepFunctionsCall> {
  readonly clock: EmulatorClock;
  /** Calls of one operation. */
  callsTo(operation: StepFunctionsOperation): StepFunctionsCall[];
  /** Creates a waiting task and returns its new token. */
  createTaskToken(options?: { name?: string | undefined }): string;
  /** Every task, oldest first. */
  tasks(): CallbackTask[];
  /** One task. @throws Error when the token was not issued here */
  task(taskToken: string): CallbackTask;
  /**
   * Times a waiting task out, as the state's timeout would.
   *
   * @throws Error when the token is unknown or the task no longer waits
   */
  timeOut(taskToken: string): void;
  /** Sets the latency knob. */
  configure(patch: LatencyPatch<StepFunctionsOperation>): void;
  /** Clears tasks, calls, faults and latency. The clock keeps its time. */
  reset(): void;
}

type Json = Record<string, unknown>;

interface StoredTask {
  taskToken: string;
  name: string | undefined;
  status: CallbackTaskStatus;
  output: unknown;
  error: string | undefined;
  cause: string | undefined;
  answeredAt: number | undefined;
}

/**
 * A member as the service model sees it: a string, absent, or of the wrong
 * type (a deserialisation error).
 */
const stringMember = (input: Json, name: string): string | undefined => {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ServiceError(
      'SerializationException',
      400,
      `${name} must be a string.`
    );
  }
  return value;
};

/**
 * Collects model constraint violations the way coral words them and throws
 * one ValidationException for all of them.
 */
class Violations {
  readonly #found: string[] = [];

  required(name: string, value: string | undefined): void {
    if (value === undefined) {
      this.#found.push(
        `Value at '${name}' failed to satisfy constraint: Member must not be null`
      );
    }
  }

  length(
    name: string,
    length: number | undefined,
    min: number,
    max: number
  ): void {
    if (length === undefined) {
      return;
    }
    if (length < min) {
      this.#found.push(
        `Value at '${name}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`
      );
    } else if (length > max) {
      this.#found.push(
        `Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${max}`
      );
    }
  }

  throwIfAny(): void {
    const count = this.#found.length;
    if (count > 0) {
      throw new ServiceError(
        'ValidationException',
        400,
        `${count} validation error${count === 1 ? '' : 's'} detected: ${this.#found.join('; ')}`
      );
    }
  }
}

class StepFunctionsEmulatorImpl
  extends AwsJsonEmulator<StepFunctionsOperation, StepFunctionsResult>
  implements StepFunctionsEmulator
{
  readonly clock: EmulatorClock;

  /** By token, in creation order. */
  readonly #tasks = new Map<string, StoredTask>();

  constructor(options: StepFunctionsEmulatorOptions) {
    const clock = options.clock ?? createClock();
    super({
      ...options,
      clock,
      operations: STEP_FUNCTIONS_OPERATIONS,
      internalErrorName: 'InternalFailure',
      describeError: errorCodeOutcome,
      protocol: {
        version: '1.0',
        targetPrefix: TARGET_PREFIX,
        maxRequestBytes: MAX_REQUEST_BYTES,
        tooLarge: () =>
          new ServiceError(
            'ValidationException',
            400,
            `1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${SFN_MAX_OUTPUT_BYTES}`
          ),
        serializationException: (message) =>
          new ServiceError('SerializationException', 400, message),
      },
    });
    this.clock = clock;
  }

  callsTo(operation: StepFunctionsOperation): StepFunctionsCall[] {
    return this.callsOf(operation);
  }

  createTaskToken(options: { name?: string | undefined } = {}): string {
    const taskToken = `AQ${randomBytes(TOKEN_RANDOM_BYTES).toString('base64')}`;
    this.#tasks.set(taskToken, {
      taskToken,
      name: options.name,
      status: 'waiting',
      output: undefined,
      error: undefined,
      cause: undefined,
      answeredAt: undefined,
    });
    return taskToken;
  }

  tasks(): CallbackTask[] {
    return [...this.#tasks.values()].map((task) => this.#view(task));
  }

  task(taskToken: string): CallbackTask {
    return this.#view(this.#helperTask(taskToken));
  }

  timeOut(taskToken: string): void {
    const task = this.#helperTask(taskToken);
    if (task.status !== 'waiting') {
      throw new Error(`the task is ${task.status}, not waiting`);
    }
    task.status = 'timed-out';
  }

  protected override resetState(): void {
    this.#tasks.clear();
  }

  #helperTask(taskToken: string): StoredTask {
    const task = this.#tasks.get(taskToken);
    if (task === undefined) {
      throw new Error('no such task token in the Step Functions emulator');
    }
    return task;
  }

  #view(task: StoredTask): CallbackTask {
    return {
      taskToken: task.taskToken,
      ...(task.name === undefined ? {} : { name: task.name }),
      status: task.status,
      ...(task.output === undefined
        ? {}
        : { output: structuredClone(task.output) }),
      ...(task.error === undefined ? {} : { error: task.error }),
      ...(task.cause === undefined ? {} : { cause: task.cause }),
      ...(task.answeredAt === undefined
        ? {}
        : { answeredAt: new Date(task.answeredAt).toISOString() }),
    };
  }

  protected sendError(res: ServerResponse, error: ServiceError): void {
    const namespace =
      ERROR_NAMESPACES[error.code] ??
      (SERVICE_ERRORS.has(error.code) ? SERVICE_NAMESPACE : undefined);
    this.sendJson(res, error.status, {
      __type:
        namespace === undefined ? error.code : `${namespace}#${error.code}`,
      message: error.message,
    });
  }

  protected perform(
    operation: StepFunctionsOperation,
    input: Json,
    call: StepFunctionsCall
  ): Json {
    const taskToken = stringMember(input, 'taskToken');
    const violations = new Violations();
    violations.required('taskToken', taskToken);
    violations.length(
      'taskToken',
      taskToken?.length,
      1,
      SFN_MAX_TASK_TOKEN_LENGTH
    );
    switch (operation) {
      case 'SendTaskSuccess': {
        const output = stringMember(input, 'output');
        violations.required('output', output);
        violations.length(
          'output',
          output === undefined ? undefined : Buffer.byteLength(output),
          0,
          SFN_MAX_OUTPUT_BYTES
        );
        violations.throwIfAny();
        const task = this.#openTask(taskToken);
        let parsed: unknown;
        try {
          parsed = JSON.parse(output ?? '');
        } catch (error) {
          throw new ServiceError(
            'InvalidOutput',
            400,
            `Invalid Output: '${error instanceof Error ? error.message : String(error)}'`
          );
        }
        task.status = 'succeeded';
        task.output = parsed;
        task.answeredAt = this.clock.now();
        return this.#answered(task, call);
      }
      case 'SendTaskFailure': {
        const error = stringMember(input, 'error');
        const cause = stringMember(input, 'cause');
        violations.length('error', error?.length, 0, SFN_MAX_ERROR_LENGTH);
        violations.length('cause', cause?.length, 0, SFN_MAX_CAUSE_LENGTH);
        violations.throwIfAny();
        const task = this.#openTask(taskToken);
        task.status = 'failed';
        task.error = error;
        task.cause = cause;
        task.answeredAt = this.clock.now();
        return this.#answered(task, call);
      }
    }
  }

  /** The waiting task a (validated) token names. */
  #openTask(taskToken: string | undefined): StoredTask {
    const task =
      taskToken === undefined ? undefined : this.#tasks.get(taskToken);
    if (task === undefined) {
      throw new ServiceError(
        'InvalidToken',
        400,
        "Invalid Token: 'Invalid token'"
      );
    }
    if (task.status !== 'waiting') {
      throw new ServiceError(
        'TaskTimedOut',
        400,
        "Task Timed Out: 'Provided task does not exist anymore'"
      );
    }
    return task;
  }

  #answered(task: StoredTask, call: StepFunctionsCall): Json {
    call.outcome = {
      kind: 'ok',
      status: 200,
      ...(task.name === undefined ? {} : { taskName: task.name }),
    };
    return {};
  }

  protected override controlRoutes(): ControlRoutes {
    return {
      'GET /_emulator/tasks': jsonRoute(() => this.tasks()),
      'POST /_emulator/tasks': bodyRoute(
        z.strictObject({ name: z.string().min(1).optional() }),
        (body) => ({ taskToken: this.createTaskToken({ name: body.name }) })
      ),
    };
  }
}

/**
 * Starts a Step Functions emulator on `127.0.0.1` (a free port by default).
 *
 * @example
 * ```ts
 * const sfn = await startStepFunctionsEmulator();
 * const taskToken = sfn.createTaskToken({ name: 'WaitForRestore' });
 * // … SFNClient({ endpoint: sfn.url }) sends SendTaskSuccess with '{"ok":true}' …
 * sfn.task(taskToken); // { status: 'succeeded', output: { ok: true }, … }
 * ```
 */
export const startStepFunctionsEmulator = async (
  options: StepFunctionsEmulatorOptions = {}
): Promise<StepFunctionsEmulator> =>
  new StepFunctionsEmulatorImpl(options).start(options);
