import {
  classifyDocument,
  compactDateAt,
  faceCheckedDecision,
  FaceModel,
  insideVneidAppWindow,
  SimulatedPopulationRegister,
  vneidPurchaseRefusal,
  type Instant,
  type Outage,
  type PhasePolicy,
  type PassengerFacts,
  type PolicyRequest,
  type TouchpointDecision,
} from '@biogate/domain';
import { TRAIT, type DayPopulation } from './day-population';
import {
  ALLOWED,
  type DayBatch,
  type JourneyStep,
  type StepDecider,
  type StepVerdict,
} from './journey-step';

/**
 * The capacity model's own answers: the policy engine and the face model, with the state the
 * services would hold (who is booked, who enrolled), read in the services' order. The live day
 * asks the services instead; the cross-check compares the two.
 */
export class ModelDecider implements StepDecider {
  private readonly faces = new FaceModel();
  /** The simulated population register with nothing overridden, as the embedded services start. */
  private readonly register = new SimulatedPopulationRegister();
  private readonly enrolled: Uint8Array;
  /** Each passenger's facts, built once (a national day asks for them a million times). */
  private readonly facts: (PassengerFacts | undefined)[];
  private outages: readonly Outage[] = [];

  constructor(
    private readonly policy: PhasePolicy,
    private readonly population: DayPopulation,
  ) {
    this.enrolled = new Uint8Array(population.total);
    this.facts = new Array<PassengerFacts | undefined>(population.total);
  }

  decide(batch: DayBatch): StepVerdict[] {
    for (const action of batch.actions) {
      if (action.kind === 'DECLARE_OUTAGE' && !this.outages.includes(action.outage))
        this.outages = [...this.outages, action.outage];
      if (action.kind === 'CLEAR_OUTAGE')
        this.outages = this.outages.filter((outage) => outage !== action.outage);
    }
    return batch.steps.map((step) => this.verdict(step, batch.at));
  }

  private verdict(step: JourneyStep, at: Instant): StepVerdict {
    switch (step.kind) {
      case 'BOOKING':
        return this.booking(step.passengers, at);
      case 'ENROLMENT':
        return this.enrolment(step, at);
      // One request object built in place, without spreads: the model's hot path.
      case 'CHECK_IN':
        return this.touchpoint(step.passenger, step.capture, {
          touchpoint: 'CHECK_IN',
          channel: step.channel,
          at,
          airport: this.population.airport,
          international: this.population.has(step.passenger, TRAIT.INTERNATIONAL),
          passenger: this.factsOf(step.passenger),
          outages: this.outages,
        });
      default:
        return this.touchpoint(step.passenger, step.capture, {
          touchpoint: step.kind,
          lane: step.lane,
          at,
          airport: this.population.airport,
          international: this.population.has(step.passenger, TRAIT.INTERNATIONAL),
          passenger: this.factsOf(step.passenger),
          outages: this.outages,
        });
    }
  }

  /** A booking is made whole or not at all: one refused VNeID purchase refuses it. */
  private booking(passengers: readonly number[], at: Instant): StepVerdict {
    const date = compactDateAt(at, this.policy.compiled.utcOffsetMinutes);
    for (const p of passengers) {
      if (!this.population.has(p, TRAIT.VNEID_PURCHASE)) continue;
      const document = this.population.document(p);
      const refusal = vneidPurchaseRefusal(
        {
          documentType: document.type,
          documentNumber: document.number,
          surname: this.population.surname(p),
          givenName: this.population.givenName(p),
          birthDate: this.population.birthDate(p),
        },
        this.register,
        date,
      );
      if (refusal !== undefined) return { outcome: 'REJECTED', reason: refusal };
    }
    return ALLOWED;
  }

  /** The enrolment handler's checks, in its order: document, register, app window, face. */
  private enrolment(step: Extract<JourneyStep, { kind: 'ENROLMENT' }>, at: Instant): StepVerdict {
    const p = step.passenger;
    const document = this.population.document(p);
    const documentClass = classifyDocument(
      document,
      compactDateAt(at, this.policy.compiled.utcOffsetMinutes),
    );
    const refused = (reason: string): StepVerdict => ({ outcome: 'REJECTED', reason });
    if (documentClass === 'INVALID') return refused('INVALID_DOCUMENT');
    if (documentClass !== 'NATIONAL_EID') return refused('DOCUMENT_NOT_ELIGIBLE');
    if (this.enrolled[p] === 1) return { outcome: 'ALLOWED', reason: 'ALREADY_ENROLLED' };
    const identity = this.register.lookup(document.number);
    if (!identity) return refused('NOT_IN_POPULATION_REGISTER');
    if (step.channel === 'VNEID_APP') {
      if (identity.vneidLevel < 2) return refused('VNEID_LEVEL_TOO_LOW');
      if (!insideVneidAppWindow(at, this.population.flight(p).departureAt))
        return refused('OUTSIDE_APP_WINDOW');
    }
    const { live, matched } =
      identity.chipPhotoSeed === document.number
        ? this.faces.verifyHolder(step.capture, document.number)
        : this.faces.verify(
            this.faces.template(identity.chipPhotoSeed),
            step.capture,
            document.number,
          );
    if (!live) return refused('LIVENESS_FAILED');
    if (!matched) return refused('FACE_MISMATCH');
    this.enrolled[p] = 1;
    this.facts[p] = undefined;
    return ALLOWED;
  }

  private factsOf(p: number): PassengerFacts {
    return (this.facts[p] ??= this.population.facts(p, this.enrolled[p] === 1));
  }

  /** The policy at the step's instant; at a biometric point the face check has the last word. */
  private touchpoint(
    p: number,
    capture: Extract<JourneyStep, { kind: 'CHECK_IN' }>['capture'],
    request: PolicyRequest,
  ): StepVerdict {
    const decision: TouchpointDecision = this.policy.evaluate(request);
    if (decision.outcome !== 'ALLOWED' || capture === undefined) return verdictOf(decision);
    // The gallery holds the template of the holder's own face (their chip photo). The verdict
    // needs whether it verified, not the similarity, which the model does not measure.
    const verification = {
      ...this.faces.verifyHolder(capture, request.passenger.document.number),
      similarity: Number.NaN,
    };
    return verdictOf(faceCheckedDecision(this.policy, request, decision, verification).decision);
  }
}

function verdictOf(decision: TouchpointDecision): StepVerdict {
  return decision.redirectTo === undefined
    ? { outcome: decision.outcome, reason: decision.reason }
    : { outcome: decision.outcome, reason: decision.reason, redirectTo: decision.redirectTo };
}
