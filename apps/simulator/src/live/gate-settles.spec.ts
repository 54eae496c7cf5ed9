import type { GateTouchpoint } from '../replay/scenario-target';
import { GateSettles } from './gate-settles';

/** Settles that end when the test says, each noted as it begins; writes answered as set. */
function settlesOnCue() {
  const begun: string[] = [];
  const ends: ((error?: Error) => void)[] = [];
  let answered = 0;
  const settles = new GateSettles(
    (gates) => {
      begun.push(gates.join('+'));
      return new Promise<void>((resolve, reject) =>
        ends.push((error) => {
          if (error) reject(error);
          else resolve();
        }),
      );
    },
    () => answered,
  );
  return {
    settles,
    begun,
    end: async (error?: Error) => {
      ends.shift()?.(error);
      await new Promise(setImmediate);
    },
    answer: (writes: number) => (answered = writes),
  };
}

const need = (gate: GateTouchpoint, write: number) => new Map([[gate, write]]);

describe('GateSettles: how far the writes have reached each gate', () => {
  it('asks nothing for writes a settle has covered, and a settle for those it has not', async () => {
    const { settles, begun, end, answer } = settlesOnCue();
    expect(await settles.until(new Map())).toEqual([]);
    answer(3);
    const first = settles.until(need('SECURITY', 3));
    expect(begun).toEqual(['SECURITY']);
    await end();
    await first;
    await settles.until(need('SECURITY', 2));
    expect(begun).toEqual(['SECURITY']);
    expect(settles.count).toBe(1);
  });

  it('a write answered after a settle began waits for the next, which all later needs join', async () => {
    const { settles, begun, end, answer } = settlesOnCue();
    answer(1);
    void settles.until(need('SECURITY', 1));
    answer(2);
    let second = false;
    void settles.until(need('SECURITY', 2)).then(() => (second = true));
    answer(5);
    void settles.until(need('SECURITY', 5));
    expect(begun).toEqual(['SECURITY']);
    await end();
    // The waiting settle began when the first ended, covering everything answered by then.
    expect(begun).toEqual(['SECURITY', 'SECURITY']);
    expect(second).toBe(false);
    await end();
    expect(second).toBe(true);
    await settles.until(need('SECURITY', 5));
    expect(settles.count).toBe(2);
  });

  it('settles the gates that need it together, and each gate apart from the other', async () => {
    const { settles, begun, end, answer } = settlesOnCue();
    answer(4);
    const both = settles.until(
      new Map<GateTouchpoint, number>([
        ['SECURITY', 4],
        ['BOARDING', 4],
      ]),
    );
    expect(begun).toEqual(['SECURITY+BOARDING']);
    await end();
    await both;
    answer(6);
    const boarding = settles.until(need('BOARDING', 6));
    expect(begun).toEqual(['SECURITY+BOARDING', 'BOARDING']);
    await end();
    await boarding;
  });

  it('hands a failed settle to every step that waits for it', async () => {
    const { settles, end, answer } = settlesOnCue();
    answer(1);
    const waiting = [settles.until(need('SECURITY', 1)), settles.until(need('SECURITY', 1))].map(
      (wait) =>
        wait.then(
          () => 'settled',
          (error: unknown) => (error as Error).message,
        ),
    );
    await end(new Error('security gate down'));
    expect(await Promise.all(waiting)).toEqual(['security gate down', 'security gate down']);
  });
});
