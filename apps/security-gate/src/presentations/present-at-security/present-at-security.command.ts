import type { Instant } from '@biogate/domain';
import type { Principal } from '@biogate/service-runtime';
import type { PresentAtSecurityRequestDto } from './present-at-security.request.dto';

export class PresentAtSecurityCommand {
  constructor(
    readonly principal: Principal,
    readonly request: PresentAtSecurityRequestDto,
    readonly correlationId: string,
    /** The instant QA asked it to be decided at; the clock's now without. */
    readonly at?: Instant,
  ) {}
}
