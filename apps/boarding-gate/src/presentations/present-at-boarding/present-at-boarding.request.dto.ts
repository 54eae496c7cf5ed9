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

/** POST /v1/boarding/presentations: a passenger at an e-gate or a manual gate. */
export class PresentAtBoardingRequestDto {
  @Matches(/^[A-Z]{3}$/, expected('the 3-letter IATA code of the airport'))
  @IsString(expected('the 3-letter IATA code of the airport'))
  airport!: string;

  @Matches(/^[A-Z0-9]{1,5}$/, expected('a gate, e.g. "12"'))
  @IsString(expected('a gate, e.g. "12"'))
  gate!: string;

  @IsIn(LANES, expected(`one of ${LANES.join(', ')}`))
  lane!: Lane;

  @Matches(/^[\x20-\x7E]+$/, expected('a BCBP string of printable ASCII characters'))
  @MaxLength(200, expected('a BCBP string of at most 200 characters'))
  @IsString(expected('the scanned boarding pass (IATA BCBP string)'))
  boardingPass!: string;

  @Type(() => PresentedDocumentDto)
  @ValidateNested()
  @IsObject(expected('the identity document shown { type, number, expiresOn? }'))
  @IsDefined(expected('the identity document shown'))
  document!: PresentedDocumentDto;

  @LiveCaptureField('lane', 'AUTOMATED')
  capture?: FaceCaptureDto;
}
