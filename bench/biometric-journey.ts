import type { JsonResponse, KeepAliveClient } from './keep-alive-client';

/** The steps of a whole biometric journey over HTTP, shared by the journey benchmarks. */

export const SEATS_PER_FLIGHT = 180;

export interface Passenger {
  readonly number: string;
  readonly flight: string;
  passengerId?: string;
  bcbp?: string;
}

/**
 * The services a journey talks to: the same URL for the embedded default; in distributed mode
 * one per process, the gates' requests spread over their instances by passenger.
 */
export interface JourneyServices {
  readonly checkin: string;
  readonly security: readonly string[];
  readonly boarding: readonly string[];
}

/** The instance of a gate that serves the `index`-th passenger. */
export function instanceFor(urls: readonly string[], index: number): string {
  const url = urls[index % urls.length];
  if (url === undefined) throw new Error('a gate without an instance');
  return url;
}

/** Passengers of many flights side by side, as at an airport: round robin over the flights. */
export function makePassengers(n: number, flightBase: number, numberBase: number): Passenger[] {
  const flights = Math.ceil(n / SEATS_PER_FLIGHT);
  return Array.from({ length: n }, (_, i) => ({
    number: String(numberBase + i),
    flight: String(flightBase + (i % flights)),
  }));
}

export function expectStatus(
  what: string,
  response: JsonResponse,
  status: number,
): Record<string, unknown> {
  if (response.status !== status)
    throw new Error(`${what}: HTTP ${response.status} ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body) as Record<string, unknown>;
}

/** Runs `work` over the items with `concurrency` clients at once. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

/** The journey before the gates: book, enrol at the counter, check in by face. */
export async function bookEnrolAndCheckIn(
  client: KeepAliveClient,
  services: JourneyServices,
  p: Passenger,
  pnr: string,
): Promise<void> {
  const booked = expectStatus(
    'booking',
    await client.post(services.checkin, '/v1/bookings', {
      pnr,
      flight: {
        carrier: 'VN',
        number: p.flight,
        date: '2025-12-01',
        origin: 'SGN',
        destination: 'HAN',
        departureAt: '2025-12-01T10:00:00+07:00',
        international: false,
      },
      passengers: [
        {
          surname: 'NGUYEN',
          givenName: 'HANH KHACH',
          document: { type: 'CITIZEN_ID_CARD', number: p.number },
          checkedBags: 0,
        },
      ],
    }),
    201,
  );
  p.passengerId = (booked.passengers as { passengerId: string }[])[0]?.passengerId;
  expectStatus(
    'enrolment',
    await client.post(services.checkin, '/v1/enrolments', {
      passengerId: p.passengerId,
      channel: 'COUNTER',
      consent: true,
      capture: { quality: 'GOOD', seed: `enrol-${p.number}` },
    }),
    201,
  );
  const checkedIn = expectStatus(
    'check-in',
    await client.post(services.checkin, '/v1/check-ins', {
      passengerId: p.passengerId,
      channel: 'BIOMETRIC',
      capture: { quality: 'GOOD', seed: `checkin-${p.number}` },
    }),
    201,
  );
  p.bcbp = (checkedIn.boardingPass as { bcbp: string }).bcbp;
}

/** A presentation at a security (or boarding) e-gate at SGN with the passenger's own face. */
export function presentAtEGate(
  client: KeepAliveClient,
  url: string,
  path: '/v1/security/presentations' | '/v1/boarding/presentations',
  p: Passenger,
  extra: object = {},
): Promise<JsonResponse> {
  return client.post(url, path, {
    airport: 'SGN',
    lane: 'AUTOMATED',
    boardingPass: p.bcbp,
    document: { type: 'CITIZEN_ID_CARD', number: p.number },
    capture: { quality: 'GOOD', seed: `gate-${p.number}-${path}` },
    ...extra,
  });
}

/** Security, then boarding open at gate 1 for every flight, then boarding: each must pass. */
export async function throughTheGates(
  client: KeepAliveClient,
  services: JourneyServices,
  passengers: readonly Passenger[],
  concurrency: number,
  betweenStages: (stage: 'security' | 'boarding') => Promise<void>,
): Promise<void> {
  await inParallel(passengers, concurrency, async (p, i) => {
    const body = expectStatus(
      'security',
      await presentAtEGate(
        client,
        instanceFor(services.security, i),
        '/v1/security/presentations',
        p,
      ),
      200,
    );
    if (body.cleared !== true) throw new Error(`not cleared: ${JSON.stringify(body)}`);
  });
  await betweenStages('security');
  for (const flight of new Set(passengers.map((p) => p.flight)))
    expectStatus(
      'open boarding',
      await client.post(instanceFor(services.boarding, 0), '/v1/boarding/flights/open', {
        airport: 'SGN',
        carrier: 'VN',
        number: flight,
        date: '2025-12-01',
        gate: '1',
      }),
      200,
    );
  await inParallel(passengers, concurrency, async (p, i) => {
    const body = expectStatus(
      'boarding',
      await presentAtEGate(
        client,
        instanceFor(services.boarding, i),
        '/v1/boarding/presentations',
        p,
        { gate: '1' },
      ),
      200,
    );
    if (body.boarded !== true) throw new Error(`not boarded: ${JSON.stringify(body)}`);
  });
  await betweenStages('boarding');
}
