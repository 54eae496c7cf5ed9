import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@biogate/contracts';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { assertAirlineScope } from '@biogate/service-runtime';
import { CheckInStore } from '../../persistence/checkin-store';
import { bookingView, type BookingView } from '../booking.view';
import { GetBookingQuery } from './get-booking.query';

/** An airline reads one of its bookings by PNR. */
@QueryHandler(GetBookingQuery)
export class GetBookingHandler implements IQueryHandler<GetBookingQuery, BookingView> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly store: CheckInStore,
  ) {}

  execute({ principal, carrier, pnr }: GetBookingQuery): Promise<BookingView> {
    assertAirlineScope(principal, carrier);
    return this.unitOfWork.read(async (em) => {
      const found = await this.store.bookingByPnr(em, carrier, pnr);
      if (found === null) throw new NotFoundError(`no booking ${carrier} ${pnr}`);
      return bookingView(found.booking, found.flight, found.passengers);
    });
  }
}
