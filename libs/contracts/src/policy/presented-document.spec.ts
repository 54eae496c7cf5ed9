import { presentedDocument } from './presented-document';

describe('the document presented at a touchpoint', () => {
  it('keeps the expiry of a presented document only when one is given', () => {
    expect(presentedDocument({ type: 'PASSPORT', number: 'C1', expiresOn: null })).toEqual({
      type: 'PASSPORT',
      number: 'C1',
    });
    expect(presentedDocument({ type: 'PASSPORT', number: 'C1', expiresOn: '2030-01-01' })).toEqual({
      type: 'PASSPORT',
      number: 'C1',
      expiresOn: '2030-01-01',
    });
  });
});
