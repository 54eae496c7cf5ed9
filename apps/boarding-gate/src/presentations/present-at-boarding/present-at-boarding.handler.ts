import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BOARDING_SCHEMA } from '../../persistence/boarding-persistence';
import type { EntityManager } from 'typeorm';
import {
  BOARDING_DECIDED,
  TOPICS,
  type BoardingDecidedV1,
  type ServiceReason,
  type StepDecision,
} from '@biogate/contracts';
import {
  parseBcbp,
  type Clock,
  type FaceModel,
  type PhasePolicy,
  serviceRejection,
} from '@biogate/domain';
import { EventFactory } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import {
  AIRPORT_REGISTRY,
  assertAirportScope,
  CLOCK,
  FACE_MODEL,
  GALLERY_CIPHER,
  PHASE_POLICY,
  type GalleryCipher,
  captureToMatch,
  assertKnownAirport,
  laneDecision,
  flightOfPass,
  type LaneDecisionPorts,
} from '@biogate/service-runtime';
import type { BoardingAlertKind } from '../../alerts/boarding-alert';
import { BoardingOutbox } from '../../boarding-outbox';
import {
  BoardedRow,
  BoardingAlertRow,
  BoardingGalleryEntryRow,
  BoardingPassRow,
  BoardingPresentationRow,
  FlightBoardingRow,
  SecurityClearanceRow,
} from '../../persistence/boarding.entities';
import type { BoardingPresentationView } from '../boarding-presentation.view';
import { PresentAtBoardingCommand } from './present-at-boarding.command';
import type { PresentAtBoardingRequestDto } from './present-at-boarding.request.dto';

interface Refusal {
  readonly reason: ServiceReason;
  readonly detail: string;
  readonly alert?: BoardingAlertKind;
}

/**
 * A presentation at a boarding gate, checked in this order (domain.md §5): a boarding pass this
 * system issued for a flight from this airport; not boarded already (a pass shown again, at any
 * gate and any time, is rejected and alerted); boarding open; the flight's gate; security cleared
 * for this flight; then the policy for the lane, and at an e-gate the 1:1 face match against the
 * flight's gallery.
 */
