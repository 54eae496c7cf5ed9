import { SecurityStatementGuard1764000000105 } from './statement-guard.migration';
import { SecurityOutboxTraceContext1764000000104 } from './outbox-trace-context.migration';
import { SecurityGateReadModel1764000000103 } from './gate-read-model.migration';
import { SecurityOutages1764000000102 } from './security-outages.migration';
import type { PersistenceUnit } from '@biogate/persistence';
import { SecuritySchema1764000000101 } from './security-schema.migration';

export const SECURITY_SCHEMA = 'security';

export const securityPersistence: PersistenceUnit = {
  name: 'security',
  // Its SQL is its store's and libs/lane-gate's: no entities.
  entities: [],
  migrations: [
    SecuritySchema1764000000101,
    SecurityOutages1764000000102,
    SecurityGateReadModel1764000000103,
    SecurityOutboxTraceContext1764000000104,
    SecurityStatementGuard1764000000105,
  ],
};
