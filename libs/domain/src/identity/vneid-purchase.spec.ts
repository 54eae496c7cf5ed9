import { SimulatedPopulationRegister, type IdentityOverride } from './population-register';
import {
  vneidPurchaseRefusal,
  type TicketHolder,
  type VneidPurchaseRefusal,
} from './vneid-purchase';

const HOLDER: TicketHolder = {
  documentType: 'CITIZEN_ID_CARD',
  documentNumber: '079200001234',
  expiresOn: '2031-05-01',
  surname: 'NGUYEN',
  givenName: 'VAN AN',
  birthDate: '1990-02-03',
};
const ON_RECORD: IdentityOverride = {
  surname: 'NGUYEN',
  givenName: 'VAN AN',
  birthDate: '1990-02-03',
};
const PURCHASE_DATE = 20251120;

describe('a ticket purchase through VNeID', () => {
  it.each<[string, Partial<TicketHolder>, IdentityOverride, VneidPurchaseRefusal | undefined]>([
    ['a level-2 citizen whose identity matches the register', {}, ON_RECORD, undefined],
    [
      'an identity card holder, the register silent on names',
      { documentType: 'IDENTITY_CARD' },
      {},
      undefined,
    ],
    ['a VNeID account', { documentType: 'VNEID_ACCOUNT' }, ON_RECORD, undefined],
    [
      'a passport',
      { documentType: 'PASSPORT', documentNumber: 'C1234567' },
      ON_RECORD,
      'DOCUMENT_NOT_ELIGIBLE',
    ],
    [
      'a birth certificate',
      { documentType: 'OTHER_VALID', documentNumber: '45/2014' },
      {},
      'DOCUMENT_NOT_ELIGIBLE',
    ],
    ['an expired citizen ID card', { expiresOn: '2025-11-19' }, ON_RECORD, 'DOCUMENT_NOT_ELIGIBLE'],
    ['a card expiring that day', { expiresOn: '2025-11-20' }, ON_RECORD, undefined],
    ['a number not in the register', {}, { registered: false }, 'NOT_IN_POPULATION_REGISTER'],
    ['a level-1 account', {}, { ...ON_RECORD, vneidLevel: 1 }, 'VNEID_LEVEL_TOO_LOW'],
    ['no account', {}, { vneidLevel: 0 }, 'VNEID_LEVEL_TOO_LOW'],
    ['another surname', { surname: 'TRAN' }, ON_RECORD, 'IDENTITY_MISMATCH'],
    ['another given name', { givenName: 'VAN BINH' }, ON_RECORD, 'IDENTITY_MISMATCH'],
    ['another birth date', { birthDate: '1990-03-02' }, ON_RECORD, 'IDENTITY_MISMATCH'],
    [
      'the register checked before the names',
      { surname: 'TRAN' },
      { ...ON_RECORD, registered: false },
      'NOT_IN_POPULATION_REGISTER',
    ],
    [
      'the level checked before the names',
      { surname: 'TRAN' },
      { ...ON_RECORD, vneidLevel: 1 },
      'VNEID_LEVEL_TOO_LOW',
    ],
  ])('%s', (_label, holder, record, refusal) => {
    const register = new SimulatedPopulationRegister({ '079200001234': record });
    expect(vneidPurchaseRefusal({ ...HOLDER, ...holder }, register, PURCHASE_DATE)).toBe(refusal);
  });
});
