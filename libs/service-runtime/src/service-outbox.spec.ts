import { Inject, Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EVENT_TRANSPORT, OUTBOX_RETENTION, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { EntityManager } from 'typeorm';
import { silentTransport, unitOfWorkOver } from '../../../test/support/unit-doubles';
import { ServiceOutbox } from './service-outbox';

@Injectable()
class SampleOutbox extends ServiceOutbox {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    super('sample', unitOfWork, transport);
  }
}

const isClaim = (sql: string) => sql.startsWith('WITH claimed');
const isPurge = (sql: string) => sql.startsWith('WITH purged');

/**
 * A database that lets the test answer purges (and VACUUMs), and the relay's claims (nothing
 * to send unless `claim` says otherwise).
 */
function databaseAnswering(
  purge: (sql: string, parameters: unknown[]) => Promise<unknown>,
  claim: () => unknown[] = () => [],
) {
  const statements: string[] = [];
  const em = {
    query: (text: string, parameters: unknown[] = []) => {
      const sql = text.replace(/\s+/g, ' ').trim();
      statements.push(sql);
      if (isClaim(sql)) return Promise.resolve(claim());
      return isPurge(sql) || sql.startsWith('VACUUM')
        ? purge(sql, parameters)
        : Promise.resolve([]);
    },
  } as unknown as EntityManager;
  return { unitOfWork: unitOfWorkOver(em), statements };
}

async function outboxOver(unitOfWork: UnitOfWork, keepSentMs: number): Promise<SampleOutbox> {
  const module = await Test.createTestingModule({
    providers: [
      SampleOutbox,
      { provide: UNIT_OF_WORK, useValue: unitOfWork },
      { provide: EVENT_TRANSPORT, useValue: silentTransport() },
      { provide: OUTBOX_RETENTION, useValue: { keepSentMs } },
    ],
  }).compile();
  return module.get(SampleOutbox);
}

const purges = (statements: readonly string[]) => statements.filter(isPurge);

describe('ServiceOutbox: retention of delivered rows', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('purges every 10 seconds at the retention it was given, then reclaims the space', async () => {
    const parameters: unknown[][] = [];
    const { unitOfWork, statements } = databaseAnswering((sql, given) => {
      if (isPurge(sql)) parameters.push(given);
      return Promise.resolve(isPurge(sql) ? [{ n: 3 }] : []);
    });
    const outbox = await outboxOver(unitOfWork, 5_000);
    outbox.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(9_999);
    expect(purges(statements)).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(parameters).toEqual([[5]]);
    expect(statements.at(-1)).toBe('VACUUM sample.outbox');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(parameters).toEqual([[5], [5]]);
    await outbox.onApplicationShutdown();
  });

  it('stops purging on shutdown, after the purge under way has ended', async () => {
    let finish!: () => void;
    const { unitOfWork, statements } = databaseAnswering(
      () =>
        new Promise((resolve) => {
          finish = () => {
            resolve([{ n: 0 }]);
          };
        }),
    );
    const outbox = await outboxOver(unitOfWork, 60_000);
    outbox.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(10_000);
    let stopped = false;
    const stopping = outbox.onApplicationShutdown().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(purges(statements)).toHaveLength(1);
    // Nothing was deleted: nothing to reclaim.
    expect(statements).not.toContain('VACUUM sample.outbox');
  });

  it('logs a purge that failed and tries again at the next one', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let attempts = 0;
    const { unitOfWork } = databaseAnswering((sql) => {
      if (!isPurge(sql)) return Promise.resolve([]);
      attempts += 1;
      return attempts === 1
        ? Promise.reject(new Error('database away'))
        : Promise.resolve([{ n: 0 }]);
    });
    const outbox = await outboxOver(unitOfWork, 60_000);
    outbox.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(20_000);
    expect(attempts).toBe(2);
    expect(warned).toHaveBeenCalledWith(expect.stringContaining('database away'));
    await outbox.onApplicationShutdown();
  });

  it('with a retention of 0, deletes rows as it sends them and reclaims their space', async () => {
    const row = { topic: 'sample.events', envelope: { key: 'P1' }, trace_context: null };
    const unsent = [row, row];
    const { unitOfWork, statements } = databaseAnswering(
      () => Promise.resolve([{ n: 0 }]),
      () => unsent.splice(0),
    );
    const outbox = await outboxOver(unitOfWork, 0);
    outbox.onApplicationBootstrap();
    await outbox.drain();
    expect(outbox.sent).toBe(2);
    const claims = statements.filter(isClaim);
    expect(claims[0]).toContain('DELETE FROM sample.outbox WHERE seq IN');
    expect(claims.join()).not.toContain('sent_at = now()');
    // The purge itself deletes nothing; the relay's deletions are what it reclaims.
    await jest.advanceTimersByTimeAsync(10_000);
    expect(statements.filter((s) => s === 'VACUUM sample.outbox')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(purges(statements)).toHaveLength(2);
    expect(statements.filter((s) => s === 'VACUUM sample.outbox')).toHaveLength(1);
    await outbox.onApplicationShutdown();
  });

  it('with a retention, marks rows sent and leaves them to the purge', async () => {
    const row = { topic: 'sample.events', envelope: { key: 'P1' }, trace_context: null };
    const unsent = [row];
    const { unitOfWork, statements } = databaseAnswering(
      () => Promise.resolve([{ n: 0 }]),
      () => unsent.splice(0),
    );
    const outbox = await outboxOver(unitOfWork, 60_000);
    await outbox.drain();
    expect(outbox.sent).toBe(1);
    expect(statements.filter(isClaim)[0]).toContain(
      'UPDATE sample.outbox SET sent_at = now() WHERE seq IN',
    );
    expect(statements.join()).not.toContain('DELETE FROM sample.outbox');
  });
});
