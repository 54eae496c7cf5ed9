import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { captureToMatch, type GalleryCipher } from '@biogate/biometrics';
import type { FaceCaptureDto, PresentedDocumentDto, StepDecision } from '@biogate/contracts';
import type { FaceModel, Instant, Lane, PhasePolicy } from '@biogate/domain';
import {
  EventStamp,
  type OutboxEntry,
  type OutboxInsert,
  type PendingEvents,
} from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import {
  AIRPORT_REGISTRY,
  assertAirportScope,
  assertKnownAirport,
  FACE_MODEL,
  GALLERY_CIPHER,
  PHASE_POLICY,
  type Principal,
} from '@biogate/service-runtime';
import type { TemplateAccess } from './gallery-template';
import {
  laneAlertRaised,
  raiseAlert,
  type AlertPlace,
  type RaisedAlert,
} from './lane-alert-raised';
import type { LanePass } from './lane-pass';
import {
  presentAtLane,
  type LaneAlertKind,
  type LaneContext,
  type LaneRefusal,
} from './lane-presentation';

/** What is shown at a lane of either gate (each gate's request DTO has these fields). */
export interface LanePresentationRequest {
  readonly airport: string;
  readonly lane: Lane;
  readonly boardingPass: string;
  readonly document: PresentedDocumentDto;
  readonly capture?: FaceCaptureDto;
}

/** A presentation command of either gate: who presents what, under which correlation id. */
export interface LanePresentationCommand<R extends LanePresentationRequest> {
  readonly principal: Principal;
  readonly request: R;
  readonly correlationId: string;
  /** The instant it is decided at (`DecisionInstant`: QA's, or the request's arrival). */
  readonly at: Instant;
}

/** A presentation decided: what the gate keeps of it, and then answers from. */
export interface GatePresented<P extends LanePass, K extends string> {
  readonly at: Date;
  readonly decision: StepDecision;
  /** The pass, when it is one of this airport's. */
  readonly pass: P | undefined;
  /** ALLOWED: the security gate clears the passenger, the boarding gate boards them. */
  readonly allowed: boolean;
  readonly alert: RaisedAlert<K | LaneAlertKind> | undefined;
  readonly templateAccess: TemplateAccess | undefined;
}

/** Where a presentation was: the alert's place, and the words its detail gives it. */
export interface GatePlace extends AlertPlace {
  /** "at AUTOMATED lane", "at gate 12". */
  readonly where: string;
}

/** One gate, as the presentation use case sees it: only what differs between the two. */
export interface GateLanes<
  P extends LanePass,
  K extends string,
  R extends LanePresentationRequest,
> {
  /** The service that announces, and the touchpoint the rules judge. */
  readonly service: 'security' | 'boarding';
  readonly touchpoint: 'SECURITY' | 'BOARDING';
  /** Why the gate reads a template in clear, for the audit trail. */
  readonly purpose: string;
  placeOf(request: R): GatePlace;
  context(em: EntityManager, bcbp: string, airport: string): Promise<LaneContext<P> | null>;
  /** The gate's own checks on a pass of this airport, before the policy. */
  refusal?(context: LaneContext<P>, request: R): LaneRefusal<K> | undefined;
  /** The gate's own event of the decision (none for an unknown pass). */
  decided(events: EventStamp, presented: GatePresented<P, K>, request: R): OutboxEntry[];
  /** Writes the presentation, what it caused and its events, in one statement (`singleWrite`). */
  record(
    em: EntityManager,
    presented: GatePresented<P, K>,
    request: R,
    events: PendingEvents,
  ): Promise<void>;
  /** The gate's outbox, which the events go into within the same statement. */
  readonly outbox: {
    within(
      em: EntityManager,
      entries: readonly OutboxEntry[],
      first: number,
    ): OutboxInsert | undefined;
  };
}

/**
 * The presentation use case both gates run: the caller's scope and the airport, the capture an
 * e-gate matches, then as one write (`UnitOfWork.singleWrite`) the lane flow (`presentAtLane`),
 * the alert, the gate's events and the alert's, and the gate's record of it all. Each gate
 * answers with its own view.
 */
@Injectable()
export class GatePresentation {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
    @Inject(FACE_MODEL) private readonly faces: FaceModel,
    @Inject(GALLERY_CIPHER) private readonly gallery: GalleryCipher,
  ) {}

  async present<P extends LanePass, K extends string, R extends LanePresentationRequest>(
    gate: GateLanes<P, K, R>,
    { principal, request, correlationId, at: asked }: LanePresentationCommand<R>,
  ): Promise<GatePresented<P, K>> {
    assertAirportScope(principal, request.airport);
    assertKnownAirport(this.airports, request.airport);
    const capture = captureToMatch(request.lane === 'AUTOMATED', request.capture);
    const at = new Date(asked);
    const place = gate.placeOf(request);
    // One read (the lane's context) and one write (`record`, the events in it): no transaction.
    return this.unitOfWork.singleWrite(async (em) => {
      const outcome = await presentAtLane<P, K>(
        {
          ports: { policy: this.policy, faces: this.faces, gallery: this.gallery },
          context: (bcbp) => gate.context(em, bcbp, request.airport),
          refusal: (context) => gate.refusal?.(context, request),
        },
        {
          touchpoint: gate.touchpoint,
          lane: request.lane,
          airport: request.airport,
          at,
          boardingPass: request.boardingPass,
          document: request.document,
          capture,
          accessor: principal.name,
          purpose: gate.purpose,
          where: place.where,
        },
      );
      const presented: GatePresented<P, K> = {
        at,
        decision: outcome.decision,
        pass: outcome.pass,
        allowed: outcome.decision.outcome === 'ALLOWED',
        alert: raiseAlert(outcome.alert),
        templateAccess: outcome.templateAccess,
      };
      const events = new EventStamp(gate.service, at.toISOString(), correlationId);
      const announced = [
        ...gate.decided(events, presented, request),
        ...laneAlertRaised(events, place, presented.pass, presented.alert),
      ];
      await gate.record(em, presented, request, (first) =>
        gate.outbox.within(em, announced, first),
      );
      return presented;
    });
  }
}

/** The alert as a gate's answer names it (the detail stays in the gate's alert log). */
export function alertAnswer<K extends string>(
  alert: RaisedAlert<K> | undefined,
): { readonly alert?: { readonly alertId: string; readonly kind: K } } {
  return alert === undefined ? {} : { alert: { alertId: alert.alertId, kind: alert.kind } };
}