@CommandHandler(PresentAtBoardingCommand)
export class PresentAtBoardingHandler implements ICommandHandler<
  PresentAtBoardingCommand,
  BoardingPresentationView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
    @Inject(FACE_MODEL) private readonly faces: FaceModel,
    @Inject(GALLERY_CIPHER) private readonly gallery: GalleryCipher,
    private readonly outbox: BoardingOutbox,
  ) {}

  private get lanePorts(): LaneDecisionPorts {
    return {
      schema: BOARDING_SCHEMA,
      policy: this.policy,
      faces: this.faces,
      gallery: this.gallery,
    };
  }

  async execute({
    principal,
    request,
    correlationId,
  }: PresentAtBoardingCommand): Promise<BoardingPresentationView> {
    assertAirportScope(principal, request.airport);
    assertKnownAirport(this.airports, request.airport);
    const capture = captureToMatch(request.lane === 'AUTOMATED', request.capture);
    const at = new Date(this.clock.now());
    return this.unitOfWork.transaction(async (em): Promise<BoardingPresentationView> => {
      const scanned = parseBcbp(request.boardingPass);
      if (!scanned.ok) {
        return this.refuse(em, request, at, {
          reason: 'BOARDING_PASS_INVALID',
          detail: scanned.reason,
          alert: 'INVALID_BOARDING_PASS',
        });
      }
      const pass = await em.findOneBy(BoardingPassRow, { bcbp: request.boardingPass });
      if (!pass) {
        return this.refuse(em, request, at, {
          reason: 'BOARDING_PASS_UNKNOWN',
          detail: `no boarding pass ${scanned.value.carrier}${scanned.value.flightNumber} seq ${scanned.value.sequence} was issued by this system`,
          alert: 'UNKNOWN_BOARDING_PASS',
        });
      }
      if (pass.origin !== request.airport) {
        // Another airport's passenger: nothing about them is told, logged or alerted here.
        return this.refuse(em, request, at, {
          reason: 'BOARDING_PASS_WRONG_AIRPORT',
          detail: `the boarding pass is not for a flight from ${request.airport}`,
          alert: 'UNKNOWN_BOARDING_PASS',
        });
      }
      const refusal = await this.stateRefusal(em, request, pass);
      if (refusal) return this.refuse(em, request, at, refusal, pass);

      const galleryEntry = await em.findOneBy(BoardingGalleryEntryRow, {
        passengerId: pass.passengerId,
        flightId: pass.flightId,
      });
      const { decision, alert: alertKind } = await laneDecision(em, this.lanePorts, {
        touchpoint: 'BOARDING',
        lane: request.lane,
        airport: request.airport,
        at,
        document: request.document,
        capture,
        international: pass.international,
        galleryEntry,
        accessor: principal.name,
        purpose: 'e-gate 1:1',
      });
      const boarded = decision.outcome === 'ALLOWED';
      if (boarded) {
        await em.insert(BoardedRow, {
          passengerId: pass.passengerId,
          flightId: pass.flightId,
          gate: request.gate,
          lane: request.lane,
          boardedAt: at,
        });
      }
      await this.log(em, request, at, decision, pass.passengerId);
      const alert =
        alertKind === undefined
          ? undefined
          : await this.raise(
              em,
              request,
              at,
              alertKind,
              `${decision.reason} at gate ${request.gate}`,
              pass.passengerId,
            );
      await this.announce(em, request, at, decision, pass, boarded, correlationId);
      return {
        decision,
        passengerId: pass.passengerId,
        seat: pass.seat,
        boarded,
        ...(alert === undefined ? {} : { alert }),
      };
    });
  }

  /** The gate's own checks, in the order of domain.md §5: already boarded, open, gate, security. */
  private async stateRefusal(
    em: EntityManager,
    request: PresentAtBoardingRequestDto,
    pass: BoardingPassRow,
  ): Promise<Refusal | undefined> {
    const flight = `${pass.carrier}${pass.flightNumber}`;
    // A pass shown again, at any gate and any time, is the fraud signal: checked first.
    const already = await em.findOneBy(BoardedRow, { passengerId: pass.passengerId });
    if (already) {
      return {
        reason: 'ALREADY_BOARDED',
        detail: `this boarding pass boarded at gate ${already.gate} at ${already.boardedAt.toISOString()}`,
        alert: 'DUPLICATE_BOARDING',
      };
    }
    const boarding = await em.findOneBy(FlightBoardingRow, {
      carrier: pass.carrier,
      flightNumber: pass.flightNumber,
      departureDate: pass.departureDate,
      origin: pass.origin,
    });
    if (boarding?.state !== 'OPEN') {
      return {
        reason: 'BOARDING_NOT_OPEN',
        detail: `boarding of ${flight} is ${boarding ? 'closed' : 'not open yet'}`,
      };
    }
    if (boarding.gate !== request.gate) {
      return { reason: 'WRONG_GATE', detail: `${flight} boards at gate ${boarding.gate}` };
    }
    const cleared = await em.findOneBy(SecurityClearanceRow, {
      passengerId: pass.passengerId,
      flightId: pass.flightId,
    });
    if (!cleared) {
      return {
        reason: 'SECURITY_NOT_CLEARED',
        detail: `no security clearance for ${flight}`,
        alert: 'SECURITY_NOT_CLEARED',
      };
    }
    return undefined;
  }

  private async refuse(
    em: EntityManager,
    request: PresentAtBoardingRequestDto,
    at: Date,
    refusal: Refusal,
    pass?: BoardingPassRow,
  ): Promise<BoardingPresentationView> {
    const decision = serviceRejection(this.policy, at.getTime(), refusal.reason, refusal.detail);
    await this.log(em, request, at, decision, pass?.passengerId);
    const alert =
      refusal.alert === undefined
        ? undefined
        : await this.raise(em, request, at, refusal.alert, refusal.detail, pass?.passengerId);
    if (pass) await this.announce(em, request, at, decision, pass, false, randomUUID());
    return {
      decision,
      boarded: false,
      ...(pass ? { passengerId: pass.passengerId, seat: pass.seat } : {}),
      ...(alert === undefined ? {} : { alert }),
    };
  }

  private async log(
    em: EntityManager,
    request: PresentAtBoardingRequestDto,
    at: Date,
    decision: StepDecision,
    passengerId?: string,
  ): Promise<void> {
    await em.insert(BoardingPresentationRow, {
      id: randomUUID(),
      airport: request.airport,
      gate: request.gate,
      lane: request.lane,
      at,
      passengerId: passengerId ?? null,
      decision,
    });
  }

  private async raise(
    em: EntityManager,
    request: PresentAtBoardingRequestDto,
    at: Date,
    kind: BoardingAlertKind,
    detail: string,
    passengerId?: string,
  ): Promise<{ alertId: string; kind: BoardingAlertKind }> {
    const alertId = randomUUID();
    await em.insert(BoardingAlertRow, {
      id: alertId,
      airport: request.airport,
      kind,
      gate: request.gate,
      raisedAt: at,
      passengerId: passengerId ?? null,
      detail,
    });
    return { alertId, kind };
  }

  private async announce(
    em: EntityManager,
    request: PresentAtBoardingRequestDto,
    at: Date,
    decision: StepDecision,
    pass: BoardingPassRow,
    boarded: boolean,
    correlationId: string,
  ): Promise<void> {
    const events = new EventFactory('boarding', at.toISOString(), correlationId);
    await this.outbox.append(em, [
      {
        topic: TOPICS.journey,
        envelope: events.create<BoardingDecidedV1>({
          ...BOARDING_DECIDED,
          key: pass.passengerId,
          payload: {
            passengerId: pass.passengerId,
            flight: flightOfPass(pass),
            airport: request.airport,
            gate: request.gate,
            lane: request.lane,
            at: at.toISOString(),
            decision,
            boarded,
          },
        }),
      },
    ]);
  }
}
