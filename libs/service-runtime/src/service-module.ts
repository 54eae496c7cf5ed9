import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ServiceLog, ServiceMetrics } from '@biogate/observability';
import { AsyncApiController } from './asyncapi.http';
import { ConnectionDrain } from './connection-drain';
import { UseCaseTracing } from './service-tracing.http';
import { HealthController, SERVICE_NAME } from './health.controller';
import { MetricsController } from './service-metrics.http';

/**
 * What every service has whatever its bounded context: its name, liveness and readiness, its
 * metrics (for every module of the process: outboxes, consumers and the HTTP edge count into
 * them), at `/metrics` unless they have a port of their own, and its log.
 */
@Module({})
export class ServiceRuntimeModule {
  static forService(
    name: string,
    options: { metricsOnOwnPort?: boolean; log?: ServiceLog } = {},
  ): DynamicModule {
    return {
      module: ServiceRuntimeModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [
        HealthController,
        AsyncApiController,
        ...(options.metricsOnOwnPort ? [] : [MetricsController]),
      ],
      providers: [
        { provide: SERVICE_NAME, useValue: name },
        { provide: ServiceMetrics, useValue: new ServiceMetrics(name) },
        { provide: ServiceLog, useValue: options.log ?? ServiceLog.silent(name) },
        ConnectionDrain,
        UseCaseTracing,
      ],
      exports: [ServiceMetrics, ServiceLog, ConnectionDrain],
    };
  }
}
