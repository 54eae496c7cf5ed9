import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { eventsReadBy } from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type DeferredRows, type UnitOfWork } from '@biogate/persistence';
import { ServiceEventConsumer, type ConsumedEvent } from '@biogate/service-runtime';
import { applyGateEvent, GATE_EVENTS_AS_ROWS } from '@biogate/lane-gate';
import { SECURITY_SCHEMA } from './persistence/security-persistence';

/**
 * What the security gate learns from the other services: what both gates learn
 * (`applyGateEvent`: passes issued, galleries, templates deleted, outages), and nothing else.
 */
@Injectable()
export class SecurityEventsConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    const reads = eventsReadBy('security-gate');
    super(SECURITY_SCHEMA, 'security-gate', reads.topics, reads.accepted, unitOfWork, transport);
  }

  protected override appliesAsRows(type: string): boolean {
    return GATE_EVENTS_AS_ROWS.has(type);
  }

  protected async apply(
    em: EntityManager,
    event: ConsumedEvent,
    later: DeferredRows,
  ): Promise<void> {
    // parseEventMessage lets through only the types listed in the constructor.
    if (!(await applyGateEvent(em, 'security', event, later)))
      throw new Error(`security gate does not read ${event.type}`);
  }
}
