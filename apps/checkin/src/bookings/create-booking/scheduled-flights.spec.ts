import type { FlightRow } from '../../persistence/checkin.entities';
import { ScheduledFlights } from './scheduled-flights';

const flight = (id: string, number = '213'): FlightRow => ({
  id,
  carrier: 'VN',
  flightNumber: number,
  departureDate: '2025-12-01',
  origin: 'SGN',
  destination: 'HAN',
  departureAt: new Date('2025-12-01T02:00:00Z'),
  international: false,
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ScheduledFlights', () => {
  it('looks a new flight up once; bookings meanwhile wait, then book on what it committed', async () => {
    const flights = new ScheduledFlights();
    const paths: string[] = [];
    const book = (id: string) =>
      flights.book(
        flight(id),
        (scheduled) => {
          paths.push(`on ${scheduled.id}`);
          return Promise.resolve(scheduled.id);
        },
        async () => {
          paths.push(`lookup by ${id}`);
          await tick();
          flights.remember(flight(id));
          return id;
        },
      );
    const booked = await Promise.all([book('a'), book('b'), book('c')]);
    expect(booked).toEqual(['a', 'a', 'a']);
    expect(paths).toEqual(['lookup by a', 'on a', 'on a']);
    // Another flight is looked up on its own.
    const other = await flights.book(
      flight('e', '215'),
      () => Promise.resolve('on a remembered flight'),
      () => Promise.resolve('looked up'),
    );
    expect(other).toBe('looked up');
  });

  it('lets the next booking look the flight up when the first one failed', async () => {
    const flights = new ScheduledFlights();
    const first = flights.book(
      flight('a'),
      () => Promise.resolve('scheduled'),
      async () => {
        await tick();
        throw new Error('PNR exists');
      },
    );
    const second = flights.book(
      flight('b'),
      () => Promise.resolve('scheduled'),
      () => Promise.resolve('looked up by b'),
    );
    await expect(first).rejects.toThrow('PNR exists');
    expect(await second).toBe('looked up by b');
  });
});
