import type { Principal } from '@biogate/service-runtime';

export class PassengerChannelsQuery {
  constructor(
    readonly principal: Principal,
    readonly passengerId: string,
    /** Epoch ms; the clock's now when the caller gives no instant. */
    readonly at: number | undefined,
  ) {}
}
