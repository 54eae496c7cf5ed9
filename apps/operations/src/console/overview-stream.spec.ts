import type { MessageEvent } from '@nestjs/common';
import { ReadModelChanges } from '../read-model/read-model-changes';
import type { AirportOverviewReader } from './airport-overview';
import { OverviewStream } from './overview-stream';

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe('the live overview feed', () => {
  const reads: string[] = [];
  const reader = {
    overview: (airport: string) => {
      reads.push(airport);
      return Promise.resolve({ airport, read: reads.length });
    },
  } as unknown as AirportOverviewReader;
  const changes = new ReadModelChanges();
  const stream = new OverviewStream(reader, changes);

  it('reads an airport once for every screen that watches it, and gives a new screen the latest at once', async () => {
    const first: MessageEvent[] = [];
    const second: MessageEvent[] = [];
    const a = stream.of('SGN').subscribe((event) => first.push(event));
    await until(() => first.length === 1);
    const b = stream.of('SGN').subscribe((event) => second.push(event));
    expect(second).toEqual(first);
    changes.changed('SGN');
    await until(() => first.length >= 2 && second.length === first.length);
    // One read per overview pushed, however many screens get it.
    expect(reads.length).toBe(first.length);
    // Another airport's change reads nothing for this one.
    changes.changed('HAN');
    await new Promise((r) => setTimeout(r, 250));
    expect(reads.filter((airport) => airport !== 'SGN')).toEqual([]);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('ends every feed when the application shuts down, and opens none after', async () => {
    let ended = 0;
    stream.of('HAN').subscribe({ complete: () => ended++ });
    stream.of('HAN').subscribe({ complete: () => ended++ });
    stream.beforeApplicationShutdown();
    expect(ended).toBe(2);
    stream.of('SGN').subscribe({ complete: () => ended++ });
    expect(ended).toBe(3);
    await Promise.resolve();
  });
});
