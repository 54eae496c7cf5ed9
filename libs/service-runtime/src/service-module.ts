import { Module, type DynamicModule } from '@nestjs/common';
import { ConnectionDrain } from './connection-drain';
import { HealthController, SERVICE_NAME } from './health.controller';

/** What every service has whatever its bounded context: its name and a health endpoint. */
@Module({})
export class ServiceRuntimeModule {
  static forService(name: string): DynamicModule {
    return {
      module: ServiceRuntimeModule,
      controllers: [HealthController],
      providers: [{ provide: SERVICE_NAME, useValue: name }, ConnectionDrain],
    };
  }
}
