import type { Outage } from '@biogate/domain';

/** An outage declared or cleared by an airport's operators; keyed by airport code. */
export interface AirportOutageChangedV1 {
  readonly airport: string;
  readonly outage: Outage;
  readonly inForce: boolean;
  readonly at: string;
}

export const AIRPORT_OUTAGE_CHANGED = { type: 'AirportOutageChanged', version: 1 } as const;
