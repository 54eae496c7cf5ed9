import { ChangeOutageHandler } from './operations/change-outage.handler';
import { OperationsHttpController } from './operations/operations.http.controller';
import { EnrolmentRetention } from './enrolment/enrolment-retention';
import { Module } from '@nestjs/common';
import { BookingsHttpController } from './bookings/bookings.http.controller';
import { CreateBookingHandler } from './bookings/create-booking/create-booking.handler';
import { BookPassengerNameListHandler } from './bookings/passenger-name-list/passenger-name-list.handler';
import { ScheduledFlights } from './bookings/create-booking/scheduled-flights';
import { GetBookingHandler } from './bookings/get-booking/get-booking.handler';
import { PassengerChannelsHandler } from './bookings/passenger-channels/passenger-channels.handler';
import { CheckInHttpController } from './check-in/check-in.http.controller';
import { CheckInPassengerHandler } from './check-in/check-in-passenger/check-in-passenger.handler';
import { CheckInOutbox } from './checkin-outbox';
import { FlightCheckInCounts } from './check-in/flight-check-in-counts';
import { CheckInStore } from './persistence/checkin-store';
import { EnrolPassengerHandler } from './enrolment/enrol-passenger/enrol-passenger.handler';
import { EnrolmentHttpController } from './enrolment/enrolment.http.controller';
import { EnrolmentStaging } from './enrolment/enrolment-staging';
import { ExistingEnrolmentMatch } from './enrolment/existing-enrolment';
import { WithdrawConsentHandler } from './enrolment/withdraw-consent/withdraw-consent.handler';
import { JourneyStepsConsumer } from './journey/journey-steps.consumer';
import { PassengerJourneyHandler } from './journey/passenger-journey.handler';
import { PolicyHttpController } from './policy/policy.http.controller';

const commandHandlers = [
  CreateBookingHandler,
  BookPassengerNameListHandler,
  EnrolPassengerHandler,
  WithdrawConsentHandler,
  CheckInPassengerHandler,
  ChangeOutageHandler,
];
const queryHandlers = [GetBookingHandler, PassengerChannelsHandler, PassengerJourneyHandler];

/** The check-in service: bookings, enrolment, check-in with boarding passes, the policy endpoint. */
@Module({
  controllers: [
    BookingsHttpController,
    EnrolmentHttpController,
    CheckInHttpController,
    PolicyHttpController,
    OperationsHttpController,
  ],
  providers: [
    EnrolmentRetention,
    CheckInOutbox,
    CheckInStore,
    ScheduledFlights,
    FlightCheckInCounts,
    EnrolmentStaging,
    ExistingEnrolmentMatch,
    JourneyStepsConsumer,
    ...commandHandlers,
    ...queryHandlers,
  ],
})
export class CheckInModule {}
