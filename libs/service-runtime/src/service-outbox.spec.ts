import { Inject, Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EVENT_TRANSPORT, OUTBOX_RETENTION, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { EntityManager } from 'typeorm';
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

/** A database that answers the relay's claims with nothing and lets the test answer purges. */
function databaseAnswering(purge: (sql: string, parameters: unknown[]) => Promise<unknown>) {
  const statements: string[] = [];
  const em = {
    query: (sql: string, parameters: unknown[] = []) => {
      statements.push(sql.replace(/\s+/g, ' ').trim());
      return sql.includes('DELETE') || sql.startsWith('VACUUM')
        ? purge(sql, parameters)
        : Promise.resolve([]);
    },
  } as unknown as EntityManager;
  const unitOfWork: UnitOfWork = {
    transaction: (work) => work(em),
    read: (work) => work(em),
    afterCommit: () => undefined,
    ownsDatabase: true,
  };
  return { unitOfWork, statements };
}

async function outboxOver(unitOfWork: UnitOfWork, keepSentMs: number): Promise<SampleOutbox> {
  const transport: EventTransport = {
    publish: () => Promise.resolve(),
    subscribe: () => ({ close: () => Promise.resolve() }),
  };
  const module = await Test.createTestingModule({
    providers: [
      SampleOutbox,
      { provide: UNIT_OF_WORK, useValue: unitOfWork },
      { provide: EVENT_TRANSPORT, useValue: transport },
      { provide: OUTBOX_RETENTION, useValue: { keepSentMs } },
    ],
  }).compile();
  return module.get(SampleOutbox);
}

const purges = (statements: readonly string[]) => statements.filter((s) => s.includes('DELETE'));

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
      if (sql.includes('DELETE')) parameters.push(given);
      return Promise.resolve(sql.includes('DELETE') ? [{ n: 3 }] : []);
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
      if (!sql.includes('DELETE')) return Promise.resolve([]);
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
});
