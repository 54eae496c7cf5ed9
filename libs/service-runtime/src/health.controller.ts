import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { PublicRoute } from './access-control';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface HealthReport {
  readonly status: 'ok';
  readonly service: string;
}

/**
 * Liveness and readiness apart (@nestjs/terminus), for an orchestrator and a load balancer:
 * `GET /health/live` (and `/health`) while the process serves HTTP; `GET /health/ready` only
 * while the database answers with its migrations applied and every consumer group of the
 * process has joined (503 with what is down otherwise, e.g. after a consumer crashed).
 */
@Controller('health')
@PublicRoute()
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly checks: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
  ) {}

  @Get(['', 'live'])
  live(): HealthReport {
    return { status: 'ok', service: this.service };
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.checks.check([() => this.database(), () => this.consumers()]);
  }

  private async database(): Promise<HealthIndicatorResult<'database'>> {
    const indicator = this.indicators.check('database');
    try {
      // Migrations run before the application starts; their table answering says both.
      const [row] = await this.unitOfWork.read((em) =>
        em.query<{ migrations: number }[]>(
          'SELECT count(*)::int AS migrations FROM biogate_migrations',
        ),
      );
      return indicator.up({ migrations: row?.migrations ?? 0 });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private consumers(): HealthIndicatorResult<'consumers'> {
    const indicator = this.indicators.check('consumers');
    const groups = this.transport.consumerGroups?.() ?? [];
    const states = Object.fromEntries(
      groups.map((g) => [g.group, g.error === undefined ? g.state : `${g.state}: ${g.error}`]),
    );
    return groups.every((g) => g.state === 'JOINED')
      ? indicator.up({ groups: states })
      : indicator.down({ groups: states });
  }
}
