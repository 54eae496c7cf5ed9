import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { expected, PresentedDocumentDto } from '@biogate/contracts';
import { LANES } from '@biogate/domain';

/**
 * The fields a presentation at either gate shares, each rule written once; each gate's request
 * DTO lists its fields with them (a DTO of its own, so that its OpenAPI schema is its own).
 */

/** Decorators in the order they would be written above a field (they apply bottom-up). */
function asWritten(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorate of [...decorators].reverse()) decorate(target, propertyKey);
  };
}

// The basic type check sits lowest: it runs first, and validation stops at the first failure.

/** The 3-letter IATA code of the airport of the lane. */
export function LaneAirportField(): PropertyDecorator {
  return asWritten(
    Matches(/^[A-Z]{3}$/, expected('the 3-letter IATA code of the airport')),
    IsString(expected('the 3-letter IATA code of the airport')),
  );
}

/** AUTOMATED or MANUAL. */
export function LaneField(): PropertyDecorator {
  return IsIn(LANES, expected(`one of ${LANES.join(', ')}`));
}

/** The scanned IATA BCBP string. */
export function BoardingPassField(): PropertyDecorator {
  return asWritten(
    Matches(/^[\x20-\x7E]+$/, expected('a BCBP string of printable ASCII characters')),
    MaxLength(200, expected('a BCBP string of at most 200 characters')),
    IsString(expected('the scanned boarding pass (IATA BCBP string)')),
  );
}

/** The identity document shown: judged by the rules (R0, R3). */
export function PresentedDocumentField(): PropertyDecorator {
  return asWritten(
    Type(() => PresentedDocumentDto),
    ValidateNested(),
    IsObject(expected('the identity document shown { type, number, expiresOn? }')),
    IsDefined(expected('the identity document shown')),
  );
}
