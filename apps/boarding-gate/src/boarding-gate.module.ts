import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@biogate/service-runtime';

/** The boarding-gate service (a shell until its use cases arrive: issue #3). */
@Module({
  imports: [ServiceRuntimeModule.forService('boarding-gate')],
})
export class BoardingGateModule {}
