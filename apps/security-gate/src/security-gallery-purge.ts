import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import {
  purgeGallery,
  TemplateRetentionRegistry,
  type TemplatePurge,
} from '@biogate/service-runtime';

/** The security gate's copy of each flight gallery goes once the flight has departed plus the retention. */
@Injectable()
export class SecurityGalleryPurge implements TemplatePurge, OnModuleInit {
  readonly holder = 'security-gate';

  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly registry: TemplateRetentionRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  purge(now: number, retentionMs: number): Promise<number> {
    return purgeGallery(this.unitOfWork, 'security', now, retentionMs);
  }
}
