import type { EntityManager } from 'typeorm';
import type { EventTransport } from '@biogate/messaging';
import { DeferredRows, type UnitOfWork } from '@biogate/persistence';
import {
  SAMPLE_FLIGHT_REF as flight,
  SAMPLE_PASSENGER_ID as passengerId,
  statementNotingDatabase,
} from '@biogate/testing';
import type { ConsumedEvent } from '@biogate/service-runtime';
import { BoardingEventsConsumer } from './boarding-events.consumer';

/** The boarding gate's own types among those it applies as rows, with what their effect reads. */
const OWN_ROWS: Record<string, object> = {
  PassengerBooked: { flight },
  SecurityDecided: { passengerId, flight, cleared: true, at: '2025-12-01T01:00:00.000Z' },
};

/** The consumer's protected hooks, for this spec. */
interface Hooks {
  appliesAsRows(type: string): boolean;
  apply(em: EntityManager, event: ConsumedEvent, later: DeferredRows): Promise<void>;
}

describe('BoardingEventsConsumer: the events it applies as rows', () => {
  const consumer = new BoardingEventsConsumer(
    {} as UnitOfWork,
    {} as EventTransport,
  ) as unknown as Hooks;

  it.each(Object.keys(OWN_ROWS))('%s adds rows and sends no statement', async (type) => {
    expect(consumer.appliesAsRows(type)).toBe(true);
    const { em, sent } = statementNotingDatabase();
    const later = new DeferredRows();
    const event = { type, payload: OWN_ROWS[type], envelope: {} } as ConsumedEvent;
    await consumer.apply(em, event, later);
    expect(sent).toEqual([]);
    expect(later.joined(1)?.parts).toHaveLength(1);
  });

  it('applies an outage or a deleted template in a transaction', () => {
    expect(consumer.appliesAsRows('AirportOutageChanged')).toBe(false);
    expect(consumer.appliesAsRows('TemplateDeleted')).toBe(false);
  });
});
