import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { expected, OptionalField } from '@biogate/contracts';

export const ROLES = ['AIRLINE', 'OPERATOR', 'QA'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling: an airline (its own bookings only), an airport operator (the gates of its own
 * airport only), or QA (everything, for scenario runs).
 */
export type Principal =
  | { readonly role: 'AIRLINE'; readonly name: string; readonly airline: string }
  | { readonly role: 'OPERATOR'; readonly name: string; readonly airport: string }
  | { readonly role: 'QA'; readonly name: string };

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.
export class ApiKeyDto {
  @MinLength(16, expected('an API key of at least 16 characters'))
  @IsString(expected('the API key'))
  key!: string;

  @MaxLength(80, expected('a name of at most 80 characters'))
  @IsString(expected('a name for the key holder'))
  name!: string;

  @IsIn(ROLES, expected(`one of ${ROLES.join(', ')}`))
  role!: Role;

  @ValidateIf((key: ApiKeyDto) => key.role === 'AIRLINE' || key.airline !== undefined)
  @Matches(/^[A-Z0-9]{2}$/, expected('the 2-character IATA airline code of an AIRLINE key'))
  @IsString(expected('the 2-character IATA airline code of an AIRLINE key'))
  airline?: string;

  @ValidateIf((key: ApiKeyDto) => key.role === 'OPERATOR' || key.airport !== undefined)
  @Matches(/^[A-Z]{3}$/, expected('the 3-letter IATA airport code of an OPERATOR key'))
  @IsString(expected('the 3-letter IATA airport code of an OPERATOR key'))
  airport?: string;
}

export class ApiKeysFileDto {
  @OptionalField()
  @IsString(expected('a description'))
  description?: string;

  @Type(() => ApiKeyDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true, ...expected('an API key object') })
  @IsArray(expected('an array of API keys'))
  keys!: ApiKeyDto[];
}

/** The keys a process accepts; compared by digest in constant time. */
export class ApiKeyRing {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(keys: readonly ApiKeyDto[]) {
    this.entries = keys.map((key) => ({ digest: digest(key.key), principal: toPrincipal(key) }));
  }

  authenticate(presented: string): Principal | undefined {
    const presentedDigest = digest(presented);
    let found: Principal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, presentedDigest)) found = entry.principal;
    }
    return found;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

function toPrincipal(key: ApiKeyDto): Principal {
  switch (key.role) {
    case 'AIRLINE':
      return { role: 'AIRLINE', name: key.name, airline: key.airline ?? '' };
    case 'OPERATOR':
      return { role: 'OPERATOR', name: key.name, airport: key.airport ?? '' };
    case 'QA':
      return { role: 'QA', name: key.name };
  }
}
