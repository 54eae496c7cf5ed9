import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { assertAirportScope, type Principal } from '@biogate/service-runtime';
import { BoardingStore } from '../persistence/boarding-store';
import type { BoardingAlertKind } from './boarding-alert';

export class ListBoardingAlertsQuery {
  constructor(
    readonly principal: Principal,
    readonly airport: string,
    readonly limit: number,
  ) {}
}

export interface BoardingAlertView {
  readonly alertId: string;
  readonly airport: string;
  readonly kind: BoardingAlertKind;
  readonly gate: string;
  readonly raisedAt: string;
  readonly passengerId?: string;
  readonly detail: string;
}

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
    const rows = await this.unitOfWork.read((em) => this.store.recentAlerts(em, airport, limit));
    return rows.map((row) => ({
      alertId: row.id,
      airport: row.airport,
      kind: row.kind as BoardingAlertKind,
      gate: row.gate,
      raisedAt: row.raisedAt.toISOString(),
      ...(row.passengerId === null ? {} : { passengerId: row.passengerId }),
      detail: row.detail,
    }));
  }
}
