import { CheckinOutboxTraceContext1764000000007 } from './outbox-trace-context.migration';
import { CheckinOutages1764000000004 } from './checkin-outages.migration';
import type { PersistenceUnit } from '@biogate/persistence';
import { CheckinSchema1764000000001 } from './checkin-schema.migration';
import { CheckinBoardingPasses1764000000003 } from './check-in-schema.migration';
import {
  BookedPassengerRow,
  BookingRow,
  CheckInRow,
  EnrolmentRow,
  FlightRow,
  JourneyStepRow,
  TemplateAccessRow,
} from './checkin.entities';
import { CheckinEnrolment1764000000002 } from './enrolment-schema.migration';
import { CheckinDocumentNumbers1764000000005 } from './document-number.migration';
import { CheckinTicketPurchase1764000000006 } from './ticket-purchase.migration';
import { CheckinStatementGuard1764000000008 } from './statement-guard.migration';

export const CHECKIN_SCHEMA = 'checkin';

export const checkinPersistence: PersistenceUnit = {
  name: 'checkin',
  entities: [
    FlightRow,
    BookingRow,
    BookedPassengerRow,
    EnrolmentRow,
    TemplateAccessRow,
    CheckInRow,
    JourneyStepRow,
  ],
  migrations: [
    CheckinSchema1764000000001,
    CheckinEnrolment1764000000002,
    CheckinBoardingPasses1764000000003,
    CheckinOutages1764000000004,
    CheckinDocumentNumbers1764000000005,
    CheckinTicketPurchase1764000000006,
    CheckinOutboxTraceContext1764000000007,
    CheckinStatementGuard1764000000008,
  ],
};
