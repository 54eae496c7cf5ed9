import type { StepDecision } from './step-decision';

/** Payloads of the journey family, version 1. Changing a payload means a new version. */

export interface FlightRef {
  readonly flightId: string;
  readonly carrier: string;
  readonly number: string;
  /** Local date of departure, YYYY-MM-DD. */
  readonly date: string;
  readonly origin: string;
  readonly destination: string;
  /** ISO 8601 instant. */
  readonly departureAt: string;
  readonly international: boolean;
}

export interface PassengerBookedV1 {
  readonly bookingId: string;
  readonly pnr: string;
  readonly passengerId: string;
  readonly surname: string;
  readonly givenName: string;
  readonly flight: FlightRef;
}

export const PASSENGER_BOOKED = { type: 'PassengerBooked', version: 1 } as const;

/** A ticket bought in the VNeID app: the identity matched the register, consent was given. */
export interface TicketPurchasedV1 {
  readonly bookingId: string;
  readonly pnr: string;
  readonly passengerId: string;
  readonly channel: 'VNEID_APP';
  readonly at: string;
  readonly identityConsentAt: string;
  /** R9: whether the purchase lies in the BIOMETRIC_ENROLMENT (incentive) window. */
  readonly incentiveWindow: boolean;
  readonly flight: FlightRef;
}

export const TICKET_PURCHASED = { type: 'TicketPurchased', version: 1 } as const;

export interface IssuedBoardingPass {
  /** IATA BCBP M1 string. */
  readonly bcbp: string;
  readonly seat: string;
  readonly sequence: number;
}

/** Every check-in attempt, with the boarding pass when one was issued. */
export interface CheckInDecidedV1 {
  readonly passengerId: string;
  readonly flight: FlightRef;
  readonly channel: 'COUNTER' | 'KIOSK' | 'BIOMETRIC';
  readonly at: string;
  readonly decision: StepDecision;
  readonly boardingPass?: IssuedBoardingPass;
}

export const CHECK_IN_DECIDED = { type: 'CheckInDecided', version: 1 } as const;

/** Every presentation at a security lane that reached a decision about a known passenger. */
export interface SecurityDecidedV1 {
  readonly passengerId: string;
  readonly flight: FlightRef;
  readonly airport: string;
  readonly lane: 'AUTOMATED' | 'MANUAL';
  readonly at: string;
  readonly decision: StepDecision;
  /** True when the passenger may go on to boarding. */
  readonly cleared: boolean;
}

export const SECURITY_DECIDED = { type: 'SecurityDecided', version: 1 } as const;

/** Every presentation at a boarding gate about a known passenger. */
export interface BoardingDecidedV1 {
  readonly passengerId: string;
  readonly flight: FlightRef;
  readonly airport: string;
  readonly gate: string;
  readonly lane: 'AUTOMATED' | 'MANUAL';
  readonly at: string;
  readonly decision: StepDecision;
  /** True when the passenger has boarded. */
  readonly boarded: boolean;
}

export const BOARDING_DECIDED = { type: 'BoardingDecided', version: 1 } as const;
