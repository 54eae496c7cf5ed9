import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BoardingDecidedPayloadDto,
  eventsReadBy,
  SecurityDecidedPayloadDto,
} from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type DeferredRows, type UnitOfWork } from '@biogate/persistence';
import { ServiceEventConsumer, type ConsumedEvent } from '@biogate/service-runtime';
import { CHECKIN_SCHEMA } from '../persistence/checkin-persistence';
import { GATE_STEPS } from '../persistence/checkin-store';

/** Completes each passenger's journey log with the gates' decisions. */
@Injectable()
export class JourneyStepsConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    const reads = eventsReadBy('checkin-journey');
    super(CHECKIN_SCHEMA, 'checkin-journey', reads.topics, reads.accepted, unitOfWork, transport);
  }

  /** A gate's decision is a step for the journey log, nothing else. */
  protected override appliesAsRows(): boolean {
    return true;
  }

  protected apply(_em: EntityManager, event: ConsumedEvent, later: DeferredRows): Promise<void> {
    const step = event.payload as SecurityDecidedPayloadDto | BoardingDecidedPayloadDto;
    later.add(GATE_STEPS, {
      id: randomUUID(),
      passengerId: step.passengerId,
      touchpoint: event.type === 'SecurityDecided' ? 'SECURITY' : 'BOARDING',
      point: step.lane,
      at: new Date(step.at),
      decision: step.decision,
    });
    return Promise.resolve();
  }
}
