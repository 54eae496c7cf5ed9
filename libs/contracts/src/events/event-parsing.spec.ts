import { randomUUID } from 'node:crypto';
import {
  AirportOutageChangedPayloadDto,
  parseEventMessage,
  TemplateDeletedPayloadDto,
  type AcceptedEvents,
} from './event-parsing';

const OUTAGES: AcceptedEvents = { 'AirportOutageChanged@1': AirportOutageChangedPayloadDto };
const DELETIONS: AcceptedEvents = { 'TemplateDeleted@1': TemplateDeletedPayloadDto };

function outageMessage(payload: object, version = 1): string {
  return JSON.stringify({
    eventId: randomUUID(),
    type: 'AirportOutageChanged',
    version,
    occurredAt: '2025-12-01T00:00:00.000Z',
    producer: 'check-in',
    key: 'SGN',
    correlationId: randomUUID(),
    payload,
  });
}

const KIOSKS_DOWN = { airport: 'SGN', outage: 'KIOSK', inForce: true, at: '2025-12-01T00:00:00Z' };

describe('parseEventMessage', () => {
  it('reads a valid message it accepts as its typed payload', () => {
    const parsed = parseEventMessage(outageMessage(KIOSKS_DOWN), OUTAGES);
    expect(parsed).toMatchObject({ kind: 'event', type: 'AirportOutageChanged' });
    expect(parsed.kind === 'event' && parsed.payload).toBeInstanceOf(
      AirportOutageChangedPayloadDto,
    );
  });

  it.each([
    ['not JSON', '{"eventId":', /JSON/],
    [
      'an envelope without an event id',
      JSON.stringify({ type: 'AirportOutageChanged' }),
      /eventId/,
    ],
    ['a payload with a bad field', outageMessage({ ...KIOSKS_DOWN, outage: 'LIFT' }), /outage/],
    ['a version the consumer does not read', outageMessage(KIOSKS_DOWN, 2), /version 2/],
    [
      'an array nested 50,000 deep, rather than overflow the stack',
      `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
      /^envelope: expected an object, got \[{57}\.\.\.$/,
    ],
  ])('refuses %s, with the reason', (_case, text, reason) => {
    const parsed = parseEventMessage(text, OUTAGES);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(reason);
  });

  it('ignores a valid message of a type the consumer does not read', () => {
    expect(parseEventMessage(outageMessage(KIOSKS_DOWN), DELETIONS)).toEqual({
      kind: 'ignored',
      type: 'AirportOutageChanged',
    });
  });

  it('reads a text once for every consumer of the process, and alike', () => {
    const text = outageMessage(KIOSKS_DOWN);
    const first = parseEventMessage(text, OUTAGES);
    const second = parseEventMessage(text, { ...OUTAGES, ...DELETIONS });
    expect(second).toEqual(first);
    if (first.kind !== 'event' || second.kind !== 'event') throw new Error('expected events');
    expect(second.envelope).toBe(first.envelope);
    expect(second.payload).toBe(first.payload);
    // The same text refused stays refused, whoever reads it.
    const bad = outageMessage({ ...KIOSKS_DOWN, inForce: 'yes' });
    expect(parseEventMessage(bad, OUTAGES)).toEqual(parseEventMessage(bad, OUTAGES));
    expect(parseEventMessage(bad, OUTAGES).kind).toBe('invalid');
  });

  it('does not keep the reading of a long text', () => {
    const text = outageMessage({ ...KIOSKS_DOWN, padding: 'x'.repeat(20_000) });
    const first = parseEventMessage(text, OUTAGES);
    const again = parseEventMessage(text, OUTAGES);
    if (first.kind !== 'event' || again.kind !== 'event') throw new Error('expected events');
    expect(again.payload).not.toBe(first.payload);
  });

  it('keeps only the last messages read: an old text is read afresh', () => {
    const text = outageMessage(KIOSKS_DOWN);
    const first = parseEventMessage(text, OUTAGES);
    for (let i = 0; i < 1_100; i++) parseEventMessage(outageMessage(KIOSKS_DOWN), OUTAGES);
    const again = parseEventMessage(text, OUTAGES);
    if (first.kind !== 'event' || again.kind !== 'event') throw new Error('expected events');
    expect(again.payload).not.toBe(first.payload);
    expect(again.payload).toEqual(first.payload);
  });
});
