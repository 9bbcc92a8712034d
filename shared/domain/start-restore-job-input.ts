/**
 * The exact input of `StartRestoreJob`, with the SDK's member names, as the
 * plan command prints it and as the Backup adapter sends it.
 *
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartRestoreJob.html
 */
export interface StartRestoreJobInput {
  readonly RecoveryPointArn: string;
  /** Every value a string (docs/resource-types.md#strings). Sensitive: never log values. */
  readonly Metadata: Readonly<Record<string, string>>;
  readonly IamRoleArn: string;
  /** Derived from the request key; never the SDK's random default. */
  readonly IdempotencyToken: string;
  readonly ResourceType: string;
  readonly CopySourceTagsToRestoredResource?: boolean;
}
