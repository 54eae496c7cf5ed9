import type { FaceCaptureDto } from '@biogate/contracts';
import { FaceModel, type CheckInChannel, type Outage } from '@biogate/domain';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import type { BookedPassengerRecord } from '../persistence/checkin-store';
import type { EnrolmentRow } from '../persistence/checkin.entities';
import { checkInDecision } from './check-in-decision';

const faces = new FaceModel();
const policy = phasePolicyFor(loadAirportRegistry());
const ID_NUMBER = '079200001234';
const OTHER_PERSON = '079200009999';
/** 1 Dec 2025, 06:00 in Hồ Chí Minh City: biometric check-in is for the enrolled (R4). */
const AT = Date.parse('2025-12-01T06:00:00+07:00');

const enrolment = { id: 'e1', personalIdNumber: ID_NUMBER, templateId: 't1' } as EnrolmentRow;

function record(patch: { enrolled?: boolean; outages?: Outage[] } = {}): BookedPassengerRecord {
  return {
    passenger: {
      id: 'p1',
      documentType: 'CITIZEN_ID_CARD',
      documentNumber: ID_NUMBER,
      documentExpiresOn: '2031-01-01',
      birthDate: '1990-04-02',
      checkedBags: 0,
      ssr: [],
    },
    booking: { pnr: 'K7Q2ZD' },
    flight: { id: 'f1', origin: 'SGN', destination: 'HAN', international: false },
    enrolment: patch.enrolled === false ? null : enrolment,
    checkIn: null,
    outages: patch.outages ?? [],
  } as unknown as BookedPassengerRecord;
}

const own: FaceCaptureDto = { quality: 'GOOD', seed: 's1' };
const impostor: FaceCaptureDto = { quality: 'GOOD', subject: OTHER_PERSON, seed: 's2' };
const attack: FaceCaptureDto = { quality: 'GOOD', presentationAttack: true, seed: 's3' };

describe('checkInDecision', () => {
  it.each<[string, CheckInChannel, FaceCaptureDto | undefined, boolean, string, string, boolean]>([
    // what, channel, capture, enrolled, outcome, reason, template opened
    ['the enrolled passenger, their own face', 'BIOMETRIC', own, true, 'ALLOWED', 'OK', true],
    ['another face', 'BIOMETRIC', impostor, true, 'REDIRECTED', 'FACE_MISMATCH', true],
    ['a mask held up', 'BIOMETRIC', attack, true, 'REDIRECTED', 'LIVENESS_FAILED', true],
    [
      'not enrolled: the policy refuses, no face',
      'BIOMETRIC',
      own,
      false,
      'REDIRECTED',
      'R4',
      false,
    ],
    ['at a kiosk no face is matched', 'KIOSK', undefined, true, 'ALLOWED', 'OK', false],
  ])('%s', (_what, channel, capture, enrolled, outcome, reason, opened) => {
    const openings: string[] = [];
    const decision = checkInDecision(
      { policy, faces },
      { record: record({ enrolled }), channel, capture, at: AT },
      (e) => {
        openings.push(e.templateId);
        return faces.template(e.personalIdNumber);
      },
    );
    expect(decision.outcome).toBe(outcome);
    expect(reason === 'R4' ? decision.rules : decision.reason).toEqual(
      reason === 'R4' ? expect.arrayContaining(['R4']) : reason,
    );
    expect(openings).toEqual(opened ? ['t1'] : []);
    // A face that was matched leaves its verification in the decision.
    expect(decision.verification !== undefined).toBe(opened);
  });

  it('sends a face that does not verify where the policy sends a biometric passenger', () => {
    const decision = checkInDecision(
      { policy, faces },
      { record: record(), channel: 'BIOMETRIC', capture: impostor, at: AT },
      (e) => faces.template(e.personalIdNumber),
    );
    expect(decision.redirectTo).toBeDefined();
    expect(decision.redirectTo).not.toBe('BIOMETRIC');
  });
});
