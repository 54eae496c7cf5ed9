import { Inject, Injectable } from '@nestjs/common';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { GateGalleryPurge } from '@biogate/lane-gate';
import { TemplateRetentionRegistry } from '@biogate/service-runtime';
import { BOARDING_SCHEMA } from './persistence/boarding-persistence';

@Injectable()
export class BoardingGalleryPurge extends GateGalleryPurge {
  constructor(@Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork, registry: TemplateRetentionRegistry) {
    super('boarding-gate', BOARDING_SCHEMA, unitOfWork, registry);
  }
}
