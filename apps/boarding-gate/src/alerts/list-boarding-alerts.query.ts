import type { Principal } from '@biogate/service-runtime';

export class ListBoardingAlertsQuery {
  constructor(
    readonly principal: Principal,
    readonly airport: string,
    readonly limit: number,
  ) {}
}
