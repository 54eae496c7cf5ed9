import { InputRejectedError } from '@biogate/contracts';
import { SimulatedPopulationRegister } from '@biogate/domain';
import type { OutboxEntry } from '@biogate/messaging';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import type { Principal } from '@biogate/service-runtime';
import { NoDatabaseUnitOfWork } from '@biogate/testing';
import type { CheckInOutbox } from '../../checkin-outbox';
import type { CheckInStore } from '../../persistence/checkin-store';
import type { BookingRow, FlightRow } from '../../persistence/checkin.entities';
import { ScheduledFlights } from '../create-booking/scheduled-flights';
import { BookPassengerNameListCommand } from './passenger-name-list.command';
import { BookPassengerNameListHandler } from './passenger-name-list.handler';
import type { PassengerNameListRequestDto } from './passenger-name-list.request.dto';

const qa: Principal = { role: 'QA', name: 'QA' };
const AT = Date.parse('2025-12-01T07:30:00+07:00');

/** The handler on a store that has the PNRs `existing` already and keeps what it is given. */
function setUp(existing: readonly string[] = []) {
  const written = { offered: [] as string[], events: [] as OutboxEntry[], lookups: 0 };
  const store = {
    scheduledFlight: (_em: unknown, flight: FlightRow) => {
      written.lookups++;
      return Promise.resolve(flight);
    },
    addBookings: (_em: unknown, bookings: { booking: BookingRow }[]) => {
      written.offered.push(...bookings.map((b) => b.booking.pnr));
      const added = bookings.filter((b) => !existing.includes(b.booking.pnr));
      return Promise.resolve(new Set(added.map((b) => b.booking.id)));
    },
  } as unknown as CheckInStore;
  const outbox = {
    append: (_em: unknown, entries: readonly OutboxEntry[]) => {
      written.events.push(...entries);
      return Promise.resolve();
    },
  } as unknown as CheckInOutbox;
  const airports = loadAirportRegistry();
  const handler = new BookPassengerNameListHandler(
    new NoDatabaseUnitOfWork(),
    airports,
    phasePolicyFor(airports),
    new SimulatedPopulationRegister(),
    outbox,
    store,
    new ScheduledFlights(),
  );
  const book = (pnrs: readonly string[], passengers: (pnr: string) => unknown[] = one) =>
    handler.execute(
      new BookPassengerNameListCommand(
        qa,
        {
          flight: {
            carrier: 'VN',
            number: '213',
            date: '2025-12-02',
            origin: 'SGN',
            destination: 'HAN',
            departureAt: '2025-12-02T09:00:00+07:00',
            international: false,
          },
          bookings: pnrs.map((pnr) => ({ pnr, passengers: passengers(pnr) })),
        } as unknown as PassengerNameListRequestDto,
        'corr',
        AT,
      ),
    );
  return { book, written };
}

function one(): unknown[] {
  return [
    {
      surname: 'NGUYEN',
      givenName: 'VAN AN',
      document: { type: 'CITIZEN_ID_CARD', number: '079200001234' },
      checkedBags: 0,
    },
  ];
}

/** A ticket bought in the VNeID app on a passport: always refused (DOCUMENT_NOT_ELIGIBLE). */
function inAppOnPassport(): unknown[] {
  return [
    {
      surname: 'LE',
      givenName: 'THI HOA',
      birthDate: '1990-02-03',
      document: { type: 'PASSPORT', number: 'C7654321' },
      checkedBags: 0,
      purchaseChannel: 'VNEID_APP',
      identityConsent: true,
    },
  ];
}

describe('BookPassengerNameListHandler (store mocked)', () => {
  it('announces the bookings it wrote, and only those, each at the instant of the list', async () => {
    const { book, written } = setUp(['OLD001']);
    const view = await book(['NEW001', 'OLD001', 'NEW002']);
    expect(view.bookings.map((b) => b.outcome)).toEqual(['BOOKED', 'ALREADY_BOOKED', 'BOOKED']);
    expect([view.booked, view.refused, view.alreadyBooked]).toEqual([2, 0, 1]);
    const pnrs = written.events.map((e) => (e.envelope.payload as { pnr: string }).pnr);
    expect(pnrs).toEqual(['NEW001', 'NEW002']);
    expect(written.events.every((e) => Date.parse(e.envelope.occurredAt) === AT)).toBe(true);
  });

  it('refuses a VNeID purchase as a value and does not offer its booking to the store', async () => {
    const { book, written } = setUp();
    const view = await book(['APP001', 'DESK01'], (pnr) =>
      pnr === 'APP001' ? inAppOnPassport() : one(),
    );
    expect(view.bookings[0]).toEqual({
      outcome: 'REFUSED',
      pnr: 'APP001',
      refusals: [{ passenger: 0, reason: 'DOCUMENT_NOT_ELIGIBLE' }],
    });
    expect(view.bookings[1]).toMatchObject({ outcome: 'BOOKED', pnr: 'DESK01' });
    expect(written.offered).toEqual(['DESK01']);
  });

  it('refuses a list that names a PNR twice, before anything is written', async () => {
    const { book, written } = setUp();
    const listed = book(['TWO001', 'ONE001', 'TWO001']);
    await expect(listed).rejects.toBeInstanceOf(InputRejectedError);
    await expect(listed).rejects.toMatchObject({
      errors: [
        { path: 'body.bookings[2].pnr', message: 'TWO001 is listed already, at bookings[0]' },
      ],
    });
    expect(written.offered).toEqual([]);
    expect(written.lookups).toBe(0);
  });

  it('looks the flight up once, on the first list', async () => {
    const { book, written } = setUp();
    await book(['LST001']);
    await book(['LST002']);
    expect(written.lookups).toBe(1);
  });
});
