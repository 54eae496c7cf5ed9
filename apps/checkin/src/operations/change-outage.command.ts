import type { Instant, Outage } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';

export class ChangeOutageCommand {
  constructor(
    readonly principal: Principal,
    readonly airport: string,
    readonly outage: Outage,
    readonly inForce: boolean,
    /** The instant QA asked it to be decided at; the clock's now without. */
    readonly at?: Instant,
  ) {}
}
