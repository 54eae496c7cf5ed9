import { encodeBcbp } from '@biogate/domain';

/** The flight and passenger of the gates' unit specs: VN213 SGN-HAN on 1 Dec 2025, seat 1A. */
export const SAMPLE_FLIGHT_ID = '0b6f3a52-0000-4000-8000-000000000001';
export const SAMPLE_PASSENGER_ID = '0b6f3a52-0000-4000-8000-00000000000a';

/** The flight as the events carry it (a FlightRef of libs/contracts): 09:00 local. */
export const SAMPLE_FLIGHT_REF = {
  flightId: SAMPLE_FLIGHT_ID,
  carrier: 'VN',
  number: '213',
  date: '2025-12-01',
  origin: 'SGN',
  destination: 'HAN',
  departureAt: '2025-12-01T02:00:00.000Z',
  international: false,
} as const;

/** The passenger's boarding pass as scanned (IATA BCBP), with a check-in sequence number. */
export function sampleBcbp(sequence = 1): string {
  return encodeBcbp({
    surname: 'NGUYEN',
    givenName: 'VAN AN',
    pnr: 'K7Q2ZD',
    from: 'SGN',
    to: 'HAN',
    carrier: 'VN',
    flightNumber: '213',
    flightDate: '2025-12-01',
    compartment: 'Y',
    seat: '1A',
    sequence,
    status: '1',
  });
}

/** The pass as a gate knows it (a LanePass of libs/lane-gate), for a flight from `origin`. */
export function samplePass(origin = 'SGN') {
  return {
    passengerId: SAMPLE_PASSENGER_ID,
    flightId: SAMPLE_FLIGHT_ID,
    carrier: 'VN',
    flightNumber: '213',
    departureDate: '2025-12-01',
    origin,
    destination: 'HAN',
    departureAt: new Date('2025-12-01T02:00:00Z'),
    international: false,
  };
}
