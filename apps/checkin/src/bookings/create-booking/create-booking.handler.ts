import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { ConflictError, InputRejectedError, type InputError } from '@biogate/contracts';
import {
  compactDateAt,
  parseInstant,
  parseLocalDate,
  type Clock,
  type PhasePolicy,
  type PopulationRegister,
} from '@biogate/domain';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import {
  AIRPORT_REGISTRY,
  assertAirlineScope,
  CLOCK,
  PHASE_POLICY,
  POPULATION_REGISTER,
} from '@biogate/service-runtime';
import { CheckInOutbox } from '../../checkin-outbox';
import type { BookedPassengerRow, BookingRow, FlightRow } from '../../persistence/checkin.entities';
import { CheckInStore } from '../../persistence/checkin-store';
import { bookingView, type BookingView } from '../booking.view';
import { bookingEvents } from './booking-events';
import { vneidPurchaseRefusals, type PurchaseRefusalView } from '../ticket-purchase';
import { CreateBookingCommand } from './create-booking.command';
import type { BookedFlightDto } from './create-booking.request.dto';

/**
 * A booking of one PNR on one flight, posted by an airline. Passengers who bought in the VNeID
 * app are checked against the population register first; one refusal refuses the booking, as a
 * value, and nothing of it is created.
 */
@CommandHandler(CreateBookingCommand)
export class CreateBookingHandler implements ICommandHandler<
  CreateBookingCommand,
  BookingView | PurchaseRefusalView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    @Inject(POPULATION_REGISTER) private readonly register: PopulationRegister,
    private readonly outbox: CheckInOutbox,
    private readonly store: CheckInStore,
  ) {}

  async execute({
    principal,
    request,
    correlationId,
  }: CreateBookingCommand): Promise<BookingView | PurchaseRefusalView> {
    assertAirlineScope(principal, request.flight.carrier);
    this.checkFlight(request.flight);
    const now = new Date(this.clock.now());
    const refusals = vneidPurchaseRefusals(
      request.passengers,
      this.register,
      compactDateAt(now.getTime(), this.policy.compiled.utcOffsetMinutes),
    );
    if (refusals.length > 0) return { outcome: 'REFUSED', pnr: request.pnr, refusals };
    const events = new EventStamp('checkin', now.toISOString(), correlationId);
    const incentiveWindow = this.policy.inIncentiveWindow(now.getTime());

    return this.unitOfWork.transaction(async (em) => {
      const flight = await this.scheduledFlight(em, request.flight);
      const booking: BookingRow = {
        id: randomUUID(),
        carrier: flight.carrier,
        pnr: request.pnr,
        flightId: flight.id,
        createdAt: now,
      };
      const passengers: BookedPassengerRow[] = request.passengers.map((p, position) => ({
        id: randomUUID(),
        bookingId: booking.id,
        position,
        surname: p.surname,
        givenName: p.givenName,
        birthDate: p.birthDate ?? null,
        documentType: p.document.type,
        documentNumber: p.document.number,
        documentExpiresOn: p.document.expiresOn ?? null,
        checkedBags: p.checkedBags,
        ssr: p.ssr ?? [],
        purchaseChannel: p.purchaseChannel ?? 'AIRLINE',
        identityConsentAt: p.purchaseChannel === 'VNEID_APP' ? now : null,
      }));
      if (!(await this.store.addBooking(em, booking, passengers))) {
        throw new ConflictError(`booking ${flight.carrier} ${request.pnr} already exists`);
      }
      await this.outbox.append(
        em,
        bookingEvents(events, booking, flight, passengers, incentiveWindow),
      );
      return bookingView(booking, flight, passengers);
    });
  }

  /** What a DTO cannot check alone: airports of the reference data, and a consistent schedule. */
  private checkFlight(flight: BookedFlightDto): void {
    const errors: InputError[] = [];
    if (!this.airports.has(flight.origin)) {
      errors.push({
        path: 'body.flight.origin',
        message: `unknown airport code "${flight.origin}": flights depart from an airport of seeds/reference/airports.json`,
      });
    }
    if (!flight.international && !this.airports.has(flight.destination)) {
      errors.push({
        path: 'body.flight.destination',
        message: `a domestic flight lands at a Vietnamese airport; "${flight.destination}" is not one (or set international: true)`,
      });
    }
    if (flight.origin === flight.destination) {
      errors.push({ path: 'body.flight.destination', message: 'the same airport as the origin' });
    }
    const departure = parseInstant(flight.departureAt);
    const offset = this.policy.compiled.utcOffsetMinutes;
    if (
      departure !== undefined &&
      compactDateAt(departure, offset) !== parseLocalDate(flight.date)
    ) {
      errors.push({
        path: 'body.flight.departureAt',
        message: `departs on another local date than the flight date ${flight.date}`,
      });
    }
    if (errors.length > 0) throw new InputRejectedError('invalid booking', errors);
  }

  /** A flight is known by carrier, number, date and origin; a booking may not redefine it. */
  private async scheduledFlight(em: EntityManager, dto: BookedFlightDto): Promise<FlightRow> {
    const flight = await this.store.scheduledFlight(em, {
      id: randomUUID(),
      carrier: dto.carrier,
      flightNumber: dto.number,
      departureDate: dto.date,
      origin: dto.origin,
      destination: dto.destination,
      departureAt: new Date(dto.departureAt),
      international: dto.international,
    });
    const differs =
      flight.destination !== dto.destination ||
      flight.departureAt.getTime() !== new Date(dto.departureAt).getTime() ||
      flight.international !== dto.international;
    if (differs) {
      throw new ConflictError(
        `flight ${dto.carrier}${dto.number} on ${dto.date} from ${dto.origin} is already scheduled ` +
          `to ${flight.destination} at ${flight.departureAt.toISOString()} (international: ${String(flight.international)})`,
      );
    }
    return flight;
  }
}
