import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Clock, FaceModel, PhasePolicy } from '@biogate/domain';
import { laneAlertRaised, presentAtLane, raiseAlert, type LaneGate } from '@biogate/lane-gate';
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
import type { BoardingAlertKind } from '../../alerts/boarding-alert';
import { BoardingOutbox } from '../../boarding-outbox';
import { BoardingStore, type PassAtBoarding } from '../../persistence/boarding-store';
import type { BoardingPresentationView } from '../boarding-presentation.view';
import { boardingDecided } from '../boarding-decided';
import { boardingRefusal } from '../boarding-refusal';
import { PresentAtBoardingCommand } from './present-at-boarding.command';

/**
 * A presentation at a boarding gate (the lane flow both gates share, `presentAtLane`): a pass
 * this system issued for a flight from this airport; not boarded already (a pass shown again, at
 * any gate and any time, is rejected and alerted); boarding open; the flight's gate; security
 * cleared for this flight; then the policy for the lane, and at an e-gate the 1:1 face match.
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
    private readonly store: BoardingStore,
    private readonly outbox: BoardingOutbox,
  ) {}

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
      const gate: LaneGate<PassAtBoarding, BoardingAlertKind> = {
        ports: { policy: this.policy, faces: this.faces, gallery: this.gallery },
        context: (bcbp) => this.store.laneContext(em, bcbp, request.airport),
        refusal: (context) => boardingRefusal(context, request.gate),
      };
      const { decision, pass, alert, templateAccess } = await presentAtLane(gate, {
        touchpoint: 'BOARDING',
        lane: request.lane,
        airport: request.airport,
        at,
        boardingPass: request.boardingPass,
        document: request.document,
        capture,
        accessor: principal.name,
        purpose: 'e-gate 1:1',
        where: `at gate ${request.gate}`,
      });
      const boarded = decision.outcome === 'ALLOWED';
      const raisedAlert = raiseAlert(alert);
      const events = new EventStamp('boarding', at.toISOString(), correlationId);
      const announced = [
        ...boardingDecided(events, pass, request, decision, boarded),
        ...laneAlertRaised(
          events,
          {
            airport: request.airport,
            touchpoint: 'BOARDING',
            lane: request.lane,
            gate: request.gate,
          },
          pass,
          raisedAlert,
        ),
      ];
      await this.store.recordPresentation(
        em,
        {
          airport: request.airport,
          gate: request.gate,
          lane: request.lane,
          at,
          pass,
          decision,
          boarded,
          alert: raisedAlert,
          templateAccess,
        },
        (first) => this.outbox.within(em, announced, first),
      );
      const raised = raisedAlert
        ? { alert: { alertId: raisedAlert.alertId, kind: raisedAlert.kind } }
        : {};
      if (pass === undefined) return { decision, boarded, ...raised };
      return { decision, passengerId: pass.passengerId, seat: pass.seat, boarded, ...raised };
    });
  }
}
