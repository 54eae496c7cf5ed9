import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { expected } from '@biogate/contracts';
import {
  BookedFlightDto,
  BookedFlightField,
  ListedBookingDto,
} from '../create-booking/create-booking.request.dto';

/** At most this many PNRs a list: a wide-body's seats, each its own PNR. */
export const MAX_LISTED_BOOKINGS = 300;

/**
 * POST /v1/passenger-name-lists: an airline's bookings on one flight at once (its PNL, as a
 * reservation system sends it to the departure control system), each booking decided on its own.
 */
export class PassengerNameListRequestDto {
  @BookedFlightField()
  flight!: BookedFlightDto;

  @Type(() => ListedBookingDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true, ...expected('a booking { pnr, passengers }') })
  @ArrayMaxSize(
    MAX_LISTED_BOOKINGS,
    expected(`1 to ${MAX_LISTED_BOOKINGS} bookings (send a longer list in parts)`),
  )
  @ArrayMinSize(1, expected(`1 to ${MAX_LISTED_BOOKINGS} bookings`))
  @IsArray(expected('an array of bookings { pnr, passengers }'))
  bookings!: ListedBookingDto[];
}
