import type { Type } from '@nestjs/common';
import type { PersistenceUnit } from '@biogate/persistence';
import { BoardingGateModule } from '../../boarding-gate/src/boarding-gate.module';
import { boardingPersistence } from '../../boarding-gate/src/persistence/boarding-persistence';
import { CheckinModule } from '../../checkin/src/checkin.module';
import { checkinPersistence } from '../../checkin/src/persistence/checkin-persistence';
import { OperationsModule } from '../../operations/src/operations.module';
import { operationsPersistence } from '../../operations/src/persistence/operations-persistence';
import { securityPersistence } from '../../security-gate/src/persistence/security-persistence';
import { SecurityGateModule } from '../../security-gate/src/security-gate.module';

/** The services in one process (the console with them): their modules and database schemas. */
export const EMBEDDED_SERVICES: {
  readonly name: string;
  readonly modules: readonly Type[];
  readonly units: readonly PersistenceUnit[];
} = {
  name: 'biogate',
  modules: [CheckinModule, SecurityGateModule, BoardingGateModule, OperationsModule],
  units: [checkinPersistence, securityPersistence, boardingPersistence, operationsPersistence],
};
