import type { Principal } from '@biogate/service-runtime';

export class PassengerJourneyQuery {
  constructor(
    readonly principal: Principal,
    readonly passengerId: string,
  ) {}
}
