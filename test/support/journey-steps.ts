import { ServiceQuiescence } from '@biogate/service-runtime';
import { bookPassenger } from './booking-fixtures';
import { KEYS, type RunningServices } from './service-harness';

/** Waits until every outbox is delivered and every consumer has caught up. */
export function settle(services: RunningServices): Promise<void> {
  return services.app.get(ServiceQuiescence).settle();
}

export interface CheckedInPassenger {
  readonly passengerId: string;
  readonly personalIdNumber: string;
  readonly boardingPass: string;
  readonly enrolmentId?: string;
}

/** Booked on its own flight from SGN, optionally enrolled, checked in at the kiosk. */
export async function checkedInPassenger(
  services: RunningServices,
  pnr: string,
  options: { enrolled: boolean; flightNumber: string; document?: { type: string; number: string } },
): Promise<CheckedInPassenger> {
  const document = options.document ?? {
    type: 'CITIZEN_ID_CARD',
    number: `0792${pnr.replace(/\D/g, '').padStart(8, '0')}`,
  };
  const passengerId = await bookPassenger(services, pnr, {
    flight: { number: options.flightNumber },
    passenger: { document },
  });
  let enrolmentId: string | undefined;
  if (options.enrolled) {
    const enrolment = await services.http
      .post('/v1/enrolments')
      .set('x-api-key', KEYS.qa)
      .send({
        passengerId,
        channel: 'COUNTER',
        consent: true,
        capture: { quality: 'GOOD', seed: `${pnr}-enrol` },
      });
    if (enrolment.status !== 201)
      throw new Error(`enrolment failed: ${JSON.stringify(enrolment.body)}`);
    enrolmentId = (enrolment.body as { enrolmentId: string }).enrolmentId;
  }
  const checkIn = await services.http
    .post('/v1/check-ins')
    .set('x-api-key', KEYS.qa)
    .send({ passengerId, channel: 'KIOSK' });
  if (checkIn.status !== 201) throw new Error(`check-in failed: ${JSON.stringify(checkIn.body)}`);
  await settle(services);
  return {
    passengerId,
    personalIdNumber: document.number,
    boardingPass: (checkIn.body as { boardingPass: { bcbp: string } }).boardingPass.bcbp,
    ...(enrolmentId === undefined ? {} : { enrolmentId }),
  };
}

/** Presents a checked-in passenger at the SGN security lane; returns the gate's answer. */
export async function throughSecurity(
  services: RunningServices,
  passenger: CheckedInPassenger,
  lane: 'AUTOMATED' | 'MANUAL' = 'MANUAL',
): Promise<{ cleared: boolean }> {
  const response = await services.http
    .post('/v1/security/presentations')
    .set('x-api-key', KEYS.operatorSGN)
    .send({
      airport: 'SGN',
      lane,
      boardingPass: passenger.boardingPass,
      document: { type: 'CITIZEN_ID_CARD', number: passenger.personalIdNumber },
      ...(lane === 'AUTOMATED' ? { capture: { quality: 'GOOD', seed: 'security' } } : {}),
    });
  await settle(services);
  return response.body as { cleared: boolean };
}

/** Opens boarding of a flight from SGN (by default of 1 Dec 2025) at a gate; the gate's answer. */
export function openBoarding(
  services: RunningServices,
  number: string,
  options: { gate?: string; date?: string; carrier?: string } = {},
) {
  return services.http
    .post('/v1/boarding/flights/open')
    .set('x-api-key', KEYS.operatorSGN)
    .send({
      airport: 'SGN',
      carrier: options.carrier ?? 'VN',
      number,
      date: options.date ?? '2025-12-01',
      gate: options.gate ?? '12',
    });
}

/** The body of a presentation at SGN's security e-gate: pass, identity card, a good face. */
export function atSecurityEGate(
  passenger: Pick<CheckedInPassenger, 'boardingPass' | 'personalIdNumber'>,
  patch: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    airport: 'SGN',
    lane: 'AUTOMATED',
    boardingPass: passenger.boardingPass,
    document: { type: 'CITIZEN_ID_CARD', number: passenger.personalIdNumber },
    capture: { quality: 'GOOD' },
    ...patch,
  };
}

/** The body of a presentation at SGN's boarding e-gate 12: pass, identity card, a good face. */
export function atBoardingEGate(
  passenger: Pick<CheckedInPassenger, 'boardingPass' | 'personalIdNumber'>,
  patch: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    airport: 'SGN',
    gate: '12',
    lane: 'AUTOMATED',
    boardingPass: passenger.boardingPass,
    document: { type: 'CITIZEN_ID_CARD', number: passenger.personalIdNumber },
    capture: { quality: 'GOOD' },
    ...patch,
  };
}
