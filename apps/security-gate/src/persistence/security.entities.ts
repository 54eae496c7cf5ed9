import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'security', name: 'boarding_pass' })
export class IssuedBoardingPassRow {
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
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
  @Column('varchar', { nullable: true }) seat!: string | null;
}

@Entity({ schema: 'security', name: 'gallery_entry' })
export class GalleryEntryRow {
  @PrimaryColumn('uuid', { name: 'passenger_id' }) passengerId!: string;
  @PrimaryColumn('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('uuid', { name: 'template_id' }) templateId!: string;
  @Column('jsonb') sealed!: object;
  @Column('timestamptz', { name: 'departure_at' }) departureAt!: Date;
  @Column('timestamptz', { name: 'staged_at' }) stagedAt!: Date;
}

@Entity({ schema: 'security', name: 'presentation' })
export class SecurityPresentationRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('varchar') airport!: string;
  @Column('varchar') lane!: string;
  @Column('timestamptz') at!: Date;
  @Column('uuid', { name: 'passenger_id', nullable: true }) passengerId!: string | null;
  @Column('uuid', { name: 'flight_id', nullable: true }) flightId!: string | null;
  @Column('jsonb') decision!: object;
}

@Entity({ schema: 'security', name: 'clearance' })
export class ClearanceRow {
  @PrimaryColumn('uuid', { name: 'passenger_id' }) passengerId!: string;
  @PrimaryColumn('uuid', { name: 'flight_id' }) flightId!: string;
  @Column('varchar') lane!: string;
  @Column('timestamptz', { name: 'cleared_at' }) clearedAt!: Date;
}

@Entity({ schema: 'security', name: 'alert' })
export class SecurityAlertRow {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column('varchar') airport!: string;
  @Column('varchar') kind!: string;
  @Column('varchar') lane!: string;
  @Column('timestamptz', { name: 'raised_at' }) raisedAt!: Date;
  @Column('uuid', { name: 'passenger_id', nullable: true }) passengerId!: string | null;
  @Column('text') detail!: string;
}
