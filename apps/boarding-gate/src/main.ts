import 'reflect-metadata';
import { bootstrapService } from '@biogate/service-runtime';
import { BoardingGateModule } from './boarding-gate.module';

void bootstrapService({
  name: 'boarding-gate',
  defaultPort: 3003,
  units: [],
  modules: [BoardingGateModule],
});
