import { Module } from '@nestjs/common';

/** The security-gate service (its use cases arrive with issue #3: presentations, decisions, alerts). */
@Module({})
export class SecurityGateModule {}
