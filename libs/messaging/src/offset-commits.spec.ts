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
    commits.committed();
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
    commits.committed();
    expect(await settled(later.next)).toBe(true);
  });

  it('lets a cancelled wait go without its timer', async () => {
    const commits = new OffsetCommits();
    const wait = commits.nextOrAfter(20);
    wait.cancel();
    expect(jest.getTimerCount()).toBe(0);
    expect(await settled(wait.next)).toBe(true);
  });
});
