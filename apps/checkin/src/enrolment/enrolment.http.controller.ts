import { Body, Controller, Delete, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import {
  AllowRoles,
  ApiPathParam,
  CurrentPrincipal,
  PATH_PARAMS,
  type Principal,
  CorrelationId,
  DecisionInstant,
} from '@biogate/service-runtime';
import type { Instant } from '@biogate/domain';
import type { EnrolmentOutcome } from './enrolment-outcome';
import { EnrolPassengerCommand } from './enrol-passenger/enrol-passenger.command';
import { EnrolPassengerRequestDto } from './enrol-passenger/enrol-passenger.request.dto';
import { WithdrawConsentCommand } from './withdraw-consent/withdraw-consent.command';
import type { ConsentWithdrawal } from './withdraw-consent/withdraw-consent.handler';

/** Biometric enrolment at the counter or through the VNeID app, and its withdrawal. */
@Controller('v1/enrolments')
export class EnrolmentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 201 when a new enrolment was made; 200 for an existing one or a refusal (see `reason`). */
  @Post()
  @AllowRoles('AIRLINE', 'QA')
  async enrol(
    @CurrentPrincipal() principal: Principal,
    @Body() body: EnrolPassengerRequestDto,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
    @DecisionInstant() at: Instant,
  ): Promise<EnrolmentOutcome> {
    const outcome: EnrolmentOutcome = await this.commands.execute(
      new EnrolPassengerCommand(principal, body, correlationId, at),
    );
    response.status(outcome.outcome === 'ENROLLED' && outcome.reason === 'OK' ? 201 : 200);
    return outcome;
  }

  @Delete(':enrolmentId')
  @ApiPathParam('enrolmentId', 'uuid')
  @AllowRoles('AIRLINE', 'QA')
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('enrolmentId', PATH_PARAMS.uuid()) enrolmentId: string,
    @CorrelationId() correlationId: string,
    @DecisionInstant() at: Instant,
  ): Promise<ConsentWithdrawal> {
    return this.commands.execute(
      new WithdrawConsentCommand(principal, enrolmentId, correlationId, at),
    );
  }
}
