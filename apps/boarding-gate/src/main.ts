import 'reflect-metadata';
import { bootstrapService } from '@biogate/service-runtime';
import { BoardingGateModule } from './boarding-gate.module';

void bootstrapService(BoardingGateModule, { name: 'boarding-gate', defaultPort: 3003 });
