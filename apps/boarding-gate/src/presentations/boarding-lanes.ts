import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  GateLanes,
  GatePlace,
  GatePresented,
  LaneContext,
  LaneRefusal,
} from '@biogate/lane-gate';
import type { EventStamp, OutboxEntry, PendingEvents } from '@biogate/messaging';
import type { BoardingAlertKind } from '../alerts/boarding-alert';
import { BoardingOutbox } from '../boarding-outbox';
import { BoardingStore, type PassAtBoarding } from '../persistence/boarding-store';
import { boardingDecided } from './boarding-decided';
import { boardingRefusal } from './boarding-refusal';
import type { PresentAtBoardingRequestDto } from './present-at-boarding/present-at-boarding.request.dto';

type Presented = GatePresented<PassAtBoarding, BoardingAlertKind>;

/**
 * The boarding gates, as the presentation both gates run sees them: their own checks first (not
 * boarded already, boarding open, the flight's gate, security cleared; `boardingRefusal`); an
 * allowed presentation boards the passenger.
 */
@Injectable()
export class BoardingLanes implements GateLanes<
  PassAtBoarding,
  BoardingAlertKind,
  PresentAtBoardingRequestDto
> {
  readonly service = 'boarding' as const;
  readonly touchpoint = 'BOARDING' as const;
  readonly purpose = 'e-gate 1:1';

  constructor(
    private readonly store: BoardingStore,
    readonly outbox: BoardingOutbox,
  ) {}

  placeOf({ airport, lane, gate }: PresentAtBoardingRequestDto): GatePlace {
    return { airport, touchpoint: this.touchpoint, lane, gate, where: `at gate ${gate}` };
  }

  context(
    em: EntityManager,
    bcbp: string,
    airport: string,
  ): Promise<LaneContext<PassAtBoarding> | null> {
    return this.store.laneContext(em, bcbp, airport);
  }

  refusal(
    context: LaneContext<PassAtBoarding>,
    { gate }: PresentAtBoardingRequestDto,
  ): LaneRefusal<BoardingAlertKind> | undefined {
    return boardingRefusal(context, gate);
  }

  decided(
    events: EventStamp,
    { pass, decision, allowed }: Presented,
    request: PresentAtBoardingRequestDto,
  ): OutboxEntry[] {
    return boardingDecided(events, pass, request, decision, allowed);
  }

  record(
    em: EntityManager,
    { at, pass, decision, allowed, alert, templateAccess }: Presented,
    { airport, gate, lane }: PresentAtBoardingRequestDto,
    events: PendingEvents,
  ): Promise<void> {
    return this.store.recordPresentation(
      em,
      { airport, gate, lane, at, pass, decision, allowed, alert, templateAccess },
      events,
    );
  }
}
