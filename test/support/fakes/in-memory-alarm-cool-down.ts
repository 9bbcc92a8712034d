import type {
  AlarmCoolDown,
  AlarmCoolDownClaim,
  AlarmCoolDownResult,
} from '#shared/ports/alarm-cool-down';

/**
 * A fake alarm cool-down with the DynamoDB adapter's semantics: one holder
 * per rule and alarm, replaced once its window ended at or before the new
 * transition; every claim is kept, in order; `failWith` makes it fail.
 */
export class InMemoryAlarmCoolDown implements AlarmCoolDown {
  readonly claims: AlarmCoolDownClaim[] = [];
  readonly #holders = new Map<string, AlarmCoolDownClaim>();
  failWith: Error | undefined;

  async claim(claim: AlarmCoolDownClaim): Promise<AlarmCoolDownResult> {
    this.claims.push(claim);
    if (this.failWith !== undefined) {
      throw this.failWith;
    }
    const key = `${claim.ruleKey}\n${claim.alarmArn}`;
    const holder = this.#holders.get(key);
    if (
      holder === undefined ||
      holder.until.getTime() <= claim.stateTimestamp.getTime()
    ) {
      this.#holders.set(key, claim);
      return 'claimed';
    }
    return holder.stateTimestamp.getTime() === claim.stateTimestamp.getTime()
      ? 'same-transition'
      : 'cooling-down';
  }
}
