import { Module } from '@nestjs/common';
import { BookingsHttpController } from './bookings/bookings.http.controller';
import { CreateBookingHandler } from './bookings/create-booking/create-booking.handler';
import { GetBookingHandler } from './bookings/get-booking/get-booking.handler';
import { PassengerChannelsHandler } from './bookings/passenger-channels/passenger-channels.handler';
import { CheckinOutbox } from './checkin-outbox';
import { EnrolPassengerHandler } from './enrolment/enrol-passenger/enrol-passenger.handler';
import { EnrolmentHttpController } from './enrolment/enrolment.http.controller';
import { WithdrawConsentHandler } from './enrolment/withdraw-consent/withdraw-consent.handler';
import { PolicyHttpController } from './policy/policy.http.controller';

const commandHandlers = [CreateBookingHandler, EnrolPassengerHandler, WithdrawConsentHandler];
const queryHandlers = [GetBookingHandler, PassengerChannelsHandler];

/** The check-in service: bookings, (soon) enrolment and check-in, and the policy endpoint. */
@Module({
  controllers: [BookingsHttpController, EnrolmentHttpController, PolicyHttpController],
  providers: [CheckinOutbox, ...commandHandlers, ...queryHandlers],
})
export class CheckinModule {}
