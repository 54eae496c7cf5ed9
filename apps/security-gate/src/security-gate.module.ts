import { SecurityGalleryPurge } from './security-gallery-purge';
import { Module } from '@nestjs/common';
import { GatePresentation } from '@biogate/lane-gate';
import { SecurityLanes } from './presentations/security-lanes';
import { ListSecurityAlertsHandler } from './alerts/list-security-alerts.handler';
import { PresentAtSecurityHandler } from './presentations/present-at-security/present-at-security.handler';
import { SecurityEventsConsumer } from './security-events.consumer';
import { SecurityHttpController } from './security.http.controller';
import { SecurityOutbox } from './security-outbox';
import { SecurityStore } from './persistence/security-store';

const commandHandlers = [PresentAtSecurityHandler];
const queryHandlers = [ListSecurityAlertsHandler];

/** The security gate: presentations at automated and manual lanes, 1:1 face match, alerts. */
@Module({
  controllers: [SecurityHttpController],
  providers: [
    GatePresentation,
    SecurityLanes,
    SecurityGalleryPurge,
    SecurityOutbox,
    SecurityStore,
    SecurityEventsConsumer,
    ...commandHandlers,
    ...queryHandlers,
  ],
})
export class SecurityGateModule {}
