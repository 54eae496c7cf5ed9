import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@biogate/contracts';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { assertAirlineScope } from '@biogate/service-runtime';
import { BookedPassengerRow, BookingRow, FlightRow } from '../../persistence/checkin.entities';
import { bookingView, type BookingView } from '../booking.view';
import { GetBookingQuery } from './get-booking.query';

@QueryHandler(GetBookingQuery)
export class GetBookingHandler implements IQueryHandler<GetBookingQuery, BookingView> {
  constructor(@Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork) {}

  execute({ principal, carrier, pnr }: GetBookingQuery): Promise<BookingView> {
    assertAirlineScope(principal, carrier);
    return this.unitOfWork.read(async (em) => {
      const booking = await em.findOneBy(BookingRow, { carrier, pnr });
      if (!booking) throw new NotFoundError(`no booking ${carrier} ${pnr}`);
      const flight = await em.findOneByOrFail(FlightRow, { id: booking.flightId });
      const passengers = await em.findBy(BookedPassengerRow, { bookingId: booking.id });
      return bookingView(booking, flight, passengers);
    });
  }
}
