import { FlightCheckInCounts } from './flight-check-in-counts';

/** A write that takes a while, so that the check-ins overlap. */
const written = (sequence: number) =>
  new Promise<number>((resolve) => {
    setTimeout(() => {
      resolve(sequence);
    }, 5);
  });

describe('FlightCheckInCounts', () => {
  it('gives check-ins that read the same count the next numbers, one write at a time', async () => {
    const counts = new FlightCheckInCounts();
    let writing = 0;
    let most = 0;
    const issue = async (sequence: number) => {
      most = Math.max(most, ++writing);
      await written(sequence);
      writing--;
      return sequence;
    };
    const sequences = await Promise.all(
      Array.from({ length: 5 }, () => counts.next('F1', 10, issue)),
    );
    expect(sequences).toEqual([11, 12, 13, 14, 15]);
    expect(most).toBe(1);
  });

  it('takes no number for a check-in whose write failed', async () => {
    const counts = new FlightCheckInCounts();
    const failed = counts.next('F1', 0, () => Promise.reject(new Error('taken elsewhere')));
    const next = counts.next('F1', 0, written);
    await expect(failed).rejects.toThrow('taken elsewhere');
    expect(await next).toBe(1);
  });

  it('follows a count read higher than its own, and numbers taken under the lock', async () => {
    const counts = new FlightCheckInCounts();
    expect(await counts.next('F1', 0, written)).toBe(1);
    // Another process took 2-7.
    expect(await counts.next('F1', 7, written)).toBe(8);
    counts.taken('F1', 9);
    expect(await counts.next('F1', 7, written)).toBe(10);
    // Each flight counts on its own.
    expect(await counts.next('F2', 0, written)).toBe(1);
  });
});
