import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError } from '@biogate/contracts';
import type { PhasePolicy, PopulationRegister } from '@biogate/domain';
import type { EntityManager } from 'typeorm';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import { AIRPORT_REGISTRY, PHASE_POLICY, POPULATION_REGISTER } from '@biogate/service-runtime';
import { CheckInOutbox } from '../../checkin-outbox';
import { CheckInStore } from '../../persistence/checkin-store';
import { bookingView, type BookingView } from '../booking.view';
import { vneidPurchaseRefusals, type PurchaseRefusalView } from '../ticket-purchase';
import { airlineBooking } from './airline-booking';
import { flightRedefinition } from './booked-flight';
import type { FlightRow } from '../../persistence/checkin.entities';
import { bookingEvents } from './booking-events';
import { CreateBookingCommand } from './create-booking.command';
import { newBooking } from './new-booking';
import { ScheduledFlights } from './scheduled-flights';

/**
 * A booking of one PNR on one flight, posted by an airline. Passengers who bought in the VNeID
 * app are checked against the population register first; one refusal refuses the booking, as a
 * value, and nothing of it is created. The flight is scheduled by its first booking, in the same
 * transaction; a later booking may not redefine it, and is one statement.
 */
@CommandHandler(CreateBookingCommand)
export class CreateBookingHandler implements ICommandHandler<
  CreateBookingCommand,
  BookingView | PurchaseRefusalView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    @Inject(POPULATION_REGISTER) private readonly register: PopulationRegister,
    private readonly outbox: CheckInOutbox,
    private readonly store: CheckInStore,
    private readonly flights: ScheduledFlights,
  ) {}

  async execute(command: CreateBookingCommand): Promise<BookingView | PurchaseRefusalView> {
    const { request } = command;
    const { now, today, events, incentiveWindow, booked } = airlineBooking(
      { policy: this.policy, airports: this.airports },
      command,
      'invalid booking',
    );
    const refusals = vneidPurchaseRefusals(request.passengers, this.register, today);
    if (refusals.length > 0) return { outcome: 'REFUSED', pnr: request.pnr, refusals };
    const book = async (em: EntityManager, flight: FlightRow) => {
      const redefinition = flightRedefinition(flight, booked);
      if (redefinition !== undefined) throw new ConflictError(redefinition);
      const { booking, passengers } = newBooking(
        flight.carrier,
        request.pnr,
        flight.id,
        request.passengers,
        now,
      );
      const announced = bookingEvents(events, booking, flight, passengers, incentiveWindow);
      // The events go in the booking's statement, which writes nothing if the booking exists.
      const added = await this.store.addBooking(em, booking, passengers, (first) =>
        this.outbox.within(em, announced, first),
      );
      if (!added)
        throw new ConflictError(`booking ${flight.carrier} ${request.pnr} already exists`);
      return bookingView(booking, flight, passengers);
    };
    const ports = { unitOfWork: this.unitOfWork, store: this.store };
    return this.flights.bookOrSchedule(
      ports,
      booked,
      (flight) => this.unitOfWork.singleWrite((em) => book(em, flight)),
      book,
    );
  }
}
