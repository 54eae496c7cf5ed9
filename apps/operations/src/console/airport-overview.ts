import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@biogate/contracts';
import { explainPolicy, type Clock, type PhasePolicy } from '@biogate/domain';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { outagesAt } from '@biogate/airport-outages';
import { CLOCK, PHASE_POLICY } from '@biogate/service-runtime';
import { OPERATIONS_SCHEMA } from '../persistence/operations-persistence';
import { OperationsStore } from '../persistence/operations-store';
import type { AirportOverview } from './operations-views';
import { LEVEL_OF_SERVICE, levelOfService } from '../read-model/level-of-service';
import { localDayStart, QUARTER_MS, quartersOfDay } from '../read-model/quarter-hours';
import { touchpointTiles, TOUCHPOINT_POINTS } from '../read-model/touchpoint-tiles';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The operators' view of one airport, read from the operations service's own read model. */
@Injectable()
export class AirportOverviewReader {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly store: OperationsStore,
  ) {}

  async overview(airport: string): Promise<AirportOverview> {
    const now = this.clock.now();
    const offset = this.policy.compiled.utcOffsetMinutes;
    const explanation = explainPolicy(this.policy, now, airport);
    const quarters = quartersOfDay(now, offset);
    const dayStart = new Date(localDayStart(now, offset));
    const dayEnd = new Date(dayStart.getTime() + DAY_MS);
    const until = new Date(now + 1);
    const read = await this.unitOfWork.read(async (em) => ({
      quarterHour: await this.store.stepCounts(em, airport, new Date(now - QUARTER_MS), until),
      hour: await this.store.stepCounts(em, airport, new Date(now - HOUR_MS), until),
      day: await this.store.quarterCounts(em, airport, dayStart, dayEnd),
      outages: await outagesAt(em, OPERATIONS_SCHEMA, airport),
      alerts: await this.store.alerts(em, airport, { limit: 20 }),
      alertCounts: await this.store.alertCounts(em, airport, new Date(now - HOUR_MS)),
      flights: await this.store.flights(em, airport, dayStart, dayEnd),
      queues: await this.store.latestQueues(em, airport),
      queueQuarters: await this.store.queueQuarters(em, airport, dayStart, dayEnd),
    }));
    const index = new Map(quarters.map((quarter, position) => [quarter, position]));
    const points = TOUCHPOINT_POINTS.map(({ touchpoint, point }) => {
      const presentations = new Array<number>(quarters.length).fill(0);
      const redirected = new Array<number>(quarters.length).fill(0);
      for (const count of read.day) {
        if (count.touchpoint !== touchpoint || count.point !== point) continue;
        const position = index.get(Date.parse(count.quarter));
        if (position === undefined) continue;
        presentations[position] = count.presentations;
        redirected[position] = count.redirected;
      }
      return { touchpoint, point, presentations, redirected };
    });
    const queueWaits = QUEUES.map((queue) => {
      const maxWaitSeconds = new Array<number | null>(quarters.length).fill(null);
      for (const row of read.queueQuarters) {
        const position = index.get(Date.parse(row.quarter));
        if (row.queue === queue && position !== undefined) {
          maxWaitSeconds[position] = row.maxWaitSeconds;
        }
      }
      return { queue, maxWaitSeconds };
    });
    const queues = QUEUES.map((queue) => {
      const latest = read.queues.find((reading) => reading.queue === queue);
      return latest === undefined
        ? { queue, length: null, waitSeconds: null, at: null, band: null }
        : { ...latest, band: levelOfService(latest.waitSeconds) };
    });
    return {
      airport,
      at: new Date(now).toISOString(),
      phase: {
        inForce: explanation.phase,
        ...(explanation.phaseSince === undefined
          ? {}
          : { since: new Date(explanation.phaseSince).toISOString() }),
        ...(explanation.nextChange === undefined
          ? {}
          : {
              next: {
                phase: explanation.nextChange.phase,
                startsAt: new Date(explanation.nextChange.startsAt).toISOString(),
              },
            }),
        incentiveWindow: explanation.incentiveWindow,
        biometricInService: explanation.airport?.biometricInService ?? false,
      },
      outages: read.outages,
      lastQuarterHour: touchpointTiles(read.quarterHour),
      lastHour: touchpointTiles(read.hour),
      day: {
        quarters: quarters.map((quarter) => new Date(quarter).toISOString()),
        points,
        queueWaits,
      },
      queues,
      levelOfService: LEVEL_OF_SERVICE,
      alerts: { latest: read.alerts, lastHour: read.alertCounts },
      flights: read.flights,
    };
  }
}
