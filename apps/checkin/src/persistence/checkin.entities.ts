import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Dates are kept as `YYYY-MM-DD` strings (PostgreSQL `date`), instants as Date (`timestamptz`). */

@Entity({ schema: 'checkin', name: 'flight' })
export class FlightRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('varchar') carrier!: string;
  @Column('varchar', { name: 'flight_number' }) flightNumber!: string;
  @Column('date', { name: 'departure_date' }) departureDate!: string;
  @Column('varchar') origin!: string;
  @Column('varchar') destination!: string;
  @Column('timestamptz', { name: 'departure_at' }) departureAt!: Date;
  @Column('boolean') international!: boolean;
}

@Entity({ schema: 'checkin', name: 'booking' })
export class BookingRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('varchar') carrier!: string;
  @Column('varchar') pnr!: string;
  @Column('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ schema: 'checkin', name: 'booked_passenger' })
export class BookedPassengerRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'booking_id' }) bookingId!: string;
  @Column('smallint') position!: number;
  @Column('varchar') surname!: string;
  @Column('varchar', { name: 'given_name' }) givenName!: string;
  @Column('date', { name: 'birth_date', nullable: true }) birthDate!: string | null;
  @Column('varchar', { name: 'document_type' }) documentType!: string;
  @Column('varchar', { name: 'document_number' }) documentNumber!: string;
  @Column('date', { name: 'document_expires_on', nullable: true }) documentExpiresOn!:
    string | null;
  @Column('smallint', { name: 'checked_bags' }) checkedBags!: number;
  @Column('text', { array: true }) ssr!: string[];
  @Column('varchar', { name: 'purchase_channel' }) purchaseChannel!: 'AIRLINE' | 'VNEID_APP';
  @Column('timestamptz', { name: 'identity_consent_at', nullable: true })
  identityConsentAt!: Date | null;
}

@Entity({ schema: 'checkin', name: 'enrolment' })
export class EnrolmentRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('varchar', { name: 'personal_id_number' }) personalIdNumber!: string;
  @Column('uuid', { name: 'passenger_id' }) passengerId!: string;
  @Column('varchar') channel!: string;
  @Column('timestamptz', { name: 'consent_at' }) consentAt!: Date;
  @Column('timestamptz', { name: 'enrolled_at' }) enrolledAt!: Date;
  @Column('uuid', { name: 'template_id' }) templateId!: string;
  @Column('bytea', { name: 'template_ciphertext' }) templateCiphertext!: Buffer;
  @Column('bytea', { name: 'template_iv' }) templateIv!: Buffer;
  @Column('bytea', { name: 'template_tag' }) templateTag!: Buffer;
}

@Entity({ schema: 'checkin', name: 'template_access' })
export class TemplateAccessRow {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'template_id' }) templateId!: string;
  @Column('varchar') accessor!: string;
  @Column('varchar') touchpoint!: string;
  @Column('varchar') purpose!: string;
  @Column('timestamptz', { name: 'accessed_at' }) accessedAt!: Date;
}

@Entity({ schema: 'checkin', name: 'check_in' })
export class CheckInRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'passenger_id' }) passengerId!: string;
  @Column('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('varchar') channel!: string;
  @Column('integer') sequence!: number;
  @Column('varchar') seat!: string;
  @Column('varchar', { name: 'boarding_pass' }) boardingPass!: string;
  @Column('timestamptz', { name: 'checked_in_at' }) checkedInAt!: Date;
}

@Entity({ schema: 'checkin', name: 'journey_step' })
export class JourneyStepRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'passenger_id' }) passengerId!: string;
  @Column('varchar') touchpoint!: string;
  @Column('varchar') point!: string;
  @Column('timestamptz') at!: Date;
  @Column('jsonb') decision!: object;
}
