import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@biogate/service-runtime';

/** The check-in service (a shell until its use cases arrive: issue #3). */
@Module({
  imports: [ServiceRuntimeModule.forService('check-in')],
})
export class CheckinModule {}
