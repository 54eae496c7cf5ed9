import 'reflect-metadata';
import { bootstrapService } from '@biogate/service-runtime';
import { EMBEDDED_SERVICES } from './embedded-services';

// The embedded default: all services, one process, one port, PGlite, in-process events.
void bootstrapService({ ...EMBEDDED_SERVICES, defaultPort: 3000 });
