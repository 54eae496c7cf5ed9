import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { assertAirportScope } from '@biogate/service-runtime';
import { BoardingStore } from '../../persistence/boarding-store';
import { FlightManifestQuery } from './flight-manifest.query';

export interface FlightManifest {
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
  readonly airport: string;
  readonly boarding: { readonly state: 'NOT_OPENED' | 'OPEN' | 'CLOSED'; readonly gate?: string };
  readonly checkedIn: number;
  readonly boarded: readonly {
    passengerId: string;
    seat: string;
    gate: string;
    lane: string;
    boardedAt: string;
  }[];
  readonly missing: readonly { passengerId: string; seat: string; securityCleared: boolean }[];
}

/** Who boarded, through which lane, and who (checked in) is still missing. */
@QueryHandler(FlightManifestQuery)
export class FlightManifestHandler implements IQueryHandler<FlightManifestQuery, FlightManifest> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly store: BoardingStore,
  ) {}

  async execute({ principal, flight }: FlightManifestQuery): Promise<FlightManifest> {
    assertAirportScope(principal, flight.airport);
    const key = {
      carrier: flight.carrier,
      flightNumber: flight.number,
      departureDate: flight.date,
      origin: flight.airport,
    };
    const [passes, boarding] = await this.unitOfWork.read(async (em) => [
      await this.store.manifestPasses(em, key),
      await this.store.flightBoarding(em, key),
    ]);
    return {
      carrier: flight.carrier,
      number: flight.number,
      date: flight.date,
      airport: flight.airport,
      boarding: boarding ? { state: boarding.state, gate: boarding.gate } : { state: 'NOT_OPENED' },
      checkedIn: passes.length,
      boarded: passes.flatMap(({ passengerId, seat, boarded }) =>
        boarded === null
          ? []
          : [
              {
                passengerId,
                seat,
                gate: boarded.gate,
                lane: boarded.lane,
                boardedAt: boarded.at.toISOString(),
              },
            ],
      ),
      missing: passes
        .filter((p) => p.boarded === null)
        .map(({ passengerId, seat, securityCleared }) => ({ passengerId, seat, securityCleared })),
    };
  }
}
