/** A claim of an alarm rule's cool-down by one transition into ALARM. */
export interface AlarmCoolDownClaim {
  /** The rule, by what it matches (its exact alarm name or its prefix). */
  readonly ruleKey: string;
  readonly alarmArn: string;
  /**
   * When the alarm entered ALARM (`detail.state.timestamp`): what tells a
   * redelivery of the same transition from a new flap.
   */
  readonly stateTimestamp: Date;
  /** The end of the cool-down this transition starts; after `stateTimestamp`. */
  readonly until: Date;
}

/**
 * What a claim found:
 * - `claimed`: no cool-down held; this transition now holds it until `until`;
 * - `same-transition`: this very transition holds it already (a redelivery,
 *   perhaps after a crash): go on, the request key makes it one restore;
 * - `cooling-down`: another transition of the alarm holds it past this
 *   one's state timestamp: start nothing.
 */
export type AlarmCoolDownResult =
  | 'claimed'
  | 'same-transition'
  | 'cooling-down';

/**
 * Per rule and alarm, the cool-down after a transition into ALARM, so that
 * a flapping alarm starts one restore per cool-down, not one per flap
 * (DynamoDB in production). Windows are measured on the transitions' state
 * timestamps, not on the time of delivery, so a late or repeated delivery
 * is judged as the transition it carries. A claim is never released: the
 * cool-down holds even when the restore it was claimed for is rejected
 * later (a flap would most likely be rejected the same way).
 */
export interface AlarmCoolDown {
  /**
   * Claims the cool-down with one conditional write: it succeeds when no
   * claim of the rule and alarm holds past `stateTimestamp`.
   *
   * @throws AppError (from the AWS error mapping) when the store fails
   */
  claim(claim: AlarmCoolDownClaim): Promise<AlarmCoolDownResult>;
}
