import { DeferredRows } from '@biogate/persistence';
import {
  SAMPLE_FLIGHT_REF as flight,
  SAMPLE_PASSENGER_ID as passengerId,
  statementNotingDatabase,
} from '@biogate/testing';
import type { ConsumedEvent, RowsApplier, StatementsApplier } from '@biogate/service-runtime';
import { gateEventAppliers } from './gate-events';

/** One event of each type the gates read, with what its effect reads of it. */
const EVENTS: Record<string, object> = {
  CheckInDecided: {
    passengerId,
    flight,
    at: '2025-12-01T01:00:00.000Z',
    boardingPass: { bcbp: 'M1NGUYEN/AN', seat: '12A' },
  },
  GalleryEntryStaged: {
    passengerId,
    flight,
    templateId: '9c4e1d2a-1b6f-4f0e-8a3d-7e2b5c6d4f33',
    sealed: { ciphertext: 'x' },
  },
  TemplateDeleted: { templateId: '9c4e1d2a-1b6f-4f0e-8a3d-7e2b5c6d4f33' },
};

function eventOf(type: string): ConsumedEvent {
  return {
    type,
    payload: EVENTS[type] as object,
    envelope: { occurredAt: '2025-12-01T01:00:00.000Z' } as ConsumedEvent['envelope'],
  };
}

const noCommitWork = () => undefined;

describe('gateEventAppliers: what both gates learn', () => {
  it.each([
    ['CheckInDecided', 'boarding_pass'],
    ['GalleryEntryStaged', 'gallery_entry'],
  ])("%s is rows alone, into the gate's own %s", (type, table) => {
    for (const schema of ['security', 'boarding'] as const) {
      const applier = gateEventAppliers(schema)[type] as RowsApplier;
      expect(applier.kind).toBe('rows');
      const later = new DeferredRows();
      applier.apply(eventOf(type), later, noCommitWork);
      const parts = later.joined(1)?.parts ?? [];
      expect(parts).toHaveLength(1);
      expect(parts[0]).toContain(`${schema}.${table}`);
    }
  });

  it('a template deleted deletes at once, after the rows gathered before it', async () => {
    const appliers = gateEventAppliers('boarding');
    const deletion = appliers.TemplateDeleted as StatementsApplier;
    expect(deletion.kind).toBe('statements');
    const { em, sent } = statementNotingDatabase();
    const later = new DeferredRows();
    (appliers.GalleryEntryStaged as RowsApplier).apply(
      eventOf('GalleryEntryStaged'),
      later,
      noCommitWork,
    );
    await deletion.apply(em, eventOf('TemplateDeleted'), later, noCommitWork);
    expect(sent).toEqual([
      expect.stringContaining('boarding.gallery_entry'),
      expect.stringContaining('DELETE FROM boarding.gallery_entry'),
    ]);
    expect(sent[0]).not.toContain('DELETE');
  });

  it('an outage is written at once', () => {
    expect(gateEventAppliers('security').AirportOutageChanged?.kind).toBe('statements');
  });
});
