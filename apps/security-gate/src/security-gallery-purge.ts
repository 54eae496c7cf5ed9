import { Inject, Injectable } from '@nestjs/common';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { GateGalleryPurge } from '@biogate/lane-gate';
import { TemplateRetentionRegistry } from '@biogate/service-runtime';
import { SECURITY_SCHEMA } from './persistence/security-persistence';

@Injectable()
export class SecurityGalleryPurge extends GateGalleryPurge {
  constructor(@Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork, registry: TemplateRetentionRegistry) {
    super('security-gate', SECURITY_SCHEMA, unitOfWork, registry);
  }
}
