import { Inject, Injectable } from '@nestjs/common';
import { eventsReadBy } from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { ServiceEventConsumer } from '@biogate/service-runtime';
import { gateEventAppliers } from '@biogate/lane-gate';
import { SECURITY_SCHEMA } from './persistence/security-persistence';

/**
 * What the security gate learns from the other services: what both gates learn
 * (`gateEventAppliers`: passes issued, galleries, templates deleted, outages), and nothing else.
 */
@Injectable()
export class SecurityEventsConsumer extends ServiceEventConsumer {
  protected readonly appliers = gateEventAppliers('security');

  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    const reads = eventsReadBy('security-gate');
    super(SECURITY_SCHEMA, 'security-gate', reads.topics, reads.accepted, unitOfWork, transport);
  }
}
