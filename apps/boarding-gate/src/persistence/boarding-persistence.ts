import { BoardingOutages1764000000202 } from './boarding-outages.migration';
import type { PersistenceUnit } from '@biogate/persistence';
import { BoardingSchema1764000000201 } from './boarding-schema.migration';
import {
  BoardedRow,
  BoardingAlertRow,
  BoardingGalleryEntryRow,
  BoardingPassRow,
  BoardingPresentationRow,
  FlightBoardingRow,
  SecurityClearanceRow,
} from './boarding.entities';

export const BOARDING_SCHEMA = 'boarding';

export const boardingPersistence: PersistenceUnit = {
  name: 'boarding',
  entities: [
    BoardingPassRow,
    BoardingGalleryEntryRow,
    SecurityClearanceRow,
    FlightBoardingRow,
    BoardedRow,
    BoardingPresentationRow,
    BoardingAlertRow,
  ],
  migrations: [BoardingSchema1764000000201, BoardingOutages1764000000202],
};
