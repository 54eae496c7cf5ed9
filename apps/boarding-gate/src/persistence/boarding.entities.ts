import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'boarding', name: 'boarding_pass' })
export class BoardingPassRow {
  @PrimaryColumn('uuid', { name: 'passenger_id' }) passengerId!: string;
  @Column('varchar') bcbp!: string;
  @Column('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('varchar') carrier!: string;
  @Column('varchar', { name: 'flight_number' }) flightNumber!: string;
  @Column('date', { name: 'departure_date' }) departureDate!: string;
  @Column('varchar') origin!: string;
  @Column('varchar') destination!: string;
  @Column('timestamptz', { name: 'departure_at' }) departureAt!: Date;
  @Column('boolean') international!: boolean;
  @Column('varchar') seat!: string;
  @Column('timestamptz', { name: 'issued_at', nullable: true }) issuedAt!: Date | null;
}

@Entity({ schema: 'boarding', name: 'gallery_entry' })
export class BoardingGalleryEntryRow {
  @PrimaryColumn('uuid', { name: 'passenger_id' }) passengerId!: string;
  @PrimaryColumn('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('uuid', { name: 'template_id' }) templateId!: string;
  @Column('jsonb') sealed!: object;
  @Column('timestamptz', { name: 'departure_at' }) departureAt!: Date;
  @Column('timestamptz', { name: 'staged_at', nullable: true }) stagedAt!: Date | null;
}

@Entity({ schema: 'boarding', name: 'security_clearance' })
export class SecurityClearanceRow {
  @PrimaryColumn('uuid', { name: 'passenger_id' }) passengerId!: string;
  @PrimaryColumn('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('timestamptz', { name: 'cleared_at' }) clearedAt!: Date;
}

@Entity({ schema: 'boarding', name: 'scheduled_flight' })
export class ScheduledFlightRow {
  @PrimaryColumn('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('varchar') carrier!: string;
  @Column('varchar', { name: 'flight_number' }) flightNumber!: string;
  @Column('date', { name: 'departure_date' }) departureDate!: string;
  @Column('varchar') origin!: string;
}

@Entity({ schema: 'boarding', name: 'flight_boarding' })
export class FlightBoardingRow {
  @PrimaryColumn('varchar') carrier!: string;
  @PrimaryColumn('varchar', { name: 'flight_number' }) flightNumber!: string;
  @PrimaryColumn('date', { name: 'departure_date' }) departureDate!: string;
  @PrimaryColumn('varchar') origin!: string;
  @Column('varchar') gate!: string;
  @Column('varchar') state!: 'OPEN' | 'CLOSED';
  @Column('timestamptz', { name: 'changed_at' }) changedAt!: Date;
}

@Entity({ schema: 'boarding', name: 'boarded' })
export class BoardedRow {
  @PrimaryColumn('uuid', { name: 'passenger_id' }) passengerId!: string;
  @Column('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('varchar') gate!: string;
  @Column('varchar') lane!: string;
  @Column('timestamptz', { name: 'boarded_at' }) boardedAt!: Date;
}

@Entity({ schema: 'boarding', name: 'presentation' })
export class BoardingPresentationRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('varchar') airport!: string;
  @Column('varchar') gate!: string;
  @Column('varchar') lane!: string;
  @Column('timestamptz') at!: Date;
  @Column('uuid', { name: 'passenger_id', nullable: true }) passengerId!: string | null;
  @Column('jsonb') decision!: object;
}

@Entity({ schema: 'boarding', name: 'alert' })
export class BoardingAlertRow {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column('varchar') airport!: string;
  @Column('varchar') kind!: string;
  @Column('varchar') gate!: string;
  @Column('timestamptz', { name: 'raised_at' }) raisedAt!: Date;
  @Column('uuid', { name: 'passenger_id', nullable: true }) passengerId!: string | null;
  @Column('text') detail!: string;
}
