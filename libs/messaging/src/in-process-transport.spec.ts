import type { TransportMessage } from './event-envelope';
import { InProcessTransport } from './in-process-transport';
import { PoisonMessageError, type DeadLetter } from './poison-message';

const message = (topic: string, key: string, value: string): TransportMessage => ({
  topic,
  key,
  value,
});

describe('InProcessTransport', () => {
  it('delivers in publish order within a group, and to every group', async () => {
    const transport = new InProcessTransport();
    const seen: Record<string, string[]> = { a: [], b: [] };
    transport.subscribe(['journey'], 'a', (m) => Promise.resolve(void seen.a!.push(m.value)));
    transport.subscribe(['journey', 'identity'], 'b', (m) =>
      Promise.resolve(void seen.b!.push(m.value)),
    );
    await transport.publish([message('journey', 'p1', '1'), message('identity', 'p1', '2')]);
    await transport.publish([message('journey', 'p2', '3')]);
    await transport.idle();
    expect(seen).toEqual({ a: ['1', '3'], b: ['1', '2', '3'] });
  });

  it('holds messages published before any group subscribes', async () => {
    const transport = new InProcessTransport();
    await transport.publish([message('journey', 'p1', 'early')]);
    const seen: string[] = [];
    transport.subscribe(['journey'], 'late', (m) => Promise.resolve(void seen.push(m.value)));
    await transport.idle();
    expect(seen).toEqual(['early']);
  });

  it('retries a transient failure and keeps the order', async () => {
    const transport = new InProcessTransport({ retryDelayMs: 1 });
    const seen: string[] = [];
    let failures = 2;
    transport.subscribe(['journey'], 'g', (m) => {
      if (m.value === 'first' && failures-- > 0) return Promise.reject(new Error('database busy'));
      seen.push(m.value);
      return Promise.resolve();
    });
    await transport.publish([
      message('journey', 'p1', 'first'),
      message('journey', 'p1', 'second'),
    ]);
    await transport.idle();
    expect(seen).toEqual(['first', 'second']);
  });

  it('sends a poison message to the dead-letter topic at once, with its bytes, and goes on', async () => {
    const letters: DeadLetter[] = [];
    const transport = new InProcessTransport({ onDeadLetter: (l) => letters.push(l) });
    const seen: string[] = [];
    let attempts = 0;
    transport.subscribe(['journey'], 'g', (m) => {
      if (m.value === '{not json') {
        attempts++;
        return Promise.reject(new PoisonMessageError('not JSON'));
      }
      seen.push(m.value);
      return Promise.resolve();
    });
    const deadLetters: string[] = [];
    transport.subscribe(['journey.dead-letter'], 'ops', (m) =>
      Promise.resolve(void deadLetters.push(m.value)),
    );
    await transport.publish([
      message('journey', 'p1', '{not json'),
      message('journey', 'p1', 'ok'),
    ]);
    await transport.idle();
    expect(attempts).toBe(1);
    expect(seen).toEqual(['ok']);
    expect(letters).toEqual([
      {
        topic: 'journey',
        key: 'p1',
        group: 'g',
        error: 'not JSON',
        attempts: 1,
        value: '{not json',
      },
    ]);
    expect(deadLetters.map((v) => JSON.parse(v) as DeadLetter)).toEqual(letters);
  });

  it('dead-letters a message that keeps failing after its attempts', async () => {
    const letters: DeadLetter[] = [];
    const transport = new InProcessTransport({
      maxAttempts: 3,
      retryDelayMs: 1,
      onDeadLetter: (l) => letters.push(l),
    });
    transport.subscribe(['journey'], 'g', () => Promise.reject(new Error('always')));
    await transport.publish([message('journey', 'p1', 'x')]);
    await transport.idle();
    expect(letters).toMatchObject([{ error: 'always', attempts: 3, value: 'x' }]);
  });

  it('refuses a second member of the same group in one process', () => {
    const transport = new InProcessTransport();
    transport.subscribe(['journey'], 'g', () => Promise.resolve());
    expect(() => transport.subscribe(['journey'], 'g', () => Promise.resolve())).toThrow(
      /already has a member/,
    );
  });
});
