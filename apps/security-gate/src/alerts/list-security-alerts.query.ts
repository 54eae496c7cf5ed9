import { IsOptional, IsString, Matches } from 'class-validator';
import { expected } from '@biogate/contracts';
import type { Principal } from '@biogate/service-runtime';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

export class SecurityAlertsQueryDto {
  @Matches(/^[A-Z]{3}$/, expected('the 3-letter IATA code of the airport'))
  @IsString(expected('the 3-letter IATA code of the airport'))
  airport!: string;

  /** Newest first; 100 by default. Query strings are text: digits only. */
  @IsOptional()
  @Matches(/^\d{1,4}$/, expected('a number of alerts from 1 to 1000'))
  limit?: string;
}

export class ListSecurityAlertsQuery {
  constructor(
    readonly principal: Principal,
    readonly airport: string,
    readonly limit: number,
  ) {}
}

/** Kept apart from the DTO so the handler sees a number. */
export function alertLimit(text: string | undefined): number {
  const limit = text === undefined ? 100 : Number(text);
  return Math.min(Math.max(limit, 1), 1000);
}
