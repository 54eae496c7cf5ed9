import { FloatQueue, GrowableFloat64, IntQueue } from './growable';

describe('ring buffers', () => {
  it.each([
    ['IntQueue', () => new IntQueue(4)],
    ['FloatQueue', () => new FloatQueue(4)],
  ] as const)('%s keeps FIFO order while it wraps around and grows', (_name, make) => {
    const queue = make();
    const expected: number[] = [];
    const popped: number[] = [];
    let next = 0;
    // interleave pushes and shifts so that the head wraps before the buffer grows
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < (round % 7) + 1; i++) {
        queue.push(next);
        expected.push(next++);
      }
      for (let i = 0; i < round % 5 && queue.length > 0; i++) popped.push(queue.shift());
    }
    while (queue.length > 0) {
      expect(queue.peek()).toBe(expected[popped.length]);
      popped.push(queue.shift());
    }
    expect(queue.peek()).toBeUndefined();
    expect(popped).toEqual(expected);
  });

  it('GrowableFloat64 keeps every value and sorts a copy', () => {
    const values = new GrowableFloat64(2);
    [5, 1, 4, 2, 3].forEach((v) => {
      values.push(v);
    });
    expect(values.length).toBe(5);
    expect([...values.sorted()]).toEqual([1, 2, 3, 4, 5]);
  });
});
