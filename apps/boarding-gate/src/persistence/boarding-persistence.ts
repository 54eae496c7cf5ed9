import { BoardingStatementGuard1764000000206 } from './statement-guard.migration';
import { BoardingOutboxTraceContext1764000000205 } from './outbox-trace-context.migration';
import { BoardingGateReadModel1764000000204 } from './gate-read-model.migration';
import { BoardingOutages1764000000202 } from './boarding-outages.migration';
import type { PersistenceUnit } from '@biogate/persistence';
import { BoardingSchema1764000000201 } from './boarding-schema.migration';
import { BoardingScheduledFlights1764000000203 } from './scheduled-flight.migration';

export const BOARDING_SCHEMA = 'boarding';

export const boardingPersistence: PersistenceUnit = {
  name: 'boarding',
  // Its SQL is its store's and libs/lane-gate's: no entities.
  entities: [],
  migrations: [
    BoardingSchema1764000000201,
    BoardingOutages1764000000202,
    BoardingScheduledFlights1764000000203,
    BoardingGateReadModel1764000000204,
    BoardingOutboxTraceContext1764000000205,
    BoardingStatementGuard1764000000206,
  ],
};
