import { SimulatedPopulationRegister } from '@biogate/domain';
import type { OutboxEntry } from '@biogate/messaging';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import type { Principal } from '@biogate/service-runtime';
import { NoDatabaseUnitOfWork } from '@biogate/testing';
import type { CheckInOutbox } from '../../checkin-outbox';
import type { CheckInStore } from '../../persistence/checkin-store';
import type { BookingRow, FlightRow } from '../../persistence/checkin.entities';
import { CreateBookingCommand } from './create-booking.command';
import { CreateBookingHandler } from './create-booking.handler';
import { ScheduledFlights } from './scheduled-flights';

const qa: Principal = { role: 'QA', name: 'QA' };

/** The handler on a store that keeps what it is given (its SQL runs in test/checkin). */
function setUp() {
  const written: {
    booking?: BookingRow;
    bookings: BookingRow[];
    events: OutboxEntry[];
    lookups: number;
  } = { bookings: [], events: [], lookups: 0 };
  const store = {
    scheduledFlight: (_em: unknown, flight: FlightRow) => {
      written.lookups++;
      return Promise.resolve(flight);
    },
    addBooking: (
      _em: unknown,
      booking: BookingRow,
      _passengers: unknown,
      events: (first: number) => unknown,
    ) => {
      written.booking = booking;
      written.bookings.push(booking);
      events(7);
      return Promise.resolve(true);
    },
  } as unknown as CheckInStore;
  const outbox = {
    within: (_em: unknown, entries: readonly OutboxEntry[]) => {
      written.events.push(...entries);
      return { sql: '', parameters: [] };
    },
  } as unknown as CheckInOutbox;
  const airports = loadAirportRegistry();
  const handler = new CreateBookingHandler(
    new NoDatabaseUnitOfWork(),
    airports,
    phasePolicyFor(airports),
    new SimulatedPopulationRegister(),
    outbox,
    store,
    new ScheduledFlights(),
  );
  const book = (at: number, pnr = 'K7Q2ZD') =>
    handler.execute(
      new CreateBookingCommand(
        qa,
        {
          pnr,
          flight: {
            carrier: 'VN',
            number: '213',
            date: '2025-12-02',
            origin: 'SGN',
            destination: 'HAN',
            departureAt: '2025-12-02T09:00:00+07:00',
            international: false,
          },
          passengers: [
            {
              surname: 'NGUYEN',
              givenName: 'VAN AN',
              document: { type: 'CITIZEN_ID_CARD', number: '079200001234' },
              checkedBags: 0,
            },
          ],
        } as never,
        'corr',
        at,
      ),
    );
  return { book, written };
}

describe('CreateBookingHandler (store mocked)', () => {
  it.each<[string, number]>([
    ['on 1 Dec at 07:30', Date.parse('2025-12-01T07:30:00+07:00')],
    ['on 28 Nov at 10:00, back in time', Date.parse('2025-11-28T10:00:00+07:00')],
  ])('books at the instant it is decided at: %s', async (_case, at) => {
    const { book, written } = setUp();
    expect(await book(at)).toMatchObject({ outcome: 'BOOKED' });
    expect(written.booking?.createdAt.getTime()).toBe(at);
    expect(written.events.map((e) => Date.parse(e.envelope.occurredAt))).toEqual([at]);
  });

  it('looks a flight up (and schedules it) only on its first booking', async () => {
    const { book, written } = setUp();
    const at = Date.parse('2025-12-01T07:30:00+07:00');
    await book(at, 'K7Q2ZD');
    await book(at, 'K7Q2ZE');
    await book(at, 'K7Q2ZF');
    expect(written.lookups).toBe(1);
    expect(new Set(written.bookings.map((b) => b.flightId)).size).toBe(1);
  });
});
