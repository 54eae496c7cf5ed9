import 'reflect-metadata';
import { bootstrapService } from '@biogate/service-runtime';
import { BoardingGateModule } from './boarding-gate.module';
import { boardingPersistence } from './persistence/boarding-persistence';

void bootstrapService({
  name: 'boarding-gate',
  defaultPort: 3003,
  units: [boardingPersistence],
  modules: [BoardingGateModule],
});
