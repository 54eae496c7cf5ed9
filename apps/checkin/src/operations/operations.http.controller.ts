import { Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OUTAGES, type Instant, type Outage } from '@biogate/domain';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import { outagesAt } from '@biogate/airport-outages';
import {
  AIRPORT_REGISTRY,
  AllowRoles,
  assertKnownAirport,
  ApiPathParam,
  assertAirportScope,
  CurrentPrincipal,
  PATH_PARAMS,
  type Principal,
  DecisionInstant,
} from '@biogate/service-runtime';
import { CHECKIN_SCHEMA } from '../persistence/checkin-persistence';
import { ChangeOutageCommand } from './change-outage.command';
import type { AirportOutagesView } from './change-outage.handler';

/** PUT declares an outage, DELETE clears it: both idempotent; GET lists what is down. */
@Controller('v1/airports/:airport/outages')
export class OperationsHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
  ) {}

  @Get()
  @ApiPathParam('airport', 'airport')
  @AllowRoles('OPERATOR', 'QA')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
  ): Promise<AirportOutagesView> {
    checked(this.airports, airport);
    assertAirportScope(principal, airport);
    return {
      airport,
      outages: await this.unitOfWork.read((em) => outagesAt(em, CHECKIN_SCHEMA, airport)),
    };
  }

  @Put(':outage')
  @ApiPathParam('airport', 'airport')
  @ApiPathParam('outage', OUTAGES)
  @HttpCode(200)
  @AllowRoles('OPERATOR', 'QA')
  declare(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
    @Param('outage', PATH_PARAMS.outage(OUTAGES)) outage: Outage,
    @DecisionInstant() at: Instant,
  ): Promise<AirportOutagesView> {
    return this.commands.execute(
      new ChangeOutageCommand(principal, checked(this.airports, airport), outage, true, at),
    );
  }

  @Delete(':outage')
  @ApiPathParam('airport', 'airport')
  @ApiPathParam('outage', OUTAGES)
  @AllowRoles('OPERATOR', 'QA')
  clear(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
    @Param('outage', PATH_PARAMS.outage(OUTAGES)) outage: Outage,
    @DecisionInstant() at: Instant,
  ): Promise<AirportOutagesView> {
    return this.commands.execute(
      new ChangeOutageCommand(principal, checked(this.airports, airport), outage, false, at),
    );
  }
}

function checked(airports: AirportRegistry, airport: string): string {
  assertKnownAirport(airports, airport, 'params.airport');
  return airport;
}
