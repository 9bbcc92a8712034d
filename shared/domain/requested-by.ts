import * as z from 'zod';

/**
 * A Step Functions execution ARN, as `$$.Execution.Id` gives it:
 * `arn:<partition>:states:<region>:<account>:execution:<state machine>:<name>`
 * (a Map Run's child adds `/<label>` to the state machine), in printable
 * ASCII.
 */
export const STEP_FUNCTIONS_EXECUTION_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[!-9;-~]+:[!-~]+$/;

const AccountId = z.string().regex(/^\d{12}$/);

// Printable ASCII (what AWS puts in these fields) and bounded lengths keep
// the JSON of a RequestedBy under the 1,024 characters of a dead-letter
// message attribute, where the adapter would cut it, even with every `"`
// escaped.
const Token = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[!-~]+$/);

const ViaSqs = z
  .strictObject({
    via: z.literal('sqs'),
    senderId: Token.meta({
      description:
        'The SenderId SQS reports for the message: the IAM user id, the role id with its session name (AROA…:session), or an account id.',
    }),
  })
  .meta({ description: 'Sent to the request queue.' });

const ViaEventBridge = z
  .strictObject({
    via: z.literal('eventbridge'),
    account: AccountId.meta({
      description: 'The account that put the event (the envelope `account`).',
    }),
    source: Token.meta({
      description: 'The event `source`.',
    }),
  })
  .meta({ description: 'A "Restore Requested" EventBridge event.' });

const ViaAlarm = z
  .strictObject({
    via: z.literal('alarm'),
    account: AccountId.meta({ description: "The alarm's account." }),
    alarmArn: z
      .string()
      .max(400)
      .regex(/^arn:aws[a-z-]*:cloudwatch:[ -~]+$/)
      .meta({ description: "The alarm's ARN (the event's only resource)." }),
  })
  .meta({ description: 'A CloudWatch alarm entering ALARM.' });

const ViaInvoke = z
  .strictObject({
    via: z.literal('invoke'),
    executionArn: z
      .string()
      // Step Functions ARNs are at most 256 characters.
      .max(256)
      .regex(STEP_FUNCTIONS_EXECUTION_ARN)
      .optional()
      .meta({
        description:
          "The Step Functions execution the request's context.executionArn names, as the caller states it (Lambda does not tell a function who invoked it).",
      }),
  })
  .meta({ description: 'A direct invocation of invoke-restore.' });

const ViaCli = z
  .strictObject({ via: z.literal('cli') })
  .meta({ description: "restore-relay's command line." });

/**
 * Who sent a restore request, as far as AWS tells restore-relay: told apart
 * by `via`, the source it came through. Never a value of the request's
 * metadata.
 */
export const RequestedBySchema = z
  .discriminatedUnion('via', [
    ViaSqs,
    ViaEventBridge,
    ViaAlarm,
    ViaInvoke,
    ViaCli,
  ])
  .meta({
    // One definition in the JSON Schema ($defs), referenced by every type.
    id: 'RequestedBy',
    description:
      'Who sent the request, where AWS says: the SQS SenderId, the EventBridge account and source, the alarm, or the Step Functions execution of a direct invocation.',
  });

/** Who sent a restore request ({@link RequestedBySchema}). */
export type RequestedBy = z.infer<typeof RequestedBySchema>;

/**
 * Reads a {@link RequestedBy} from what a source saw; undefined when it does
 * not fit (a field AWS always sends is missing or malformed), so that an odd
 * sender never fails the notification that names it.
 *
 * @example
 * ```ts
 * parseRequestedBy({ via: 'sqs', senderId: 'AROAEXAMPLEROLEID:producer' });
 * // { via: 'sqs', senderId: 'AROAEXAMPLEROLEID:producer' }
 * parseRequestedBy({ via: 'eventbridge', source: 'orders.app' }); // undefined
 * ```
 */
export const parseRequestedBy = (
  candidate: unknown
): RequestedBy | undefined => {
  const parsed = RequestedBySchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
};
