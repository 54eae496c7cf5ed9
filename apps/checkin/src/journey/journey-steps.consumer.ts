import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  BoardingDecidedPayloadDto,
  eventsReadBy,
  SecurityDecidedPayloadDto,
} from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { asRows, ServiceEventConsumer, type RowsApplier } from '@biogate/service-runtime';
import { CHECKIN_SCHEMA } from '../persistence/checkin-persistence';
import { GATE_STEPS } from '../persistence/checkin-store';

/** A gate's decision as a step of the passenger's journey log, and nothing else. */
function gateStep(touchpoint: 'SECURITY' | 'BOARDING'): RowsApplier {
  return asRows((event, later) => {
    const step = event.payload as SecurityDecidedPayloadDto | BoardingDecidedPayloadDto;
    later.add(GATE_STEPS, {
      id: randomUUID(),
      passengerId: step.passengerId,
      touchpoint,
      point: step.lane,
      at: new Date(step.at),
      decision: step.decision,
    });
  });
}

/** Completes each passenger's journey log with the gates' decisions. */
@Injectable()
export class JourneyStepsConsumer extends ServiceEventConsumer {
  protected readonly appliers = {
    SecurityDecided: gateStep('SECURITY'),
    BoardingDecided: gateStep('BOARDING'),
  };

  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    const reads = eventsReadBy('checkin-journey');
    super(CHECKIN_SCHEMA, 'checkin-journey', reads.topics, reads.accepted, unitOfWork, transport);
  }
}
