import type { Type } from '@nestjs/common';
import type { PersistenceUnit } from '@biogate/persistence';
import { BoardingGateModule } from '../../boarding-gate/src/boarding-gate.module';
import { boardingPersistence } from '../../boarding-gate/src/persistence/boarding-persistence';
import { CheckInModule } from '../../checkin/src/checkin.module';
import { checkinPersistence } from '../../checkin/src/persistence/checkin-persistence';
import { OperationsModule } from '../../operations/src/operations.module';
import { operationsPersistence } from '../../operations/src/persistence/operations-persistence';
import { securityPersistence } from '../../security-gate/src/persistence/security-persistence';
import { SecurityGateModule } from '../../security-gate/src/security-gate.module';

export interface ServiceComposition {
  readonly name: string;
  readonly modules: readonly Type[];
  readonly units: readonly PersistenceUnit[];
}

/** The services that decide (check-in, security gate, boarding gate) in one process. */
export const DECIDING_SERVICES: ServiceComposition = {
  name: 'biogate',
  modules: [CheckInModule, SecurityGateModule, BoardingGateModule],
  units: [checkinPersistence, securityPersistence, boardingPersistence],
};

/** `npm start`: the deciding services and the operations service with its console. */
export const EMBEDDED_SERVICES: ServiceComposition = {
  name: 'biogate',
  modules: [...DECIDING_SERVICES.modules, OperationsModule],
  units: [...DECIDING_SERVICES.units, operationsPersistence],
};
