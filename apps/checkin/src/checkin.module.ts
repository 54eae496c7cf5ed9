import { Module } from '@nestjs/common';
import { BookingsHttpController } from './bookings/bookings.http.controller';
import { CreateBookingHandler } from './bookings/create-booking/create-booking.handler';
import { GetBookingHandler } from './bookings/get-booking/get-booking.handler';
import { PassengerChannelsHandler } from './bookings/passenger-channels/passenger-channels.handler';
import { CheckinOutbox } from './checkin-outbox';
import { PolicyHttpController } from './policy/policy.http.controller';

const commandHandlers = [CreateBookingHandler];
const queryHandlers = [GetBookingHandler, PassengerChannelsHandler];

/** The check-in service: bookings, (soon) enrolment and check-in, and the policy endpoint. */
@Module({
  controllers: [BookingsHttpController, PolicyHttpController],
  providers: [CheckinOutbox, ...commandHandlers, ...queryHandlers],
})
export class CheckinModule {}
