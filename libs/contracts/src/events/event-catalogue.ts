import type { ClassConstructor } from 'class-transformer';
import {
  AirportOutageChangedPayloadDto,
  BoardingChangedPayloadDto,
  BoardingDecidedPayloadDto,
  CheckInDecidedPayloadDto,
  ConsentWithdrawnPayloadDto,
  GalleryEntryStagedPayloadDto,
  LaneAlertRaisedPayloadDto,
  PassengerBookedPayloadDto,
  PassengerEnrolledPayloadDto,
  QueuesObservedPayloadDto,
  SecurityDecidedPayloadDto,
  TemplateDeletedPayloadDto,
  TicketPurchasedPayloadDto,
  type AcceptedEvents,
} from './event-parsing';
import { TOPICS, type Topic } from './topics';

/** A service that writes events (the envelope's `producer`). */
export type EventProducer = 'check-in' | 'security-gate' | 'boarding-gate' | 'operations';
/** A consumer group: the service that reads, as it names its group. */
export type ConsumerGroup = 'checkin-journey' | 'security-gate' | 'boarding-gate' | 'operations';

/** What the partition key of a message is. */
export type MessageKey = 'passengerId' | 'airport';

/** One event type at one version: where it travels, what it carries, who writes and reads it. */
export interface EventContract {
  readonly type: string;
  readonly version: number;
  readonly topic: Topic;
  readonly key: MessageKey;
  readonly summary: string;
  /** The class-validator DTO of the payload: consumers check a message against it. */
  readonly payload: ClassConstructor<object>;
  readonly producers: readonly EventProducer[];
  readonly consumers: readonly ConsumerGroup[];
}

/**
 * Every event biogate writes, in one list: consumers take what they accept from it
 * (`eventsReadBy`), and the AsyncAPI document is generated from it, so the two cannot drift.
 */
export const EVENT_CATALOGUE: readonly EventContract[] = [
  {
    type: 'PassengerBooked',
    version: 1,
    topic: TOPICS.journey,
    key: 'passengerId',
    summary: 'A passenger of a booking an airline posted (one event per passenger).',
    payload: PassengerBookedPayloadDto,
    producers: ['check-in'],
    consumers: ['boarding-gate', 'operations'],
  },
  {
    type: 'TicketPurchased',
    version: 1,
    topic: TOPICS.journey,
    key: 'passengerId',
    summary: 'A ticket bought in the VNeID app: the identity matched the register, with consent.',
    payload: TicketPurchasedPayloadDto,
    producers: ['check-in'],
    consumers: [],
  },
  {
    type: 'CheckInDecided',
    version: 1,
    topic: TOPICS.journey,
    key: 'passengerId',
    summary: 'Every check-in attempt and its decision, with the boarding pass when one was issued.',
    payload: CheckInDecidedPayloadDto,
    producers: ['check-in'],
    consumers: ['security-gate', 'boarding-gate', 'operations'],
  },
  {
    type: 'SecurityDecided',
    version: 1,
    topic: TOPICS.journey,
    key: 'passengerId',
    summary: 'A presentation at a security lane of a known boarding pass, and its decision.',
    payload: SecurityDecidedPayloadDto,
    producers: ['security-gate'],
    consumers: ['checkin-journey', 'boarding-gate', 'operations'],
  },
  {
    type: 'BoardingDecided',
    version: 1,
    topic: TOPICS.journey,
    key: 'passengerId',
    summary: 'A presentation at a boarding gate of a known boarding pass, and its decision.',
    payload: BoardingDecidedPayloadDto,
    producers: ['boarding-gate'],
    consumers: ['checkin-journey', 'operations'],
  },
  {
    type: 'GalleryEntryStaged',
    version: 1,
    topic: TOPICS.gallery,
    key: 'passengerId',
    summary:
      "A checked-in passenger's face template, sealed for the gates of their flight (restricted topic).",
    payload: GalleryEntryStagedPayloadDto,
    producers: ['check-in'],
    consumers: ['security-gate', 'boarding-gate'],
  },
  {
    type: 'PassengerEnrolled',
    version: 1,
    topic: TOPICS.identity,
    key: 'passengerId',
    summary: 'A face enrolled with consent, at a counter or in the VNeID app (references only).',
    payload: PassengerEnrolledPayloadDto,
    producers: ['check-in'],
    consumers: [],
  },
  {
    type: 'ConsentWithdrawn',
    version: 1,
    topic: TOPICS.identity,
    key: 'passengerId',
    summary: 'The passenger withdrew consent: their template is deleted with it.',
    payload: ConsentWithdrawnPayloadDto,
    producers: ['check-in'],
    consumers: [],
  },
  {
    type: 'TemplateDeleted',
    version: 1,
    topic: TOPICS.identity,
    key: 'passengerId',
    summary: 'A template deleted (consent withdrawn or retention expired): every copy must go too.',
    payload: TemplateDeletedPayloadDto,
    producers: ['check-in'],
    consumers: ['security-gate', 'boarding-gate'],
  },
  {
    type: 'AirportOutageChanged',
    version: 1,
    topic: TOPICS.operations,
    key: 'airport',
    summary: 'A biometric or kiosk outage declared or cleared at an airport.',
    payload: AirportOutageChangedPayloadDto,
    producers: ['check-in'],
    consumers: ['security-gate', 'boarding-gate', 'operations'],
  },
  {
    type: 'LaneAlertRaised',
    version: 1,
    topic: TOPICS.operations,
    key: 'airport',
    summary: 'An alert at a security lane or boarding gate (impostor, presentation attack, …).',
    payload: LaneAlertRaisedPayloadDto,
    producers: ['security-gate', 'boarding-gate'],
    consumers: ['operations'],
  },
  {
    type: 'BoardingChanged',
    version: 1,
    topic: TOPICS.operations,
    key: 'airport',
    summary: 'Boarding of a flight opened at a gate, or closed.',
    payload: BoardingChangedPayloadDto,
    producers: ['boarding-gate'],
    consumers: ['operations'],
  },
  {
    type: 'QueuesObserved',
    version: 1,
    topic: TOPICS.operations,
    key: 'airport',
    summary: "An airport's queue sensors' readings at one instant.",
    payload: QueuesObservedPayloadDto,
    producers: ['operations'],
    consumers: ['operations'],
  },
];

/** What a consumer group reads: its topics, and the payload DTO of each `Type@version`. */
export function eventsReadBy(group: ConsumerGroup): {
  readonly topics: readonly Topic[];
  readonly accepted: AcceptedEvents;
} {
  const read = EVENT_CATALOGUE.filter((event) => event.consumers.includes(group));
  return {
    topics: [...new Set(read.map((event) => event.topic))],
    accepted: Object.fromEntries(
      read.map((event) => [`${event.type}@${event.version}`, event.payload]),
    ),
  };
}
