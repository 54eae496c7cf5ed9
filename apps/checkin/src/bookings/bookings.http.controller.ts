import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { IsInstant, OptionalField } from '@biogate/contracts';
import { parseInstant, type Instant } from '@biogate/domain';
import {
  AllowRoles,
  ApiPathParam,
  ApiQueryFrom,
  CurrentPrincipal,
  PATH_PARAMS,
  type Principal,
  CorrelationId,
  DecisionInstant,
} from '@biogate/service-runtime';
import type { Response } from 'express';
import type { BookingView } from './booking.view';
import type { PurchaseRefusalView } from './ticket-purchase';
import { CreateBookingCommand } from './create-booking/create-booking.command';
import { CreateBookingRequestDto } from './create-booking/create-booking.request.dto';
import { GetBookingQuery } from './get-booking/get-booking.query';
import { PassengerChannelsQuery } from './passenger-channels/passenger-channels.query';
import type { PassengerChannelsView } from './passenger-channels/passenger-channels.handler';
import type { PassengerJourneyView } from '../journey/passenger-journey.handler';
import { PassengerJourneyQuery } from '../journey/passenger-journey.query';
import { BookPassengerNameListCommand } from './passenger-name-list/passenger-name-list.command';
import { PassengerNameListRequestDto } from './passenger-name-list/passenger-name-list.request.dto';
import type { PassengerNameListView } from './passenger-name-list/passenger-name-list.view';

export class InstantQueryDto {
  @OptionalField()
  @IsInstant()
  at?: string;
}

/** Airline systems post bookings and ask which channels a passenger may use. */
@Controller('v1')
export class BookingsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 201 with the booking; 200 when a VNeID purchase was refused (nothing was created). */
  @Post('bookings')
  @AllowRoles('AIRLINE', 'QA')
  async createBooking(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateBookingRequestDto,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
    @DecisionInstant() at: Instant,
  ): Promise<BookingView | PurchaseRefusalView> {
    const view: BookingView | PurchaseRefusalView = await this.commands.execute(
      new CreateBookingCommand(principal, body, correlationId, at),
    );
    response.status(view.outcome === 'BOOKED' ? 201 : 200);
    return view;
  }

  /**
   * 200 with each booking's outcome, in the list's order: BOOKED, REFUSED (a VNeID purchase) or
   * ALREADY_BOOKED (the airline has the PNR; unchanged). A list that is not valid books nothing.
   */
  @Post('passenger-name-lists')
  @HttpCode(200)
  @AllowRoles('AIRLINE', 'QA')
  bookPassengerNameList(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PassengerNameListRequestDto,
    @CorrelationId() correlationId: string,
    @DecisionInstant() at: Instant,
  ): Promise<PassengerNameListView> {
    return this.commands.execute(
      new BookPassengerNameListCommand(principal, body, correlationId, at),
    );
  }

  @Get('bookings/:carrier/:pnr')
  @ApiPathParam('carrier', 'carrier')
  @ApiPathParam('pnr', 'pnr')
  @AllowRoles('AIRLINE', 'QA')
  getBooking(
    @CurrentPrincipal() principal: Principal,
    @Param('carrier', PATH_PARAMS.carrier()) carrier: string,
    @Param('pnr', PATH_PARAMS.pnr()) pnr: string,
  ): Promise<BookingView> {
    return this.queries.execute(new GetBookingQuery(principal, carrier, pnr));
  }

  @Get('passengers/:passengerId/channels')
  @ApiPathParam('passengerId', 'uuid')
  @ApiQueryFrom(InstantQueryDto)
  @AllowRoles('AIRLINE', 'OPERATOR', 'QA')
  passengerChannels(
    @CurrentPrincipal() principal: Principal,
    @Param('passengerId', PATH_PARAMS.uuid()) passengerId: string,
    @Query() query: InstantQueryDto,
    @DecisionInstant() now: Instant,
  ): Promise<PassengerChannelsView> {
    // Given, the pipe has validated it as an instant (IsInstant); else the request's own.
    const at = query.at === undefined ? now : parseInstant(query.at);
    if (at === undefined) throw new Error(`?at= passed validation but is no instant: ${query.at}`);
    return this.queries.execute(new PassengerChannelsQuery(principal, passengerId, at));
  }

  @Get('passengers/:passengerId/journey')
  @ApiPathParam('passengerId', 'uuid')
  @AllowRoles('AIRLINE', 'OPERATOR', 'QA')
  passengerJourney(
    @CurrentPrincipal() principal: Principal,
    @Param('passengerId', PATH_PARAMS.uuid()) passengerId: string,
  ): Promise<PassengerJourneyView> {
    return this.queries.execute(new PassengerJourneyQuery(principal, passengerId));
  }
}
