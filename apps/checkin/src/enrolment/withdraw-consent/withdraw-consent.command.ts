import type { Principal } from '@biogate/service-runtime';

export class WithdrawConsentCommand {
  constructor(
    readonly principal: Principal,
    readonly enrolmentId: string,
    readonly correlationId: string,
  ) {}
}
