import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, type InputError } from '@biogate/contracts';
import type { PhasePolicy, PopulationRegister } from '@biogate/domain';
import type { EntityManager } from 'typeorm';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import { AIRPORT_REGISTRY, PHASE_POLICY, POPULATION_REGISTER } from '@biogate/service-runtime';
import { CheckInOutbox } from '../../checkin-outbox';
import { CheckInStore } from '../../persistence/checkin-store';
import type { FlightRow } from '../../persistence/checkin.entities';
import { bookingView, flightRef } from '../booking.view';
import { vneidPurchaseRefusals } from '../ticket-purchase';
import { airlineBooking } from '../create-booking/airline-booking';
import { flightRedefinition } from '../create-booking/booked-flight';
import { bookingEvents } from '../create-booking/booking-events';
import type { ListedBookingDto } from '../create-booking/create-booking.request.dto';
import { newBooking } from '../create-booking/new-booking';
import { ScheduledFlights } from '../create-booking/scheduled-flights';
import { BookPassengerNameListCommand } from './passenger-name-list.command';
import {
  passengerNameListView,
  type ListedBookingView,
  type PassengerNameListView,
} from './passenger-name-list.view';

/**
 * An airline's passenger name list: its bookings on one flight, each decided as a booking of its
 * own (`CreateBookingHandler`): a VNeID purchase refused refuses that booking only, and a PNR the
 * airline has already is left as it is. The flight is scheduled by the list if it is new. The
 * bookings and their events are written in one transaction of two statements, whatever the
 * length of the list: a list is one request and one commit where its bookings one by one were
 * one of each per PNR.
 */
@CommandHandler(BookPassengerNameListCommand)
export class BookPassengerNameListHandler implements ICommandHandler<
  BookPassengerNameListCommand,
  PassengerNameListView
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

  async execute(command: BookPassengerNameListCommand): Promise<PassengerNameListView> {
    const { request } = command;
    const { now, today, events, incentiveWindow, booked } = airlineBooking(
      { policy: this.policy, airports: this.airports },
      command,
      'invalid passenger name list',
      repeatedPnrs(request.bookings),
    );
    const refusals = request.bookings.map((b) =>
      vneidPurchaseRefusals(b.passengers, this.register, today),
    );
    const book = async (em: EntityManager, flight: FlightRow): Promise<PassengerNameListView> => {
      const redefinition = flightRedefinition(flight, booked);
      if (redefinition !== undefined) throw new ConflictError(redefinition);
      const made = request.bookings.map((b, i) =>
        refusals[i]?.length === 0
          ? newBooking(flight.carrier, b.pnr, flight.id, b.passengers, now)
          : undefined,
      );
      const accepted = made.filter((m) => m !== undefined);
      const added = await this.store.addBookings(em, accepted);
      const written = accepted.filter((m) => added.has(m.booking.id));
      await this.outbox.append(
        em,
        written.flatMap((m) =>
          bookingEvents(events, m.booking, flight, m.passengers, incentiveWindow),
        ),
      );
      const outcomes = request.bookings.map((b, i): ListedBookingView => {
        const m = made[i];
        if (m === undefined) return { outcome: 'REFUSED', pnr: b.pnr, refusals: refusals[i] ?? [] };
        if (!added.has(m.booking.id)) return { outcome: 'ALREADY_BOOKED', pnr: b.pnr };
        return bookingView(m.booking, flight, m.passengers);
      });
      return passengerNameListView(flightRef(flight), outcomes);
    };
    const ports = { unitOfWork: this.unitOfWork, store: this.store };
    return this.flights.bookOrSchedule(
      ports,
      booked,
      (flight) => this.unitOfWork.transaction((em) => book(em, flight)),
      book,
    );
  }
}

/** A PNR listed twice is a mistake of the list: which booking would be the one? */
function repeatedPnrs(bookings: readonly ListedBookingDto[]): InputError[] {
  const first = new Map<string, number>();
  return bookings.flatMap((b, i): InputError[] => {
    const at = first.get(b.pnr);
    if (at === undefined) {
      first.set(b.pnr, i);
      return [];
    }
    return [
      {
        path: `body.bookings[${i}].pnr`,
        message: `${b.pnr} is listed already, at bookings[${at}]`,
      },
    ];
  });
}
