import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TEMPLATE_DELETED, TOPICS, type TemplateDeletedV1 } from '@biogate/contracts';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { TemplateRetentionRegistry, type TemplatePurge } from '@biogate/service-runtime';
import { CheckInOutbox } from '../checkin-outbox';
import { CheckInStore } from '../persistence/checkin-store';

/**
 * An enrolment (and its template) lives while the person has a flight that has not departed
 * more than the retention ago; then it is deleted, and the deletion announced to the gates.
 */
@Injectable()
export class EnrolmentRetention implements TemplatePurge, OnModuleInit {
  readonly holder = 'check-in';
  readonly holdsCopies = false;

  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly registry: TemplateRetentionRegistry,
    private readonly outbox: CheckInOutbox,
    private readonly store: CheckInStore,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async purge(now: number, retentionMs: number): Promise<number> {
    return this.unitOfWork.transaction(async (em) => {
      const expired = await this.store.expiredEnrolments(em, new Date(now - retentionMs));
      if (expired.length === 0) return 0;
      await this.store.deleteEnrolments(
        em,
        expired.map((e) => e.id),
      );
      const events = new EventStamp('checkin', new Date(now).toISOString(), randomUUID());
      await this.outbox.append(
        em,
        expired.map((e) => ({
          topic: TOPICS.identity,
          envelope: events.stamp<TemplateDeletedV1>({
            ...TEMPLATE_DELETED,
            key: e.passengerId,
            payload: { enrolmentId: e.id, templateId: e.templateId, reason: 'RETENTION_EXPIRED' },
          }),
        })),
      );
      return expired.length;
    });
  }
}
