import { IsString, Matches } from 'class-validator';
import {
  expected,
  FaceCaptureDto,
  LiveCaptureField,
  PresentedDocumentDto,
} from '@biogate/contracts';
import type { Lane } from '@biogate/domain';
import {
  BoardingPassField,
  LaneAirportField,
  LaneField,
  PresentedDocumentField,
  type LanePresentationRequest,
} from '@biogate/lane-gate';

/** POST /v1/boarding/presentations: a passenger at an e-gate or a manual gate. */
export class PresentAtBoardingRequestDto implements LanePresentationRequest {
  @LaneAirportField()
  airport!: string;

  // The basic type check sits lowest: it runs first, and validation stops at the first failure.
  @Matches(/^[A-Z0-9]{1,5}$/, expected('a gate, e.g. "12"'))
  @IsString(expected('a gate, e.g. "12"'))
  gate!: string;

  @LaneField()
  lane!: Lane;

  @BoardingPassField()
  boardingPass!: string;

  @PresentedDocumentField()
  document!: PresentedDocumentDto;

  /** The live face: required at an AUTOMATED lane, where it is matched 1:1. */
  @LiveCaptureField('lane', 'AUTOMATED')
  capture?: FaceCaptureDto;
}
