/**
 * The `RedrivePolicy` of a queue: its validation, and the move of a message
 * that used up `maxReceiveCount` to the dead-letter queue (same MessageId,
 * body and attributes; receive count restarted (UNVERIFIED);
 * `DeadLetterQueueSourceArn` set, an attribute AWS does not document, see
 * docs/events.md).
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 */
import { z } from 'zod';
import { SqsError } from './sqs-errors.js';

const redrivePolicySchema = z.object({
  deadLetterTargetArn: z.string(),
  maxReceiveCount: z.coerce.number().int().min(1).max(1000),
});

/** A validated redrive policy. */
export type RedrivePolicy = z.output<typeof redrivePolicySchema>;

/**
 * Validates `{"deadLetterTargetArn":…,"maxReceiveCount":1–1000}`; the
 * target must exist.
 *
 * @returns the policy in its stored JSON form
 * @throws SqsError `InvalidAttributeValue`
 * @example
 * ```ts
 * validateRedrivePolicy('{"deadLetterTargetArn":"arn:…","maxReceiveCount":5}', byArn);
 * ```
 */
export const validateRedrivePolicy = (
  raw: string,
  queueByArn: (arn: string) => { arn: string } | undefined
): string => {
  const invalid = (reason: string): SqsError =>
    new SqsError(
      'InvalidAttributeValue',
      `Value ${raw} for parameter RedrivePolicy is invalid. Reason: ${reason}`
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('Invalid JSON.');
  }
  const policy = redrivePolicySchema.safeParse(parsed);
  if (!policy.success) {
    throw invalid(
      'Redrive policy must contain deadLetterTargetArn and a maxReceiveCount from 1 to 1000.'
    );
  }
  const target = queueByArn(policy.data.deadLetterTargetArn);
  if (target === undefined) {
    throw invalid('Dead letter target does not exist.');
  }
  return JSON.stringify({
    deadLetterTargetArn: target.arn,
    maxReceiveCount: policy.data.maxReceiveCount,
  });
};

/**
 * A queue's stored redrive policy.
 *
 * @example
 * ```ts
 * redrivePolicyOf(queue.attributes)?.maxReceiveCount;
 * ```
 */
export const redrivePolicyOf = (
  attributes: ReadonlyMap<string, string>
): RedrivePolicy | undefined => {
  const stored = attributes.get('RedrivePolicy');
  return stored === undefined
    ? undefined
    : redrivePolicySchema.parse(JSON.parse(stored));
};
