import { DayPopulation, namedFlights, TRAIT } from './day-population';

const dayStart = Date.parse('2025-12-01T00:00:00+07:00');
const flights = namedFlights('SGN', '2025-12-01', dayStart, [
  { departure: 7 * 3600, international: false, passengers: 3 },
  { departure: 8 * 3600, international: true, passengers: 2 },
]);
const population = (airport: string, number: number) => {
  const p = new DayPopulation(airport, number, 2025, flights, 'seed');
  p.traits.set([TRAIT.EID, 0, TRAIT.EID | TRAIT.ENROLLED, TRAIT.EID, 0]);
  return p;
};

describe('a day population', () => {
  const sgn = population('SGN', 17);
  const han = population('HAN', 9);

  it('gives well-formed identities the services accept', () => {
    expect(sgn.document(0)).toEqual({ type: 'CITIZEN_ID_CARD', number: '001700000000' });
    expect(sgn.document(1)).toEqual({ type: 'PASSPORT', number: 'B01700000001' });
    expect(sgn.pnr(4)).toMatch(/^[A-Z0-9]{6}$/);
    expect(sgn.birthDate(3)).toMatch(/^(19|20)\d\d-\d\d-\d\d$/);
    // An impostor is someone with a well-formed number that is no passenger's.
    const impostor = sgn.capture(0, 'SECURITY', 0, {
      poorCapture: 0,
      impostor: 1,
      presentationAttack: 0,
    });
    expect(impostor.subject).toMatch(/^\d{12}$/);
    expect(impostor.subject).not.toBe(sgn.document(0).number);
  });

  it("keeps each airport's numbers and record locators its own", () => {
    for (let p = 0; p < 5; p++) {
      expect(han.document(p).number).not.toBe(sgn.document(p).number);
      expect(han.pnr(p)).not.toBe(sgn.pnr(p));
    }
  });

  it('draws the same face for the same passenger, step and hop, and captures by the rates', () => {
    const rates = { poorCapture: 0.5, impostor: 0, presentationAttack: 0 };
    expect(sgn.capture(2, 'BOARDING', 1, rates)).toEqual(sgn.capture(2, 'BOARDING', 1, rates));
    const all = { poorCapture: 0, impostor: 0, presentationAttack: 1 };
    expect(sgn.capture(2, 'BOARDING', 0, all)).toMatchObject({ presentationAttack: true });
    expect(sgn.enrolmentCapture(2)).toMatchObject({ quality: 'GOOD' });
    expect(sgn.enrolmentCapture(2).subject).toBeUndefined();
  });

  it('refuses an airport number that would not fit the document numbers', () => {
    expect(() => new DayPopulation('SGN', 1000, 2025, flights, 'seed')).toThrow(/0 to 999/);
  });
});
