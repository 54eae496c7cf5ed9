import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { bodyParserErrors } from './http-error.filter';
import { PlatformModule, type Platform } from './platform.module';
import { ServiceRuntimeModule } from './service-module';

export interface ServiceApplicationOptions {
  /** `check-in`, or `biogate` for all services in one process. */
  readonly name: string;
  readonly modules: readonly Type[];
  readonly logger?: boolean;
}

@Module({})
class ServiceRootModule {}

/** The root module of a process: platform ports, buses, health, and the services it runs. */
export function serviceRootModule(
  platform: Platform,
  options: ServiceApplicationOptions,
): DynamicModule {
  return {
    module: ServiceRootModule,
    imports: [
      PlatformModule.forRoot(platform),
      CqrsModule.forRoot(),
      ServiceRuntimeModule.forService(options.name),
      ...options.modules,
    ],
  };
}

/** Builds the HTTP application (not listening yet): body limit, OpenAPI at /docs. */
export async function createServiceApplication(
  platform: Platform,
  options: ServiceApplicationOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    serviceRootModule(platform, options),
    {
      bodyParser: false,
      logger: options.logger === false ? false : ['log', 'warn', 'error'],
    },
  );
  app.useBodyParser('json', { limit: '100kb' });
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
  const schemas = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    // Our own validators (libs/contracts field-validators), in OpenAPI terms.
    additionalConverters: {
      isInstant: {
        type: 'string',
        format: 'date-time',
        description: 'ISO 8601 instant with an offset',
      },
      isLocalDate: { type: 'string', format: 'date' },
      isDocumentNumberFor: {
        type: 'string',
        description: '12 digits for national e-ID types; 1-20 of A-Z 0-9 - otherwise',
      },
      requiredOnlyWhen: {
        type: 'string',
        description: 'required for some values of a sibling field, absent otherwise',
      },
    },
  });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(schemas as Record<string, object>) },
  };
  SwaggerModule.setup('docs', app, document);
  await app.init();
  return app;
}
