import type { Principal } from '@biogate/service-runtime';
import type { PresentAtSecurityRequestDto } from './present-at-security.request.dto';

export class PresentAtSecurityCommand {
  constructor(
    readonly principal: Principal,
    readonly request: PresentAtSecurityRequestDto,
    readonly correlationId: string,
  ) {}
}
