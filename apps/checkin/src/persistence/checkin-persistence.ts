import type { PersistenceUnit } from '@biogate/persistence';
import { CheckinSchema1764000000001 } from './checkin-schema.migration';
import { BookedPassengerRow, BookingRow, FlightRow } from './checkin.entities';

export const CHECKIN_SCHEMA = 'checkin';

export const checkinPersistence: PersistenceUnit = {
  name: 'checkin',
  entities: [FlightRow, BookingRow, BookedPassengerRow],
  migrations: [CheckinSchema1764000000001],
};
