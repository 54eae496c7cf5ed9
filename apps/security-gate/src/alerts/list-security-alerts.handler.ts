import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { assertAirportScope } from '@biogate/service-runtime';
import { SecurityStore } from '../persistence/security-store';
import type { SecurityAlertView } from './security-alert';
import { ListSecurityAlertsQuery } from './list-security-alerts.query';

/** Operators watch the alerts of their own airport, newest first. */
@QueryHandler(ListSecurityAlertsQuery)
export class ListSecurityAlertsHandler implements IQueryHandler<
  ListSecurityAlertsQuery,
  SecurityAlertView[]
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly store: SecurityStore,
  ) {}

  async execute({
    principal,
    airport,
    limit,
  }: ListSecurityAlertsQuery): Promise<SecurityAlertView[]> {
    assertAirportScope(principal, airport);
    return this.unitOfWork.read((em) => this.store.recentAlerts(em, airport, limit));
  }
}
