import { OperationsStatementGuard1764000000404 } from './statement-guard.migration';
import { OperationsOutboxTraceContext1764000000402 } from './outbox-trace-context.migration';
import type { PersistenceUnit } from '@biogate/persistence';
import { OperationsSchema1764000000401 } from './operations-schema.migration';
import { OperationsAlertOrder1764000000403 } from './alert-order.migration';

export const OPERATIONS_SCHEMA = 'operations';

export const operationsPersistence: PersistenceUnit = {
  name: 'operations',
  entities: [],
  migrations: [
    OperationsSchema1764000000401,
    OperationsOutboxTraceContext1764000000402,
    OperationsAlertOrder1764000000403,
    OperationsStatementGuard1764000000404,
  ],
};
