import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Clock, FaceModel, PhasePolicy } from '@biogate/domain';
import {
  laneAlertRaised,
  presentAtLane,
  raiseAlert,
  type LaneGate,
  type LanePass,
} from '@biogate/lane-gate';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import {
  AIRPORT_REGISTRY,
  assertAirportScope,
  assertKnownAirport,
  CLOCK,
  FACE_MODEL,
  GALLERY_CIPHER,
  PHASE_POLICY,
} from '@biogate/service-runtime';
import { captureToMatch, type GalleryCipher } from '@biogate/biometrics';
import type { SecurityAlertKind } from '../../alerts/security-alert';
import { SecurityStore } from '../../persistence/security-store';
import { SecurityOutbox } from '../../security-outbox';
import type { SecurityPresentationView } from '../security-presentation.view';
import { securityDecided } from '../security-decided';
import { PresentAtSecurityCommand } from './present-at-security.command';

/**
 * A presentation at a security lane (the lane flow both gates share, `presentAtLane`): a pass
 * this system issued for a flight from this airport, the policy at the clock's instant, and at an
 * AUTOMATED lane the 1:1 match against the flight's gallery. An allowed presentation clears the
 * passenger for boarding; a face that fails sends them to the manual lane with an alert.
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
    private readonly store: SecurityStore,
    private readonly outbox: SecurityOutbox,
  ) {}

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
      const gate: LaneGate<LanePass, SecurityAlertKind> = {
        ports: { policy: this.policy, faces: this.faces, gallery: this.gallery },
        context: (bcbp) => this.store.laneContext(em, bcbp, request.airport),
      };
      const { decision, pass, alert, templateAccess } = await presentAtLane(gate, {
        touchpoint: 'SECURITY',
        lane: request.lane,
        airport: request.airport,
        at,
        boardingPass: request.boardingPass,
        document: request.document,
        capture,
        accessor: principal.name,
        purpose: 'automated lane 1:1',
        where: `at ${request.lane} lane`,
      });
      const cleared = decision.outcome === 'ALLOWED';
      const raisedAlert = raiseAlert(alert);
      const events = new EventStamp('security', at.toISOString(), correlationId);
      const announced = [
        ...securityDecided(events, pass, request, decision, cleared),
        ...laneAlertRaised(
          events,
          { airport: request.airport, touchpoint: 'SECURITY', lane: request.lane },
          pass,
          raisedAlert,
        ),
      ];
      await this.store.recordPresentation(
        em,
        {
          airport: request.airport,
          lane: request.lane,
          at,
          pass,
          decision,
          cleared,
          alert: raisedAlert,
          templateAccess,
        },
        (first) => this.outbox.within(em, announced, first),
      );
      const raised = raisedAlert
        ? { alert: { alertId: raisedAlert.alertId, kind: raisedAlert.kind } }
        : {};
      if (pass === undefined) return { decision, cleared, ...raised };
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
        ...raised,
      };
    });
  }
}
