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
import { ListSecurityAlertsQuery } from './alerts/list-security-alerts.query';
import type { SecurityAlertView } from './alerts/security-alert';
import { PresentAtSecurityCommand } from './presentations/present-at-security/present-at-security.command';
import { PresentAtSecurityRequestDto } from './presentations/present-at-security/present-at-security.request.dto';
import type { SecurityPresentationView } from './presentations/security-presentation.view';

/** Airport operators drive the security lanes of their airport and watch its alerts. */
@Controller('v1/security')
export class SecurityHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Always 200: the decision (ALLOWED, REDIRECTED, REJECTED) is in the body. */
  @Post('presentations')
  @HttpCode(200)
  @AllowRoles('OPERATOR', 'QA')
  present(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PresentAtSecurityRequestDto,
    @CorrelationId() correlationId: string,
    @DecisionInstant() at: Instant,
  ): Promise<SecurityPresentationView> {
    return this.commands.execute(new PresentAtSecurityCommand(principal, body, correlationId, at));
  }

  @Get('alerts')
  @ApiQueryFrom(AirportAlertsQueryDto)
  @AllowRoles('OPERATOR', 'QA')
  alerts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AirportAlertsQueryDto,
  ): Promise<SecurityAlertView[]> {
    return this.queries.execute(
      new ListSecurityAlertsQuery(principal, query.airport, alertLimit(query.limit)),
    );
  }
}
