import 'reflect-metadata';
import { bootstrapService } from '@biogate/service-runtime';
import { CheckinModule } from './checkin.module';

void bootstrapService(CheckinModule, { name: 'check-in', defaultPort: 3001 });
