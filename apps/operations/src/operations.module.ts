import { Module } from '@nestjs/common';
import { AirportOverviewReader } from './console/airport-overview';
import { ConsoleAssetsModule } from './console/console-assets.module';
import { OperationsHttpController } from './console/operations.http.controller';
import { OverviewStream } from './console/overview-stream';
import { OperationsOutbox } from './operations-outbox';
import { OperationsStore } from './persistence/operations-store';
import { RecordQueueReadingsHandler } from './queues/record-queue-readings';
import { OperationsEventsConsumer } from './read-model/operations-events.consumer';
import { ReadModelChanges } from './read-model/read-model-changes';

/**
 * The operations service: a live read model of each airport from the other services' events,
 * and the operators' console over it.
 */
@Module({
  imports: [ConsoleAssetsModule.forRoot()],
  controllers: [OperationsHttpController],
  providers: [
    OperationsStore,
    ReadModelChanges,
    OperationsEventsConsumer,
    AirportOverviewReader,
    OverviewStream,
    OperationsOutbox,
    RecordQueueReadingsHandler,
  ],
})
export class OperationsModule {}
