import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import {
  AirportOutageChangedPayloadDto,
  TemplateDeletedPayloadDto,
  type AcceptedEvents,
} from '@biogate/contracts';
import {
  EVENT_TRANSPORT,
  PROCESSED_EVENT_RETENTION,
  type EventTransport,
  type ProcessedEventRetentionPolicy,
} from '@biogate/messaging';
import { UNIT_OF_WORK, type RowsStatement, type UnitOfWork } from '@biogate/persistence';
import type { EntityManager } from 'typeorm';
import { silentTransport, unitOfWorkOver } from '../../../test/support/unit-doubles';
import { asRows, withStatements, type EventAppliers } from './event-appliers';
import { ServiceEventConsumer } from './service-event-consumer';

@Injectable()
class SampleConsumer extends ServiceEventConsumer {
  protected readonly appliers: EventAppliers = {};

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

/** A consumer of two types: a deleted template is rows alone, an outage runs a statement. */
class TwoTypeConsumer extends ServiceEventConsumer {
  committedWork = 0;

  constructor(
    unitOfWork: UnitOfWork,
    protected readonly appliers: EventAppliers,
    accepted: AcceptedEvents = {
      'TemplateDeleted@1': TemplateDeletedPayloadDto,
      'AirportOutageChanged@1': AirportOutageChangedPayloadDto,
    },
  ) {
    super('sample', 'sample-reader', ['sample.events'], accepted, unitOfWork, silentTransport());
  }
}

const FORGOTTEN: RowsStatement<{ templateId: string }> = {
  table: 'sample.forgotten',
  sql: (rows) => `INSERT INTO sample.forgotten SELECT * FROM jsonb_to_recordset(${rows})`,
};

const TWO_APPLIERS: EventAppliers = {
  TemplateDeleted: asRows((event, later, onCommit) => {
    later.add(FORGOTTEN, event.payload as { templateId: string });
    onCommit(() => undefined);
  }),
  AirportOutageChanged: withStatements(async (em) => {
    await em.query('UPDATE sample.outage SET in_force = true');
  }),
};

function messageOf(type: 'TemplateDeleted' | 'AirportOutageChanged') {
  const payload =
    type === 'TemplateDeleted'
      ? { templateId: randomUUID(), enrolmentId: randomUUID(), reason: 'CONSENT_WITHDRAWN' }
      : { airport: 'SGN', outage: 'KIOSK', inForce: true, at: '2025-12-01T00:00:00Z' };
  const value = JSON.stringify({
    eventId: randomUUID(),
    type,
    version: 1,
    occurredAt: '2025-12-01T00:00:00.000Z',
    producer: 'check-in',
    key: 'SGN',
    correlationId: randomUUID(),
    payload,
  });
  return { topic: 'sample.events', key: 'SGN', value };
}

/**
 * A database whose statements go through a query runner, as TypeORM's do (a batch of rows
 * alone runs its effects with the runner refusing statements), where no event was applied
 * before, and a unit of work that notes which kind of unit each batch took.
 */
function notingUnitOfWork() {
  const statements: string[] = [];
  const units: string[] = [];
  const runner = {
    query: (sql: string, parameters: unknown[] = []) => {
      statements.push(sql.replace(/\s+/g, ' ').trim());
      // Recording the batch's ids answers them all as new.
      const ids = sql.includes('RETURNING event_id') ? (parameters[1] as string[]) : [];
      return Promise.resolve(ids.map((id) => ({ event_id: id })));
    },
  };
  const em = {
    queryRunner: runner,
    query: (sql: string, parameters?: unknown[]) => runner.query(sql, parameters),
  } as unknown as EntityManager;
  const afterCommits: EntityManager[] = [];
  const unitOfWork: UnitOfWork = {
    transaction: (work) => {
      units.push('transaction');
      return work(em);
    },
    singleWrite: (work) => {
      units.push('single write');
      return work(em);
    },
    read: (work) => work(em),
    afterCommit: (on) => {
      afterCommits.push(on);
    },
    ownsDatabase: false,
  };
  return { unitOfWork, statements, units, afterCommits };
}

describe("ServiceEventConsumer: applying a batch by its types' appliers", () => {
  it('writes a batch of rows alone as one statement with its ids, without a transaction', async () => {
    const { unitOfWork, statements, units, afterCommits } = notingUnitOfWork();
    const consumer = new TwoTypeConsumer(unitOfWork, TWO_APPLIERS);
    await consumer.handleBatch([messageOf('TemplateDeleted'), messageOf('TemplateDeleted')]);
    expect(units).toEqual(['single write']);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('INSERT INTO sample.forgotten');
    expect(statements[0]).toContain('processed_events');
    // Each applier's work after the commit is handed to the unit of work.
    expect(afterCommits).toHaveLength(2);
  });

  it('applies a batch with an event that runs a statement in a transaction', async () => {
    const { unitOfWork, statements, units } = notingUnitOfWork();
    const consumer = new TwoTypeConsumer(unitOfWork, TWO_APPLIERS);
    await consumer.handleBatch([messageOf('TemplateDeleted'), messageOf('AirportOutageChanged')]);
    expect(units).toEqual(['transaction']);
    expect(statements).toContain('UPDATE sample.outage SET in_force = true');
    expect(statements.some((sql) => sql.includes('INSERT INTO sample.forgotten'))).toBe(true);
  });

  it.each([
    ['a type it reads has no applier', { TemplateDeleted: TWO_APPLIERS.TemplateDeleted }],
    [
      'an applier is for a type it does not read',
      { ...TWO_APPLIERS, BoardingChanged: TWO_APPLIERS.TemplateDeleted },
    ],
  ])('refuses to start when %s', (_, appliers) => {
    const { unitOfWork } = notingUnitOfWork();
    const consumer = new TwoTypeConsumer(unitOfWork, appliers as EventAppliers);
    expect(() => {
      consumer.onApplicationBootstrap();
    }).toThrow(/sample-reader reads AirportOutageChanged, TemplateDeleted but applies/);
  });
});
