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
import {
  expected,
  FaceCaptureDto,
  LiveCaptureField,
  PresentedDocumentDto,
} from '@biogate/contracts';
import { LANES, type Lane } from '@biogate/domain';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** POST /v1/security/presentations: a passenger at a lane of an airport's security checkpoint. */
export class PresentAtSecurityRequestDto {
  @Matches(/^[A-Z]{3}$/, expected('the 3-letter IATA code of the airport of the lane'))
  @IsString(expected('the 3-letter IATA code of the airport of the lane'))
  airport!: string;

  @IsIn(LANES, expected(`one of ${LANES.join(', ')}`))
  lane!: Lane;

  /** The scanned IATA BCBP string. */
  @Matches(/^[\x20-\x7E]+$/, expected('a BCBP string of printable ASCII characters'))
  @MaxLength(200, expected('a BCBP string of at most 200 characters'))
  @IsString(expected('the scanned boarding pass (IATA BCBP string)'))
  boardingPass!: string;

  /** The identity document shown: judged by the rules (R0, R3). */
  @Type(() => PresentedDocumentDto)
  @ValidateNested()
  @IsObject(expected('the identity document shown { type, number, expiresOn? }'))
  @IsDefined(expected('the identity document shown'))
  document!: PresentedDocumentDto;

  /** The live face: required at an AUTOMATED lane, where it is matched 1:1. */
  @LiveCaptureField('lane', 'AUTOMATED')
  capture?: FaceCaptureDto;
}
