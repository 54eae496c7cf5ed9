import type { Principal } from '@biogate/service-runtime';
import type { FlightAtAirportDto } from '../flight-key.dto';

export class FlightManifestQuery {
  constructor(
    readonly principal: Principal,
    readonly flight: FlightAtAirportDto,
  ) {}
}
