import 'reflect-metadata';
import { bootstrapService } from '@biogate/service-runtime';
import { CheckInModule } from './checkin.module';
import { checkinPersistence } from './persistence/checkin-persistence';

void bootstrapService({
  name: 'check-in',
  defaultPort: 3001,
  units: [checkinPersistence],
  modules: [CheckInModule],
});
