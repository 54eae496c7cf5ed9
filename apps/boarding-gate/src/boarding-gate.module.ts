import { BoardingGalleryPurge } from './boarding-gallery-purge';
import { Module } from '@nestjs/common';
import { GatePresentation } from '@biogate/lane-gate';
import { BoardingLanes } from './presentations/boarding-lanes';
import { ListBoardingAlertsHandler } from './alerts/list-boarding-alerts.handler';
import { BoardingEventsConsumer } from './boarding-events.consumer';
import { BoardingHttpController } from './boarding.http.controller';
import { BoardingOutbox } from './boarding-outbox';
import { BoardingStore } from './persistence/boarding-store';
import { FlightManifestHandler } from './flights/flight-manifest/flight-manifest.handler';
import { ChangeBoardingHandler } from './flights/open-boarding/change-boarding.handler';
import { PresentAtBoardingHandler } from './presentations/present-at-boarding/present-at-boarding.handler';

const commandHandlers = [ChangeBoardingHandler, PresentAtBoardingHandler];
const queryHandlers = [FlightManifestHandler, ListBoardingAlertsHandler];

/** The boarding gate: boarding state, e-gates and manual gates, duplicate boarding, manifests. */
@Module({
  controllers: [BoardingHttpController],
  providers: [
    GatePresentation,
    BoardingLanes,
    BoardingGalleryPurge,
    BoardingOutbox,
    BoardingStore,
    BoardingEventsConsumer,
    ...commandHandlers,
    ...queryHandlers,
  ],
})
export class BoardingGateModule {}
