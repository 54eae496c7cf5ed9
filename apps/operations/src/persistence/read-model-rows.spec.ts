import type { EntityManager } from 'typeorm';
import { DeferredRows, type RowsStatement } from '@biogate/persistence';
import {
  BOARDING_CHANGES,
  BOOKED_FLIGHTS,
  PASSENGER_PROGRESS,
  QUEUE_QUARTERS,
  QUEUE_READINGS,
  STEP_TALLIES,
} from './read-model-rows';

/** The rows one flush sends to the database: the JSON parameter of the kind's statement. */
async function written<Row>(statement: RowsStatement<Row>, rows: readonly Row[]): Promise<unknown> {
  const sent: unknown[] = [];
  const em = {
    query: (_sql: string, parameters: unknown[]) => {
      sent.push(JSON.parse(parameters[0] as string));
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  const later = new DeferredRows();
  for (const row of rows) later.add(statement, row);
  await later.flush(em);
  expect(sent).toHaveLength(1);
  return sent[0];
}

const FLIGHT = { airport: 'SGN', carrier: 'VN', number: '213', date: '2025-12-01' };
const PASSENGER = { passengerId: '5b0f3c4e-0c4a-4a57-9d1e-0a1b2c3d4e5f', ...FLIGHT };
const TALLY = {
  airport: 'SGN',
  quarter: '2025-12-01T00:30:00.000Z',
  touchpoint: 'SECURITY',
  point: 'AUTOMATED',
  outcome: 'ALLOWED',
  reason: 'OK',
  redirectTo: '',
};

describe('the read model rows of one batch, as the statements in turn would leave them', () => {
  it('keeps the first booking of a flight (a later one changes nothing)', async () => {
    expect(
      await written(BOOKED_FLIGHTS, [
        { ...FLIGHT, destination: 'HAN', departureAt: '2025-12-01T09:00:00+07:00' },
        { ...FLIGHT, destination: 'DAD', departureAt: '2025-12-01T10:00:00+07:00' },
      ]),
    ).toEqual([{ ...FLIGHT, destination: 'HAN', departureAt: '2025-12-01T09:00:00+07:00' }]);
  });

  it.each([
    ['the later change', '07:40', '07:45', 'CLOSED'],
    ['the later change, though it came first', '07:45', '07:40', 'OPEN'],
    ['the one that came later, of two at one instant', '07:40', '07:40', 'CLOSED'],
  ])('keeps %s of a flight’s boarding', async (_case, openAt, closeAt, kept) => {
    const change = (state: string, time: string) => ({
      ...FLIGHT,
      gate: '12',
      state,
      at: `2025-12-01T${time}:00+07:00`,
    });
    const rows = (await written(BOARDING_CHANGES, [
      change('OPEN', openAt),
      change('CLOSED', closeAt),
    ])) as { state: string }[];
    expect(rows.map((row) => row.state)).toEqual([kept]);
  });

  it('adds up the tallies of one kind and keeps the others apart', async () => {
    expect(
      await written(STEP_TALLIES, [
        { ...TALLY, presentations: 1, compared: 1, matched: 1 },
        { ...TALLY, outcome: 'REDIRECTED', presentations: 1, compared: 1, matched: 0 },
        { ...TALLY, presentations: 1, compared: 1, matched: 0 },
      ]),
    ).toEqual([
      { ...TALLY, presentations: 2, compared: 2, matched: 1 },
      { ...TALLY, outcome: 'REDIRECTED', presentations: 1, compared: 1, matched: 0 },
    ]);
  });

  it("gathers a passenger's touchpoints into one row, the later step of one touchpoint winning", async () => {
    const checkIn = { at: '2025-12-01T00:10:00.000Z', channel: 'KIOSK', seat: '1A', bcbp: 'M1' };
    expect(
      await written(PASSENGER_PROGRESS, [
        { ...PASSENGER, checkIn },
        { ...PASSENGER, security: { at: '2025-12-01T00:20:00.000Z', lane: 'MANUAL' } },
        { ...PASSENGER, security: { at: '2025-12-01T00:21:00.000Z', lane: 'AUTOMATED' } },
      ]),
    ).toEqual([
      {
        ...PASSENGER,
        checkedInAt: checkIn.at,
        checkInChannel: 'KIOSK',
        seat: '1A',
        bcbp: 'M1',
        clearedAt: '2025-12-01T00:21:00.000Z',
        securityLane: 'AUTOMATED',
        boardedAt: null,
        boardingLane: null,
      },
    ]);
  });

  it("keeps a queue's latest reading, and each quarter's worst length and wait", async () => {
    const reading = (time: string, length: number, waitSeconds: number) => ({
      airport: 'SGN',
      queue: 'CHECK_IN_KIOSK',
      at: `2025-12-01T07:${time}:00+07:00`,
      length,
      waitSeconds,
    });
    expect(
      await written(QUEUE_READINGS, [reading('31', 40, 900), reading('30', 42, 1500)]),
    ).toEqual([reading('31', 40, 900)]);
    const worst = (maxLength: number, maxWaitSeconds: number) => ({
      airport: 'SGN',
      quarter: '2025-12-01T00:30:00.000Z',
      queue: 'CHECK_IN_KIOSK',
      maxLength,
      maxWaitSeconds,
    });
    expect(await written(QUEUE_QUARTERS, [worst(40, 1500), worst(42, 900)])).toEqual([
      worst(42, 1500),
    ]);
  });
});
