import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AirportAlertsQueryDto, alertLimit } from '@biogate/lane-gate';
import {
  AllowRoles,
  ApiQueryFrom,
  CurrentPrincipal,
  type Principal,
  CorrelationId,
  DecisionInstant,
} from '@biogate/service-runtime';
import type { Instant } from '@biogate/domain';
import type { BoardingAlertView } from './alerts/boarding-alert';
import { ListBoardingAlertsQuery } from './alerts/list-boarding-alerts.query';
import type { FlightBoardingView } from './flights/flight-boarding.view';
import { FlightAtAirportDto, OpenBoardingRequestDto } from './flights/flight-key.dto';
import type { FlightManifest } from './flights/flight-manifest/flight-manifest.handler';
import { FlightManifestQuery } from './flights/flight-manifest/flight-manifest.query';
import { ChangeBoardingCommand } from './flights/open-boarding/change-boarding.command';
import type { BoardingPresentationView } from './presentations/boarding-presentation.view';
import { PresentAtBoardingCommand } from './presentations/present-at-boarding/present-at-boarding.command';
import { PresentAtBoardingRequestDto } from './presentations/present-at-boarding/present-at-boarding.request.dto';

/** Airport operators open and close boarding, drive the gates, read manifests and alerts. */
@Controller('v1/boarding')
export class BoardingHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('flights/open')
  @HttpCode(200)
  @AllowRoles('OPERATOR', 'QA')
  open(
    @CurrentPrincipal() principal: Principal,
    @Body() body: OpenBoardingRequestDto,
    @DecisionInstant() at: Instant,
  ): Promise<FlightBoardingView> {
    return this.commands.execute(
      new ChangeBoardingCommand(principal, body, { state: 'OPEN', gate: body.gate }, at),
    );
  }

  @Post('flights/close')
  @HttpCode(200)
  @AllowRoles('OPERATOR', 'QA')
  close(
    @CurrentPrincipal() principal: Principal,
    @Body() body: FlightAtAirportDto,
    @DecisionInstant() at: Instant,
  ): Promise<FlightBoardingView> {
    return this.commands.execute(
      new ChangeBoardingCommand(principal, body, { state: 'CLOSED' }, at),
    );
  }

  /** Always 200: the decision (ALLOWED, REDIRECTED, REJECTED) is in the body. */
  @Post('presentations')
  @HttpCode(200)
  @AllowRoles('OPERATOR', 'QA')
  present(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PresentAtBoardingRequestDto,
    @CorrelationId() correlationId: string,
    @DecisionInstant() at: Instant,
  ): Promise<BoardingPresentationView> {
    return this.commands.execute(new PresentAtBoardingCommand(principal, body, correlationId, at));
  }

  @Get('flights/manifest')
  @ApiQueryFrom(FlightAtAirportDto)
  @AllowRoles('OPERATOR', 'QA')
  manifest(
    @CurrentPrincipal() principal: Principal,
    @Query() query: FlightAtAirportDto,
  ): Promise<FlightManifest> {
    return this.queries.execute(new FlightManifestQuery(principal, query));
  }

  @Get('alerts')
  @ApiQueryFrom(AirportAlertsQueryDto)
  @AllowRoles('OPERATOR', 'QA')
  alerts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AirportAlertsQueryDto,
  ): Promise<BoardingAlertView[]> {
    return this.queries.execute(
      new ListBoardingAlertsQuery(principal, query.airport, alertLimit(query.limit)),
    );
  }
}
