import { BatchCoalescer } from './batch-coalescer';
import type { TransportMessage } from './event-envelope';

const run = (key: string, ...values: string[]): TransportMessage[] =>
  values.map((value) => ({ topic: 't', key, value }));
const values = (messages: readonly TransportMessage[]) => messages.map((m) => m.value);

describe('BatchCoalescer', () => {
  it('joins the runs handed over at the same moment into one batch, each run in its order', async () => {
    const batches: string[][] = [];
    const coalescer = new BatchCoalescer((messages) => {
      batches.push(values(messages));
      return Promise.resolve();
    });
    await Promise.all([
      coalescer.submit(run('a', 'a1', 'a2')),
      coalescer.submit(run('b', 'b1')),
      coalescer.submit(run('c', 'c1', 'c2', 'c3')),
    ]);
    expect(batches).toEqual([['a1', 'a2', 'b1', 'c1', 'c2', 'c3']]);
  });

  it('takes runs that arrive while a batch is applied into the next batch', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const coalescer = new BatchCoalescer((messages) => {
      batches.push(values(messages));
      return batches.length === 1
        ? new Promise<void>((resolve) => {
            release = resolve;
          })
        : Promise.resolve();
    });
    const first = coalescer.submit(run('a', 'a1'));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [coalescer.submit(run('b', 'b1')), coalescer.submit(run('a', 'a2'))];
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['a1'], ['b1', 'a2']]);
  });

  it('refuses every run of a batch that failed, and goes on with the next', async () => {
    const coalescer = new BatchCoalescer((messages) =>
      values(messages).includes('poison') ? Promise.reject(new Error('poison')) : Promise.resolve(),
    );
    const outcomes = await Promise.allSettled([
      coalescer.submit(run('a', 'a1')),
      coalescer.submit(run('b', 'poison')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await expect(coalescer.submit(run('a', 'a2'))).resolves.toBeUndefined();
  });

  it('keeps a batch within its size, never splitting a run', async () => {
    const batches: string[][] = [];
    const coalescer = new BatchCoalescer((messages) => {
      batches.push(values(messages));
      return Promise.resolve();
    }, 3);
    await Promise.all([
      coalescer.submit(run('a', 'a1', 'a2')),
      coalescer.submit(run('b', 'b1', 'b2')),
      coalescer.submit(run('c', 'c1', 'c2', 'c3', 'c4')),
    ]);
    expect(batches).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2'],
      ['c1', 'c2', 'c3', 'c4'],
    ]);
  });
});
