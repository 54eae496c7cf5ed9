import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import {
  expected,
  InputRejectedError,
  QUEUES,
  QUEUES_OBSERVED,
  QueueReadingDto,
  TOPICS,
  type QueuesObservedV1,
} from '@biogate/contracts';
import type { Clock } from '@biogate/domain';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { assertAirportScope, CLOCK, type Principal } from '@biogate/service-runtime';
import { OperationsOutbox } from '../operations-outbox';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** `{ readings: [{ queue, length, waitSeconds }] }`: an airport's queue sensors, now. */
export class QueueReadingsRequestDto {
  @Type(() => QueueReadingDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true, ...expected('a queue reading { queue, length, waitSeconds }') })
  @ArrayMaxSize(QUEUES.length, expected(`at most ${QUEUES.length} readings, one per queue`))
  @ArrayMinSize(1, expected('at least one reading'))
  @IsArray(expected('an array of queue readings'))
  readings!: QueueReadingDto[];
}

export class RecordQueueReadingsCommand {
  constructor(
    readonly principal: Principal,
    readonly airport: string,
    readonly request: QueueReadingsRequestDto,
    readonly correlationId: string,
  ) {}
}

export interface QueueReadingsAccepted {
  readonly airport: string;
  readonly at: string;
  readonly readings: number;
}

/**
 * Queue sensors (or the live day, which plays them) report the queues of one airport; the
 * readings are stamped with the service clock's instant and announced (QueuesObserved), and
 * the console shows them from there, as it shows everything, from events.
 */
@CommandHandler(RecordQueueReadingsCommand)
export class RecordQueueReadingsHandler implements ICommandHandler<
  RecordQueueReadingsCommand,
  QueueReadingsAccepted
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: OperationsOutbox,
  ) {}

  async execute({
    principal,
    airport,
    request,
    correlationId,
  }: RecordQueueReadingsCommand): Promise<QueueReadingsAccepted> {
    assertAirportScope(principal, airport);
    const first = new Map<string, number>();
    request.readings.forEach((reading, index) => {
      const earlier = first.get(reading.queue);
      if (earlier !== undefined) {
        throw new InputRejectedError('invalid request body', [
          {
            path: `body.readings[${index}].queue`,
            message: `duplicate of readings[${earlier}] ("${reading.queue}"): one reading per queue`,
          },
        ]);
      }
      first.set(reading.queue, index);
    });
    const at = new Date(this.clock.now()).toISOString();
    const events = new EventStamp('operations', at, correlationId);
    await this.unitOfWork.transaction(async (em) => {
      await this.outbox.append(em, [
        {
          topic: TOPICS.operations,
          envelope: events.stamp<QueuesObservedV1>({
            ...QUEUES_OBSERVED,
            key: airport,
            payload: {
              airport,
              at,
              readings: request.readings.map(({ queue, length, waitSeconds }) => ({
                queue,
                length,
                waitSeconds,
              })),
            },
          }),
        },
      ]);
    });
    return { airport, at, readings: request.readings.length };
  }
}
