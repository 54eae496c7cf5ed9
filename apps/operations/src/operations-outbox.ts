import { Inject, Injectable } from '@nestjs/common';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { ServiceOutbox } from '@biogate/service-runtime';
import { OPERATIONS_SCHEMA } from './persistence/operations-persistence';

/** What the operations service announces: the queue sensors' readings. */
@Injectable()
export class OperationsOutbox extends ServiceOutbox {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    super(OPERATIONS_SCHEMA, unitOfWork, transport);
  }
}
