import fc from 'fast-check';
import { classifyDocument } from './document-validity';
import { PhasePolicy } from './policy-engine';
import { TEST_POLICY_CONFIG } from './policy-request.fixtures';
import type { PassengerFacts, PolicyRequest } from './policy-request';
import { compactDateAt } from '../time/local-date';
import {
  CHECK_IN_CHANNELS,
  LANES,
  OUTAGES,
  OUTCOMES,
  REASON_CODES,
  type CheckInChannel,
  type Lane,
} from './vocabulary';

const policy = new PhasePolicy(TEST_POLICY_CONFIG);
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 0, 1);

const validDocument = fc.oneof(
  fc.record({
    type: fc.constantFrom('CITIZEN_ID_CARD', 'IDENTITY_CARD', 'VNEID_ACCOUNT'),
    number: fc.stringMatching(/^\d{12}$/),
  }),
  fc.record({
    type: fc.constantFrom('PASSPORT', 'OTHER_VALID'),
    number: fc.stringMatching(/^[A-Z0-9]{1,12}$/),
  }),
);
const anyDocument = fc.oneof(
  validDocument,
  fc.record(
    {
      type: fc.constantFrom('CITIZEN_ID_CARD', 'PASSPORT', 'DRIVING_LICENCE', 'VISA', ''),
      number: fc.string({ maxLength: 14 }),
      expiresOn: fc.constantFrom('2025-06-30', '2025-12-01', '2026-12-31'),
    },
    { requiredKeys: ['type', 'number'] },
  ),
);

const passenger = (document: fc.Arbitrary<PassengerFacts['document']>) =>
  fc.record({
    document,
    biometricEnrolled: fc.boolean(),
    checkedBags: fc.integer({ min: 0, max: 3 }),
    ssr: fc.subarray(['WCHR', 'UMNR', 'VGML', 'INFT', 'PRGN']),
    birthDate: fc.constantFrom('1940-01-01', '1950-12-01', '1990-02-03', '2015-06-15'),
  });

const stepFacts = (document: fc.Arbitrary<PassengerFacts['document']>) =>
  fc.record({
    at: fc.integer({ min: FROM, max: TO }),
    airport: fc.constantFrom('SGN', 'VII'),
    international: fc.boolean(),
    passenger: passenger(document),
    outages: fc.subarray([...OUTAGES]),
  });

const step = (document: fc.Arbitrary<PassengerFacts['document']>): fc.Arbitrary<PolicyRequest> =>
  fc.oneof(
    fc
      .tuple(stepFacts(document), fc.constantFrom(...CHECK_IN_CHANNELS))
      .map(([facts, channel]): PolicyRequest => ({ ...facts, touchpoint: 'CHECK_IN', channel })),
    fc
      .tuple(
        stepFacts(document),
        fc.constantFrom('SECURITY' as const, 'BOARDING' as const),
        fc.constantFrom(...LANES),
      )
      .map(([facts, touchpoint, lane]): PolicyRequest => ({ ...facts, touchpoint, lane })),
  );

const from = (request: PolicyRequest): CheckInChannel | Lane =>
  request.touchpoint === 'CHECK_IN' ? request.channel : request.lane;

const sendTo = (request: PolicyRequest, target: CheckInChannel | Lane): PolicyRequest =>
  request.touchpoint === 'CHECK_IN'
    ? { ...request, channel: target as CheckInChannel }
    : { ...request, lane: target as Lane };

describe('properties of the policy over generated requests', () => {
  it('gives every request exactly one well-formed decision, the same each time', () => {
    fc.assert(
      fc.property(step(anyDocument), (request) => {
        const decision = policy.evaluate(request);
        expect(OUTCOMES).toContain(decision.outcome);
        expect(REASON_CODES).toContain(decision.reason);
        expect(decision.phase).toBe(policy.phaseAt(request.at));
        expect(decision.incentiveWindow).toBe(decision.phase === 'BIOMETRIC_ENROLMENT');
        expect(decision.rules.length).toBeGreaterThan(0);
        expect('redirectTo' in decision).toBe(decision.outcome === 'REDIRECTED');
        expect(policy.evaluate(request)).toEqual(decision);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects exactly the invalid documents', () => {
    fc.assert(
      fc.property(step(anyDocument), (request) => {
        const invalid =
          classifyDocument(request.passenger.document, compactDateAt(request.at, 420)) ===
          'INVALID';
        expect(policy.evaluate(request).outcome === 'REJECTED').toBe(invalid);
      }),
      { numRuns: 2000 },
    );
  });

  it('never redirects back to where the passenger came from, nor across touchpoint kinds', () => {
    fc.assert(
      fc.property(step(validDocument), (request) => {
        const decision = policy.evaluate(request);
        if (decision.redirectTo === undefined) return;
        expect(decision.redirectTo).not.toBe(from(request));
        const kinds: readonly string[] =
          request.touchpoint === 'CHECK_IN' ? CHECK_IN_CHANNELS : LANES;
        expect(kinds).toContain(decision.redirectTo);
      }),
      { numRuns: 2000 },
    );
  });

  it('sends a redirected passenger somewhere that serves them', () => {
    fc.assert(
      fc.property(step(validDocument), (request) => {
        const decision = policy.evaluate(request);
        if (decision.redirectTo === undefined) return;
        expect(policy.evaluate(sendTo(request, decision.redirectTo)).outcome).toBe('ALLOWED');
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no valid passenger without a check-in channel and a lane, whatever the outages', () => {
    fc.assert(
      fc.property(step(validDocument), (request) => {
        for (const outages of [[], ['BIOMETRIC'], ['KIOSK'], ['BIOMETRIC', 'KIOSK']] as const) {
          const facts = { ...request, outages };
          const channels = CHECK_IN_CHANNELS.map((channel) =>
            policy.evaluate({ ...facts, touchpoint: 'CHECK_IN', channel }),
          );
          expect(channels.some((d) => d.outcome === 'ALLOWED')).toBe(true);
          for (const touchpoint of ['SECURITY', 'BOARDING'] as const) {
            const lanes = LANES.map((lane) => policy.evaluate({ ...facts, touchpoint, lane }));
            expect(lanes.some((d) => d.outcome === 'ALLOWED')).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
