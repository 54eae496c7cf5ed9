import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AcceptedEvents } from '@biogate/contracts';
import {
  EVENT_TRANSPORT,
  PROCESSED_EVENT_RETENTION,
  type EventTransport,
  type ProcessedEventRetentionPolicy,
} from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { EntityManager } from 'typeorm';
import { silentTransport, unitOfWorkOver } from '../../../test/support/unit-doubles';
import { ServiceEventConsumer } from './service-event-consumer';

@Injectable()
class SampleConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    super(
      'sample',
      'sample-reader',
      ['sample.events'],
      {} satisfies AcceptedEvents,
      unitOfWork,
      transport,
    );
  }

  protected apply(): Promise<void> {
    return Promise.resolve();
  }
}

const isForget = (sql: string) => sql.includes('DELETE FROM sample.processed_events');

/** A database that notes every statement and answers a purge with `forgotten` ids. */
function databaseForgetting(forgotten: number) {
  const statements: { sql: string; parameters: unknown[] }[] = [];
  const em = {
    query: (text: string, parameters: unknown[] = []) => {
      const sql = text.replace(/\s+/g, ' ').trim();
      statements.push({ sql, parameters });
      return Promise.resolve(isForget(sql) ? [{ n: forgotten }] : []);
    },
  } as unknown as EntityManager;
  return { unitOfWork: unitOfWorkOver(em), statements };
}

async function consumerOver(
  unitOfWork: UnitOfWork,
  retention: ProcessedEventRetentionPolicy | undefined,
): Promise<SampleConsumer> {
  const module = await Test.createTestingModule({
    providers: [
      SampleConsumer,
      { provide: UNIT_OF_WORK, useValue: unitOfWork },
      { provide: EVENT_TRANSPORT, useValue: silentTransport() },
      ...(retention === undefined
        ? []
        : [{ provide: PROCESSED_EVENT_RETENTION, useValue: retention }]),
    ],
  }).compile();
  return module.get(SampleConsumer);
}

describe('ServiceEventConsumer: the ids of the events it applied', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('with a retention, forgets its own ids past it every 30 s, then reclaims the space', async () => {
    const { unitOfWork, statements } = databaseForgetting(40);
    const consumer = await consumerOver(unitOfWork, { keepMs: 60_000 });
    consumer.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(29_999);
    expect(statements).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    const forgets = statements.filter((s) => isForget(s.sql));
    expect(forgets.map((s) => s.parameters)).toEqual([[60, 'sample-reader']]);
    expect(forgets[0]?.sql).toContain(
      'WHERE processed_at < now() - make_interval(secs => $1) AND consumer = $2',
    );
    expect(statements.at(-1)?.sql).toBe('VACUUM sample.processed_events');
    await consumer.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(statements.filter((s) => isForget(s.sql))).toHaveLength(1);
  });

  it('reclaims nothing when it forgot nothing', async () => {
    const { unitOfWork, statements } = databaseForgetting(0);
    const consumer = await consumerOver(unitOfWork, { keepMs: 60_000 });
    consumer.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(30_000);
    expect(statements.filter((s) => isForget(s.sql))).toHaveLength(1);
    expect(statements.map((s) => s.sql)).not.toContain('VACUUM sample.processed_events');
    await consumer.onApplicationShutdown();
  });

  it.each([
    ['no retention given', undefined],
    ['a retention for good', {}],
  ])('with %s, keeps every id', async (_, retention) => {
    const { unitOfWork, statements } = databaseForgetting(40);
    const consumer = await consumerOver(unitOfWork, retention);
    consumer.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(statements).toEqual([]);
    await consumer.onApplicationShutdown();
  });
});
