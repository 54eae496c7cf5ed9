import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  CONSENT_WITHDRAWN,
  TEMPLATE_DELETED,
  TOPICS,
  type ConsentWithdrawnV1,
  type TemplateDeletedV1,
} from '@biogate/contracts';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { inScope, outOfScope } from '../../bookings/passenger-scope';
import { CheckInOutbox } from '../../checkin-outbox';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { CheckInStore } from '../../persistence/checkin-store';

export interface ConsentWithdrawal {
  readonly enrolmentId: string;
  readonly templateId: string;
  readonly templateDeletedAt: string;
}

/** Withdrawal of consent deletes the enrolment and its template, and says so in two events. */
@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<
  WithdrawConsentCommand,
  ConsentWithdrawal
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly outbox: CheckInOutbox,
    private readonly store: CheckInStore,
  ) {}

  async execute({
    principal,
    enrolmentId,
    correlationId,
    at,
  }: WithdrawConsentCommand): Promise<ConsentWithdrawal> {
    const now = new Date(at).toISOString();
    return this.unitOfWork.transaction(async (em) => {
      const enrolment = await this.store.enrolment(em, enrolmentId);
      const record = enrolment && (await this.store.bookedPassenger(em, enrolment.passengerId));
      if (!enrolment || !record || !inScope(principal, record.flight, 'AIRLINE')) {
        throw outOfScope(principal, `enrolment ${enrolmentId}`, 'withdraw');
      }
      await this.store.deleteEnrolments(em, [enrolmentId]);
      const events = new EventStamp('checkin', now, correlationId);
      const key = enrolment.passengerId;
      const ids = { enrolmentId, templateId: enrolment.templateId };
      await this.outbox.append(em, [
        {
          topic: TOPICS.identity,
          envelope: events.stamp<ConsentWithdrawnV1>({
            ...CONSENT_WITHDRAWN,
            key,
            payload: { ...ids, passengerId: key },
          }),
        },
        {
          topic: TOPICS.identity,
          envelope: events.stamp<TemplateDeletedV1>({
            ...TEMPLATE_DELETED,
            key,
            payload: { ...ids, reason: 'CONSENT_WITHDRAWN' },
          }),
        },
      ]);
      return { ...ids, templateDeletedAt: now };
    });
  }
}
