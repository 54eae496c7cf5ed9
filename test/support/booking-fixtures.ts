import { KEYS, type RunningServices } from './service-harness';

type Json = Record<string, unknown>;

/** A booking request on VN213 SGN-HAN, 1 Dec 2025 09:00 local, for NGUYEN VAN AN. */
export function booking(pnr: string, patch: { flight?: Json; passenger?: Json } = {}): Json {
  return {
    pnr,
    flight: {
      carrier: 'VN',
      number: '213',
      date: '2025-12-01',
      origin: 'SGN',
      destination: 'HAN',
      departureAt: '2025-12-01T09:00:00+07:00',
      international: false,
      ...patch.flight,
    },
    passengers: [
      {
        surname: 'NGUYEN',
        givenName: 'VAN AN',
        birthDate: '1990-02-03',
        document: { type: 'CITIZEN_ID_CARD', number: '079200001234', expiresOn: '2031-05-01' },
        checkedBags: 0,
        ssr: [],
        ...patch.passenger,
      },
    ],
  };
}

/** Posts a booking as QA and returns the passenger's id. */
export async function bookPassenger(
  services: RunningServices,
  pnr: string,
  patch: { flight?: Json; passenger?: Json } = {},
): Promise<string> {
  const response = await services.http
    .post('/v1/bookings')
    .set('x-api-key', KEYS.qa)
    .send(booking(pnr, patch));
  if (response.status !== 201)
    throw new Error(`booking ${pnr} failed: ${JSON.stringify(response.body)}`);
  return (response.body as { passengers: { passengerId: string }[] }).passengers[0]!.passengerId;
}
