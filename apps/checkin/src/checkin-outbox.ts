import { Inject, Injectable } from '@nestjs/common';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { ServiceOutbox } from '@biogate/service-runtime';
import { CHECKIN_SCHEMA } from './persistence/checkin-persistence';

@Injectable()
export class CheckInOutbox extends ServiceOutbox {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    super(CHECKIN_SCHEMA, unitOfWork, transport);
  }
}
