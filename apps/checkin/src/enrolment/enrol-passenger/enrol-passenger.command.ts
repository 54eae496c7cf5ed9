import type { Principal } from '@biogate/service-runtime';
import type { EnrolPassengerRequestDto } from './enrol-passenger.request.dto';

export class EnrolPassengerCommand {
  constructor(
    readonly principal: Principal,
    readonly request: EnrolPassengerRequestDto,
    readonly correlationId: string,
  ) {}
}
