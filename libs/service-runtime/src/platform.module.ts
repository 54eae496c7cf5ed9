import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import type { Clock, FaceModel, PhasePolicy, PopulationRegister } from '@biogate/domain';
import {
  DeadLetterLog,
  EVENT_TRANSPORT,
  OUTBOX_RETENTION,
  PROCESSED_EVENT_RETENTION,
  type EventTransport,
  type OutboxRetentionPolicy,
  type ProcessedEventRetentionPolicy,
} from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import { API_KEY_RING, ApiKeyGuard } from './access-control';
import { DecisionInstantGuard } from './decision-instant';
import type { ApiKeyRing } from './api-keys';
import { HttpErrorFilter } from './http-error.filter';
import { InputValidationPipe } from './input-validation.pipe';
import { ScenarioControlController, ServiceQuiescence } from './scenario-control';
import { PlatformMetrics } from './service-metrics.http';
import type { GalleryCipher } from '@biogate/biometrics';
import type { TemplateCipher } from '@biogate/biometrics';
import {
  AIRPORT_REGISTRY,
  CLOCK,
  FACE_MODEL,
  GALLERY_CIPHER,
  PHASE_POLICY,
  POPULATION_REGISTER,
  TEMPLATE_CIPHER,
} from './platform-tokens';
import {
  TEMPLATE_RETENTION,
  TemplateRetentionController,
  TemplateRetentionRegistry,
  type TemplateRetentionPolicy,
} from './template-retention';

/** The infrastructure a process hands to its services: the ports, already opened. */
export interface Platform {
  readonly unitOfWork: UnitOfWork;
  readonly transport: EventTransport;
  /** What the transport's consumers dead-lettered: absent, none is counted. */
  readonly deadLetters?: DeadLetterLog;
  readonly clock: Clock;
  readonly policy: PhasePolicy;
  readonly airports: AirportRegistry;
  readonly apiKeys: ApiKeyRing;
  readonly faceModel: FaceModel;
  readonly populationRegister: PopulationRegister;
  readonly templateCipher: TemplateCipher;
  readonly galleryCipher: GalleryCipher;
  readonly retention: TemplateRetentionPolicy;
  readonly outboxRetention: OutboxRetentionPolicy;
  readonly processedEventRetention: ProcessedEventRetentionPolicy;
}

/**
 * Provides the ports by token to every service module of the process, and the cross-cutting HTTP
 * behaviour: API-key guard, input validation, one error shape.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(platform: Platform): DynamicModule {
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      providers: [
        ServiceQuiescence,
        { provide: UNIT_OF_WORK, useValue: platform.unitOfWork },
        { provide: EVENT_TRANSPORT, useValue: platform.transport },
        { provide: DeadLetterLog, useValue: platform.deadLetters ?? new DeadLetterLog() },
        { provide: CLOCK, useValue: platform.clock },
        { provide: PHASE_POLICY, useValue: platform.policy },
        { provide: AIRPORT_REGISTRY, useValue: platform.airports },
        { provide: API_KEY_RING, useValue: platform.apiKeys },
        { provide: FACE_MODEL, useValue: platform.faceModel },
        { provide: POPULATION_REGISTER, useValue: platform.populationRegister },
        { provide: TEMPLATE_CIPHER, useValue: platform.templateCipher },
        { provide: GALLERY_CIPHER, useValue: platform.galleryCipher },
        { provide: TEMPLATE_RETENTION, useValue: platform.retention },
        { provide: OUTBOX_RETENTION, useValue: platform.outboxRetention },
        { provide: PROCESSED_EVENT_RETENTION, useValue: platform.processedEventRetention },
        TemplateRetentionRegistry,
        PlatformMetrics,
        // In this order: the clock header needs to know the caller.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: DecisionInstantGuard },
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
      exports: [
        UNIT_OF_WORK,
        EVENT_TRANSPORT,
        OUTBOX_RETENTION,
        PROCESSED_EVENT_RETENTION,
        CLOCK,
        PHASE_POLICY,
        AIRPORT_REGISTRY,
        API_KEY_RING,
        FACE_MODEL,
        POPULATION_REGISTER,
        TEMPLATE_CIPHER,
        GALLERY_CIPHER,
        TemplateRetentionRegistry,
        ServiceQuiescence,
      ],
      controllers: [TemplateRetentionController, ScenarioControlController],
    };
  }
}
