import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import {
  AllowRoles,
  CurrentPrincipal,
  type Principal,
  CorrelationId,
  DecisionInstant,
} from '@biogate/service-runtime';
import type { Instant } from '@biogate/domain';
import { CheckInPassengerCommand } from './check-in-passenger/check-in-passenger.command';
import { CheckInPassengerRequestDto } from './check-in-passenger/check-in-passenger.request.dto';
import type { CheckInView } from './check-in.view';

/** Check-in at the counter, the kiosk or the biometric (face + VNeID) channel. */
@Controller('v1/check-ins')
export class CheckInHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 201 with a boarding pass; 200 for a redirect, a rejection, or an earlier check-in. */
  @Post()
  @AllowRoles('AIRLINE', 'OPERATOR', 'QA')
  async checkIn(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CheckInPassengerRequestDto,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
    @DecisionInstant() at: Instant,
  ): Promise<CheckInView> {
    const view: CheckInView = await this.commands.execute(
      new CheckInPassengerCommand(principal, body, correlationId, at),
    );
    response.status(view.boardingPass !== undefined && !view.alreadyCheckedIn ? 201 : 200);
    return view;
  }
}
