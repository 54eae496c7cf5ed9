import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SECURITY_SCHEMA } from '../../persistence/security-persistence';
import type { EntityManager } from 'typeorm';
import {
  SECURITY_DECIDED,
  TOPICS,
  type SecurityDecidedV1,
  type ServiceReason,
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
import type { SecurityAlertKind } from '../../alerts/security-alert';
import {
  ClearanceRow,
  GalleryEntryRow,
  IssuedBoardingPassRow,
  SecurityAlertRow,
  SecurityPresentationRow,
} from '../../persistence/security.entities';
import { SecurityOutbox } from '../../security-outbox';
import type { SecurityPresentationView } from '../security-presentation.view';
import { PresentAtSecurityCommand } from './present-at-security.command';

/**
 * A presentation at a security lane: the boarding pass must be one this system issued for a
 * flight from this airport; the policy judges the document and the lane at the clock's instant;
 * at an AUTOMATED lane the live face is matched 1:1 against the flight's gallery. A mismatch or
 * a suspected presentation attack sends the passenger to the manual lane and raises an alert;
 * it never silently passes.
 */
@CommandHandler(PresentAtSecurityCommand)
export class PresentAtSecurityHandler implements ICommandHandler<
  PresentAtSecurityCommand,
  SecurityPresentationView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
    @Inject(FACE_MODEL) private readonly faces: FaceModel,
    @Inject(GALLERY_CIPHER) private readonly gallery: GalleryCipher,
    private readonly outbox: SecurityOutbox,
  ) {}

  private get lanePorts(): LaneDecisionPorts {
    return {
      schema: SECURITY_SCHEMA,
      policy: this.policy,
      faces: this.faces,
      gallery: this.gallery,
    };
  }

  async execute({
    principal,
    request,
    correlationId,
  }: PresentAtSecurityCommand): Promise<SecurityPresentationView> {
    assertAirportScope(principal, request.airport);
    assertKnownAirport(this.airports, request.airport);
    const capture = captureToMatch(request.lane === 'AUTOMATED', request.capture);
    const at = new Date(this.clock.now());
    return this.unitOfWork.transaction(async (em): Promise<SecurityPresentationView> => {
      const scanned = parseBcbp(request.boardingPass);
      if (!scanned.ok) {
        return this.refuse(
          em,
          request,
          at,
          'BOARDING_PASS_INVALID',
          scanned.reason,
          'INVALID_BOARDING_PASS',
        );
      }
      const pass = await em.findOneBy(IssuedBoardingPassRow, { bcbp: request.boardingPass });
      if (!pass) {
        const detail = `no boarding pass ${scanned.value.carrier}${scanned.value.flightNumber} seq ${scanned.value.sequence} was issued by this system`;
        return this.refuse(
          em,
          request,
          at,
          'BOARDING_PASS_UNKNOWN',
          detail,
          'UNKNOWN_BOARDING_PASS',
        );
      }
      if (pass.origin !== request.airport) {
        // Another airport's passenger: nothing about them is told, logged or alerted here.
        return this.refuse(
          em,
          request,
          at,
          'BOARDING_PASS_WRONG_AIRPORT',
          `the boarding pass is not for a flight from ${request.airport}`,
          'UNKNOWN_BOARDING_PASS',
        );
      }
      const galleryEntry = await em.findOneBy(GalleryEntryRow, {
        passengerId: pass.passengerId,
        flightId: pass.flightId,
      });
      const { decision, alert: alertKind } = await laneDecision(em, this.lanePorts, {
        touchpoint: 'SECURITY',
        lane: request.lane,
        airport: request.airport,
        at,
        document: request.document,
        capture,
        international: pass.international,
        galleryEntry,
        accessor: principal.name,
        purpose: 'automated lane 1:1',
      });
      const cleared = decision.outcome === 'ALLOWED';
      if (cleared) {
        await em.upsert(
          ClearanceRow,
          {
            passengerId: pass.passengerId,
            flightId: pass.flightId,
            lane: request.lane,
            clearedAt: at,
          },
          ['passengerId', 'flightId'],
        );
      }
      await em.insert(SecurityPresentationRow, {
        id: randomUUID(),
        airport: request.airport,
        lane: request.lane,
        at,
        passengerId: pass.passengerId,
        flightId: pass.flightId,
        decision,
      });
      const alert =
        alertKind === undefined
          ? undefined
          : await this.raise(
              em,
              request,
              at,
              alertKind,
              `${decision.reason} at ${request.lane} lane`,
              pass.passengerId,
            );
      const flight = flightOfPass(pass);
      const events = new EventFactory('security', at.toISOString(), correlationId);
      await this.outbox.append(em, [
        {
          topic: TOPICS.journey,
          envelope: events.create<SecurityDecidedV1>({
            ...SECURITY_DECIDED,
            key: pass.passengerId,
            payload: {
              passengerId: pass.passengerId,
              flight,
              airport: request.airport,
              lane: request.lane,
              at: at.toISOString(),
              decision,
              cleared,
            },
          }),
        },
      ]);
      return {
        decision,
        passengerId: pass.passengerId,
        flight: {
          carrier: pass.carrier,
          number: pass.flightNumber,
          date: pass.departureDate,
          destination: pass.destination,
        },
        cleared,
        ...(alert === undefined ? {} : { alert }),
      };
    });
  }

  /** A boarding pass that cannot be used: rejected, logged, and an alert for the operators. */
  private async refuse(
    em: EntityManager,
    request: PresentAtSecurityCommand['request'],
    at: Date,
    reason: ServiceReason,
    detail: string,
    kind: SecurityAlertKind,
    passengerId?: string,
  ): Promise<SecurityPresentationView> {
    const decision = serviceRejection(this.policy, at.getTime(), reason, detail);
    await em.insert(SecurityPresentationRow, {
      id: randomUUID(),
      airport: request.airport,
      lane: request.lane,
      at,
      passengerId: passengerId ?? null,
      flightId: null,
      decision,
    });
    const alert = await this.raise(em, request, at, kind, detail, passengerId);
    return { decision, cleared: false, alert };
  }

  private async raise(
    em: EntityManager,
    request: PresentAtSecurityCommand['request'],
    at: Date,
    kind: SecurityAlertKind,
    detail: string,
    passengerId?: string,
  ): Promise<{ alertId: string; kind: SecurityAlertKind }> {
    const alertId = randomUUID();
    await em.insert(SecurityAlertRow, {
      id: alertId,
      airport: request.airport,
      kind,
      lane: request.lane,
      raisedAt: at,
      passengerId: passengerId ?? null,
      detail,
    });
    return { alertId, kind };
  }
}
