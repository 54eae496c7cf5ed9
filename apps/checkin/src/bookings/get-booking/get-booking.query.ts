import type { Principal } from '@biogate/service-runtime';

export class GetBookingQuery {
  constructor(
    readonly principal: Principal,
    readonly carrier: string,
    readonly pnr: string,
  ) {}
}
