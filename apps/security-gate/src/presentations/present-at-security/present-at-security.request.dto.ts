import { FaceCaptureDto, LiveCaptureField, PresentedDocumentDto } from '@biogate/contracts';
import type { Lane } from '@biogate/domain';
import {
  BoardingPassField,
  LaneAirportField,
  LaneField,
  PresentedDocumentField,
  type LanePresentationRequest,
} from '@biogate/lane-gate';

/** POST /v1/security/presentations: a passenger at a lane of an airport's security checkpoint. */
export class PresentAtSecurityRequestDto implements LanePresentationRequest {
  @LaneAirportField()
  airport!: string;

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
