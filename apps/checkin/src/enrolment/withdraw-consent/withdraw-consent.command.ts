import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';

export class WithdrawConsentCommand {
  constructor(
    readonly principal: Principal,
    readonly enrolmentId: string,
    readonly correlationId: string,
    /** The instant QA asked it to be decided at; the clock's now without. */
    readonly at?: Instant,
  ) {}
}
