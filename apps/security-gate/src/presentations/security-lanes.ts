import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  GateLanes,
  GatePlace,
  GatePresented,
  LaneContext,
  LanePass,
} from '@biogate/lane-gate';
import type { EventStamp, OutboxEntry, PendingEvents } from '@biogate/messaging';
import type { SecurityAlertKind } from '../alerts/security-alert';
import { SecurityStore } from '../persistence/security-store';
import { SecurityOutbox } from '../security-outbox';
import type { PresentAtSecurityRequestDto } from './present-at-security/present-at-security.request.dto';
import { securityDecided } from './security-decided';

type Presented = GatePresented<LanePass, SecurityAlertKind>;

/**
 * The security checkpoint's lanes, as the presentation both gates run sees them: no checks of
 * its own before the policy; an allowed presentation clears the passenger for boarding.
 */
@Injectable()
export class SecurityLanes implements GateLanes<
  LanePass,
  SecurityAlertKind,
  PresentAtSecurityRequestDto
> {
  readonly service = 'security' as const;
  readonly touchpoint = 'SECURITY' as const;
  readonly purpose = 'automated lane 1:1';

  constructor(
    private readonly store: SecurityStore,
    readonly outbox: SecurityOutbox,
  ) {}

  placeOf({ airport, lane }: PresentAtSecurityRequestDto): GatePlace {
    return { airport, touchpoint: this.touchpoint, lane, where: `at ${lane} lane` };
  }

  context(em: EntityManager, bcbp: string, airport: string): Promise<LaneContext<LanePass> | null> {
    return this.store.laneContext(em, bcbp, airport);
  }

  decided(
    events: EventStamp,
    { pass, decision, allowed }: Presented,
    request: PresentAtSecurityRequestDto,
  ): OutboxEntry[] {
    return securityDecided(events, pass, request, decision, allowed);
  }

  record(
    em: EntityManager,
    { at, pass, decision, allowed, alert, templateAccess }: Presented,
    { airport, lane }: PresentAtSecurityRequestDto,
    events: PendingEvents,
  ): Promise<void> {
    return this.store.recordPresentation(
      em,
      { airport, lane, at, pass, decision, allowed, alert, templateAccess },
      events,
    );
  }
}
