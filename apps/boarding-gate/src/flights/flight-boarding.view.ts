export interface FlightBoardingView {
  readonly airport: string;
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
  readonly gate: string;
  readonly state: 'OPEN' | 'CLOSED';
  readonly changedAt: string;
}
