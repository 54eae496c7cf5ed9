import { RememberedEntries } from './remembered-entries';

describe('RememberedEntries', () => {
  it('forgets the oldest past its limit, and keeps all when a known key changes', () => {
    const remembered = new RememberedEntries<string, number>(2);
    remembered.set('a', 1);
    remembered.set('b', 2);
    remembered.set('a', 3);
    expect([remembered.get('a'), remembered.get('b')]).toEqual([3, 2]);
    remembered.set('c', 4);
    expect([remembered.get('a'), remembered.get('b'), remembered.get('c')]).toEqual([
      undefined,
      2,
      4,
    ]);
  });
});
