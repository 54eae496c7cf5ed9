import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Sse,
  type MessageEvent,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { DepartingFlightDto, NotFoundError } from '@biogate/contracts';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import {
  AIRPORT_REGISTRY,
  AllowRoles,
  ApiPathParam,
  ApiQueryFrom,
  assertAirportScope,
  assertKnownAirport,
  CorrelationId,
  CurrentPrincipal,
  PATH_PARAMS,
  type Principal,
} from '@biogate/service-runtime';
import { OperationsStore } from '../persistence/operations-store';
import { AirportOverviewReader } from './airport-overview';
import type {
  AirportOverview,
  AlertRow,
  ConsoleSession,
  FlightManifest,
  PassengerJourney,
} from './operations-views';
import { AlertFilterDto } from './operations-queries.dto';
import { OverviewStream } from './overview-stream';
import {
  QueueReadingsRequestDto,
  RecordQueueReadingsCommand,
  type QueueReadingsAccepted,
} from '../queues/record-queue-readings';

/**
 * The operators' read side: an airport's overview (also pushed live), its alerts, a flight's
 * manifest and a passenger's steps there. An operator sees its own airport; QA all of them.
 */
@ApiTags('operations')
@Controller('v1/operations')
@AllowRoles('OPERATOR', 'QA')
export class OperationsHttpController {
  constructor(
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly reader: AirportOverviewReader,
    private readonly stream: OverviewStream,
    private readonly store: OperationsStore,
    private readonly commands: CommandBus,
  ) {}

  @Get('session')
  session(@CurrentPrincipal() principal: Principal): ConsoleSession {
    return {
      name: principal.name,
      role: principal.role,
      airports:
        principal.role === 'OPERATOR'
          ? [principal.airport]
          : this.airports.list().map((airport) => airport.code),
    };
  }

  @Get('airports/:airport/overview')
  @ApiPathParam('airport', 'airport')
  overview(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
  ): Promise<AirportOverview> {
    this.assertMayWatch(principal, airport);
    return this.reader.overview(airport);
  }

  /** Server-Sent Events: `overview` after each change (at most every 200 ms) and every second. */
  @Sse('airports/:airport/stream')
  @ApiPathParam('airport', 'airport')
  live(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
  ): Observable<MessageEvent> {
    this.assertMayWatch(principal, airport);
    return this.stream.of(airport);
  }

  @Get('airports/:airport/alerts')
  @ApiPathParam('airport', 'airport')
  @ApiQueryFrom(AlertFilterDto)
  alerts(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
    @Query() query: AlertFilterDto,
  ): Promise<AlertRow[]> {
    this.assertMayWatch(principal, airport);
    const limit = query.limit === undefined ? 100 : Number(query.limit);
    return this.unitOfWork.read((em) =>
      this.store.alerts(em, airport, { ...(query.kind ? { kind: query.kind } : {}), limit }),
    );
  }

  @Get('airports/:airport/manifest')
  @ApiPathParam('airport', 'airport')
  @ApiQueryFrom(DepartingFlightDto)
  manifest(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
    @Query() query: DepartingFlightDto,
  ): Promise<FlightManifest> {
    this.assertMayWatch(principal, airport);
    const flight = { airport, carrier: query.carrier, number: query.number, date: query.date };
    return this.unitOfWork.read(async (em) => ({
      flight,
      passengers: await this.store.manifest(em, flight),
    }));
  }

  /** A passenger's steps at this airport; 404 for anyone who has none here. */
  @Get('airports/:airport/passengers/:passengerId')
  @ApiPathParam('airport', 'airport')
  @ApiPathParam('passengerId', 'uuid')
  async journey(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
    @Param('passengerId', PATH_PARAMS.uuid()) passengerId: string,
  ): Promise<PassengerJourney> {
    this.assertMayWatch(principal, airport);
    const journey = await this.unitOfWork.read((em) =>
      this.store.journey(em, airport, passengerId),
    );
    if (journey === null) {
      throw new NotFoundError(`no passenger ${passengerId} has a journey at ${airport}`);
    }
    return journey;
  }

  /** Queue sensors' readings (what the live day plays too); 202: the console shows them soon. */
  @Post('airports/:airport/queues')
  @HttpCode(202)
  @ApiPathParam('airport', 'airport')
  recordQueues(
    @CurrentPrincipal() principal: Principal,
    @Param('airport', PATH_PARAMS.airport()) airport: string,
    @Body() body: QueueReadingsRequestDto,
    @CorrelationId() correlationId: string,
  ): Promise<QueueReadingsAccepted> {
    this.assertMayWatch(principal, airport);
    return this.commands.execute(
      new RecordQueueReadingsCommand(principal, airport, body, correlationId),
    );
  }

  private assertMayWatch(principal: Principal, airport: string): void {
    assertKnownAirport(this.airports, airport, 'params.airport');
    assertAirportScope(principal, airport);
  }
}
