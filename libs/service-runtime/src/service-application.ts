import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ServiceLog, ServiceMetrics, tracer, type ServiceLogOptions } from '@biogate/observability';
import { httpTracing } from './service-tracing.http';
import { ConnectionDrain } from './connection-drain';
import { httpRequestTiming } from './service-metrics.http';
import { NestLogBridge, requestLogging } from './service-log.http';
import { dtoJsonSchemas } from './dto-json-schemas';
import { checkCorrelationId } from './correlation-id';
import { ExpressShapedAdapter } from './express-shaped-adapter';
import { answerJsonInOneWrite } from './json-answer';
import { bodyParserErrors, requireJsonBody } from './request-body';
import { PlatformModule, type Platform } from './platform.module';
import { ServiceRuntimeModule } from './service-module';

export interface ServiceApplicationOptions {
  /** `check-in`, or `biogate` for all services in one process. */
  readonly name: string;
  readonly modules: readonly (Type | DynamicModule)[];
  /** JSON lines on standard output at `info` by default; `false` writes none. */
  readonly log?: ServiceLogOptions | false;
  /** `/metrics` is served on a port of its own (BIOGATE_METRICS_PORT), not the API's. */
  readonly metricsOnOwnPort?: boolean;
}

@Module({})
class ServiceRootModule {}

/** The root module of a process: platform ports, buses, health, and the services it runs. */
export function serviceRootModule(
  platform: Platform,
  options: ServiceApplicationOptions,
  log: ServiceLog = ServiceLog.silent(options.name),
): DynamicModule {
  return {
    module: ServiceRootModule,
    imports: [
      PlatformModule.forRoot(platform),
      CqrsModule.forRoot(),
      ServiceRuntimeModule.forService(options.name, {
        metricsOnOwnPort: options.metricsOnOwnPort ?? false,
        log,
      }),
      ...options.modules,
    ],
  };
}

/** Builds the HTTP application (not listening yet): body limit, OpenAPI at /docs. */
export async function createServiceApplication(
  platform: Platform,
  options: ServiceApplicationOptions,
): Promise<INestApplication> {
  const log =
    options.log === false
      ? ServiceLog.silent(options.name)
      : new ServiceLog(options.name, options.log ?? {});
  const app = await NestFactory.create<NestExpressApplication>(
    serviceRootModule(platform, options, log),
    new ExpressShapedAdapter(),
    { bodyParser: false, logger: options.log === false ? false : new NestLogBridge(log) },
  );
  // Answers are decisions and live state that nobody revalidates: Express hashed every body for
  // an ETag (0.5% of a live day's CPU). Nor does the API tell what runs it.
  app.set('etag', false);
  app.disable('x-powered-by');
  answerJsonInOneWrite(app.getHttpAdapter().getInstance());
  const traced = tracer();
  if (traced !== undefined) app.use(httpTracing(traced));
  if (options.log !== false) app.use(requestLogging(log));
  app.use(app.get(ConnectionDrain).middleware);
  app.use(httpRequestTiming(app.get(ServiceMetrics)));
  app.use(checkCorrelationId);
  app.use(requireJsonBody);
  // Not strict: a body of 42 or null is parsed, then refused by validation as "expected an object".
  app.useBodyParser('json', { limit: '100kb', strict: false });
  app.use(bodyParserErrors);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`biogate ${options.name}`)
      .setDescription(
        "Vietnam's biometric (VNeID) airport journey. Authenticate with the x-api-key header.",
      )
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      .addSecurityRequirements('api-key')
      .build(),
  );
  // The request schemas come from the class-validator rules themselves: one source of truth.
  const schemas = dtoJsonSchemas('#/components/schemas/');
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...schemas },
  };
  SwaggerModule.setup('docs', app, document);
  await app.init();
  return app;
}
