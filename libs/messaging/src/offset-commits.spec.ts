import { OffsetCommits } from './offset-commits';

describe('OffsetCommits', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    return done;
  };

  it('wakes every wait at the next commit, before its deadline', async () => {
    const commits = new OffsetCommits();
    const first = commits.nextOrAfter(20);
    const second = commits.nextOrAfter(20);
    expect(await settled(first.next)).toBe(false);
    commits.committed('security-gate', []);
    expect([await settled(first.next), await settled(second.next)]).toEqual([true, true]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('ends a wait at its deadline when nothing commits, and forgets it', async () => {
    const commits = new OffsetCommits();
    const wait = commits.nextOrAfter(20);
    jest.advanceTimersByTime(19);
    expect(await settled(wait.next)).toBe(false);
    jest.advanceTimersByTime(1);
    expect(await settled(wait.next)).toBe(true);
    // A commit after that wakes the waits armed since.
    const later = commits.nextOrAfter(20);
    commits.committed('security-gate', []);
    expect(await settled(later.next)).toBe(true);
  });

  it('lets a cancelled wait go without its timer', async () => {
    const commits = new OffsetCommits();
    const wait = commits.nextOrAfter(20);
    wait.cancel();
    expect(jest.getTimerCount()).toBe(0);
    expect(await settled(wait.next)).toBe(true);
  });

  it("keeps each group's highest committed offset per partition, whatever order the answers come in", () => {
    const commits = new OffsetCommits();
    commits.committed('security-gate', [
      {
        topic: 'journey',
        partitions: [
          { partition: 0, offset: '7' },
          { partition: 3, offset: '2' },
        ],
      },
    ]);
    // An older commit answered late, and another group's commit of the same partition.
    commits.committed('security-gate', [
      { topic: 'journey', partitions: [{ partition: 0, offset: '5' }] },
    ]);
    commits.committed('boarding-gate', [
      { topic: 'journey', partitions: [{ partition: 0, offset: '1' }] },
    ]);
    expect(commits.committedHere('security-gate', 'journey/0')).toBe(7);
    expect(commits.committedHere('security-gate', 'journey/3')).toBe(2);
    expect(commits.committedHere('boarding-gate', 'journey/0')).toBe(1);
    expect(commits.committedHere('security-gate', 'journey/1')).toBe(-1);
    expect(commits.committedHere('checkin-journey', 'journey/0')).toBe(-1);
  });

  it('knows which partitions the member here holds, from its last join until it leaves', () => {
    const commits = new OffsetCommits();
    expect(commits.holds('security-gate', 'journey/0')).toBe(false);
    commits.assigned('security-gate', { journey: [0, 2], gallery: [1] });
    expect(
      ['journey/0', 'journey/1', 'journey/2', 'gallery/1'].map((key) =>
        commits.holds('security-gate', key),
      ),
    ).toEqual([true, false, true, true]);
    expect(commits.holds('boarding-gate', 'journey/0')).toBe(false);
    commits.assigned('security-gate', {});
    expect(commits.holds('security-gate', 'journey/0')).toBe(false);
  });
});
