import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '@biogate/persistence';
import type { CheckInStore } from '../../persistence/checkin-store';
import type { FlightRow } from '../../persistence/checkin.entities';
import { RememberedEntries } from '../../remembered-entries';

/** Flights remembered at most: far more than an airport schedules for the days it books. */
const REMEMBERED_FLIGHTS = 20_000;

/**
 * The flights this service has seen committed, by their key (carrier, number, date, origin), so
 * that a booking on a flight scheduled already is one statement, without looking it up first.
 * Safe to keep: a flight's row never changes once scheduled (a later booking may not redefine
 * it) and is never deleted; a flight not remembered is looked up, and added if it is new.
 */
@Injectable()
export class ScheduledFlights {
  private readonly flights = new RememberedEntries<string, FlightRow>(REMEMBERED_FLIGHTS);
  /** The booking looking up (or scheduling) each flight not remembered yet, settled or not. */
  private readonly lookups = new Map<string, Promise<void>>();

  /**
   * A booking on the flight with the key of `booked`: `onScheduled` with the flight if it is
   * remembered; otherwise `lookingUp`, which finds or schedules it, one booking at a time for
   * each flight: those that come meanwhile (an airline's burst of bookings on a new flight)
   * wait for it and, once it has committed the flight, book on it in one statement each.
   */
  async book<T>(
    booked: FlightRow,
    onScheduled: (flight: FlightRow) => Promise<T>,
    lookingUp: () => Promise<T>,
  ): Promise<T> {
    const key = keyOf(booked);
    for (;;) {
      const flight = this.flights.get(key);
      if (flight !== undefined) return onScheduled(flight);
      const lookup = this.lookups.get(key);
      if (lookup === undefined) break;
      await lookup;
    }
    const booking = lookingUp().finally(() => this.lookups.delete(key));
    this.lookups.set(
      key,
      booking.then(
        () => undefined,
        () => undefined,
      ),
    );
    return booking;
  }

  /**
   * `book`, looking a flight up in a transaction of `ports.unitOfWork` that finds or schedules
   * it and then runs `write` on it; the flight is remembered once that has committed.
   */
  bookOrSchedule<T>(
    ports: {
      readonly unitOfWork: UnitOfWork;
      readonly store: Pick<CheckInStore, 'scheduledFlight'>;
    },
    booked: FlightRow,
    onScheduled: (flight: FlightRow) => Promise<T>,
    write: (em: EntityManager, flight: FlightRow) => Promise<T>,
  ): Promise<T> {
    const { unitOfWork, store } = ports;
    return this.book(booked, onScheduled, () =>
      unitOfWork.transaction(async (em) => {
        const flight = await store.scheduledFlight(em, booked);
        unitOfWork.afterCommit(em, () => {
          this.remember(flight);
        });
        return write(em, flight);
      }),
    );
  }

  /** A flight that is committed. */
  remember(flight: FlightRow): void {
    this.flights.set(keyOf(flight), flight);
  }
}

function keyOf(flight: FlightRow): string {
  return `${flight.carrier} ${flight.flightNumber} ${flight.departureDate} ${flight.origin}`;
}
