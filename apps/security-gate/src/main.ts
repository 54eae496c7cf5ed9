import 'reflect-metadata';
import { bootstrapService } from '@biogate/service-runtime';
import { securityPersistence } from './persistence/security-persistence';
import { SecurityGateModule } from './security-gate.module';

void bootstrapService({
  name: 'security-gate',
  defaultPort: 3002,
  units: [securityPersistence],
  modules: [SecurityGateModule],
});
