import { loadAirportRegistry } from '@biogate/reference-data';
import { bookedFlightProblems, flightOfBooking, flightRedefinition } from './booked-flight';
import type { BookedFlightDto } from './create-booking.request.dto';

const airports = loadAirportRegistry();
const VIETNAM = 7 * 60;
const flight = (patch: Partial<BookedFlightDto> = {}): BookedFlightDto => ({
  carrier: 'VN',
  number: '213',
  date: '2025-12-01',
  origin: 'SGN',
  destination: 'HAN',
  departureAt: '2025-12-01T08:30:00+07:00',
  international: false,
  ...patch,
});

describe('bookedFlightProblems', () => {
  it.each<[string, Partial<BookedFlightDto>, string[]]>([
    ['a domestic flight between two airports', {}, []],
    ['an origin not in the reference data', { origin: 'XXX' }, ['body.flight.origin']],
    ['a domestic flight landing abroad', { destination: 'BKK' }, ['body.flight.destination']],
    ['an international flight landing abroad', { destination: 'BKK', international: true }, []],
    ['the same airport twice', { destination: 'SGN' }, ['body.flight.destination']],
    // 23:30 UTC on 30 Nov is 06:30 on 1 Dec in Vietnam: the local date decides.
    ['a departure on the local date', { departureAt: '2025-11-30T23:30:00Z' }, []],
    [
      'a departure on another local date',
      { departureAt: '2025-12-01T17:30:00Z' },
      ['body.flight.departureAt'],
    ],
    [
      'every problem at once',
      { origin: 'XXX', destination: 'XXX', departureAt: '2025-12-02T08:30:00+07:00' },
      [
        'body.flight.origin',
        'body.flight.destination',
        'body.flight.destination',
        'body.flight.departureAt',
      ],
    ],
  ])('%s', (_what, patch, paths) => {
    const problems = bookedFlightProblems(flight(patch), airports, VIETNAM);
    expect(problems.map((p) => p.path)).toEqual(paths);
    for (const problem of problems) expect(problem.message.length).toBeGreaterThan(10);
  });
});

describe('flightRedefinition', () => {
  const scheduled = flightOfBooking(flight(), 'f1');
  it.each<[string, Partial<BookedFlightDto>, boolean]>([
    ['the same flight', {}, false],
    ['the same instant written at another offset', { departureAt: '2025-12-01T01:30:00Z' }, false],
    ['another destination', { destination: 'DAD' }, true],
    ['another departure time', { departureAt: '2025-12-01T09:00:00+07:00' }, true],
    ['international now', { international: true }, true],
  ])('%s', (_what, patch, redefines) => {
    const reason = flightRedefinition(scheduled, flightOfBooking(flight(patch), 'f2'));
    expect(reason !== undefined).toBe(redefines);
    if (reason !== undefined)
      expect(reason).toContain('VN213 on 2025-12-01 from SGN is already scheduled to HAN');
  });
});
