import { DeferredRows } from '@biogate/persistence';
import {
  SAMPLE_FLIGHT_REF as flight,
  SAMPLE_PASSENGER_ID as passengerId,
  statementNotingDatabase,
} from '@biogate/testing';
import type { ConsumedEvent } from '@biogate/service-runtime';
import { applyGateEvent, GATE_EVENTS_AS_ROWS } from './gate-events';

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

describe('applyGateEvent: the events whose effect is rows alone', () => {
  it.each([...GATE_EVENTS_AS_ROWS])(
    '%s adds rows for the batch and sends no statement',
    async (type) => {
      const { em, sent } = statementNotingDatabase();
      const later = new DeferredRows();
      expect(await applyGateEvent(em, 'security', eventOf(type), later)).toBe(true);
      expect(sent).toEqual([]);
      expect(later.joined(1)?.parts).toHaveLength(1);
    },
  );

  it('a template deleted is not among them: it deletes at once', async () => {
    expect(GATE_EVENTS_AS_ROWS.has('TemplateDeleted')).toBe(false);
    const { em, sent } = statementNotingDatabase();
    await applyGateEvent(em, 'boarding', eventOf('TemplateDeleted'), new DeferredRows());
    expect(sent).toEqual([expect.stringContaining('DELETE FROM boarding.gallery_entry')]);
  });
});
