import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AIRPORT_OUTAGE_CHANGED, TOPICS, type AirportOutageChangedV1 } from '@biogate/contracts';
import type { Outage } from '@biogate/domain';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { outagesAt, setOutage } from '@biogate/airport-outages';
import { assertAirportScope } from '@biogate/service-runtime';
import { CheckInOutbox } from '../checkin-outbox';
import { CHECKIN_SCHEMA } from '../persistence/checkin-persistence';
import { ChangeOutageCommand } from './change-outage.command';

export interface AirportOutagesView {
  readonly airport: string;
  readonly outages: readonly Outage[];
}

/**
 * Operators declare and clear outages at their airport; the policy applies them at every
 * touchpoint from then on (R2 BIOMETRIC_OUTAGE, R7 KIOSK_OUTAGE, R6 continuity). The gates learn
 * of them from AirportOutageChanged.
 */
@CommandHandler(ChangeOutageCommand)
export class ChangeOutageHandler implements ICommandHandler<
  ChangeOutageCommand,
  AirportOutagesView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly outbox: CheckInOutbox,
  ) {}

  async execute({
    principal,
    airport,
    outage,
    inForce,
    at: asked,
  }: ChangeOutageCommand): Promise<AirportOutagesView> {
    assertAirportScope(principal, airport);
    const at = new Date(asked);
    const outages = await this.unitOfWork.transaction(async (em) => {
      const changed = await setOutage(em, CHECKIN_SCHEMA, airport, outage, inForce, at);
      if (changed) {
        const events = new EventStamp('checkin', at.toISOString(), randomUUID());
        await this.outbox.append(em, [
          {
            topic: TOPICS.operations,
            envelope: events.stamp<AirportOutageChangedV1>({
              ...AIRPORT_OUTAGE_CHANGED,
              key: airport,
              payload: { airport, outage, inForce, at: at.toISOString() },
            }),
          },
        ]);
      }
      return outagesAt(em, CHECKIN_SCHEMA, airport);
    });
    return { airport, outages };
  }
}
