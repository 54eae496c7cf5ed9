import type { EventTransport } from '@biogate/messaging';
import { DeferredRows, type UnitOfWork } from '@biogate/persistence';
import { SAMPLE_FLIGHT_REF as flight, SAMPLE_PASSENGER_ID as passengerId } from '@biogate/testing';
import type { ConsumedEvent, EventAppliers, RowsApplier } from '@biogate/service-runtime';
import { BoardingEventsConsumer } from './boarding-events.consumer';

/** The boarding gate's own types, with what their effect reads. */
const OWN_ROWS: Record<string, object> = {
  PassengerBooked: { flight },
  SecurityDecided: { passengerId, flight, cleared: true, at: '2025-12-01T01:00:00.000Z' },
};

describe('BoardingEventsConsumer: the events it applies', () => {
  const { appliers } = new BoardingEventsConsumer(
    {} as UnitOfWork,
    {} as EventTransport,
  ) as unknown as { appliers: EventAppliers };

  it.each(Object.keys(OWN_ROWS))('%s is rows alone', (type) => {
    const applier = appliers[type] as RowsApplier;
    expect(applier.kind).toBe('rows');
    const later = new DeferredRows();
    const event = { type, payload: OWN_ROWS[type], envelope: {} } as ConsumedEvent;
    applier.apply(event, later, () => undefined);
    expect(later.joined(1)?.parts).toHaveLength(1);
  });

  it('a security decision that did not clear the passenger adds nothing', () => {
    const later = new DeferredRows();
    const payload = { ...OWN_ROWS.SecurityDecided, cleared: false };
    const event = { type: 'SecurityDecided', payload, envelope: {} } as ConsumedEvent;
    (appliers.SecurityDecided as RowsApplier).apply(event, later, () => undefined);
    expect(later.joined(1)?.parts).toEqual([]);
  });

  it('applies an outage or a deleted template in a transaction, as the security gate does', () => {
    expect(appliers.AirportOutageChanged?.kind).toBe('statements');
    expect(appliers.TemplateDeleted?.kind).toBe('statements');
  });
});
