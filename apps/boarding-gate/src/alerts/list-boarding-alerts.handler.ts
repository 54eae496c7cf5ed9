import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { assertAirportScope } from '@biogate/service-runtime';
import { BoardingStore } from '../persistence/boarding-store';
import type { BoardingAlertView } from './boarding-alert';
import { ListBoardingAlertsQuery } from './list-boarding-alerts.query';

/** Operators watch the boarding alerts of their own airport, newest first. */
@QueryHandler(ListBoardingAlertsQuery)
export class ListBoardingAlertsHandler implements IQueryHandler<
  ListBoardingAlertsQuery,
  BoardingAlertView[]
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly store: BoardingStore,
  ) {}

  async execute({
    principal,
    airport,
    limit,
  }: ListBoardingAlertsQuery): Promise<BoardingAlertView[]> {
    assertAirportScope(principal, airport);
    return this.unitOfWork.read((em) => this.store.recentAlerts(em, airport, limit));
  }
}
