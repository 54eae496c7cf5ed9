import { ApiPathParam, PATH_PARAMS } from './path-param.pipe';
import { ApiQueryFrom } from './dto-json-schemas';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Param,
  Post,
  Put,
  Query,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { IsBoolean, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import {
  ConflictError,
  expected,
  IsInstant,
  IsLocalDate,
  OptionalField,
  TICKET_NAME,
  TICKET_NAME_EXPECTED,
} from '@biogate/contracts';
import {
  isSettableClock,
  parseInstant,
  SimulatedPopulationRegister,
  type Clock,
  type IdentityOverride,
  type Instant,
  type PopulationRegister,
} from '@biogate/domain';
import { DeadLetterLog, EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { AllowRoles } from './access-control';
import { CLOCK, POPULATION_REGISTER } from './platform-tokens';
import { ServiceOutbox } from './service-outbox';

/**
 * Brings the process to rest: every outbox delivered, every consumer caught up.
 * Rounds repeat because consumers write events of their own (a gate decision becomes a journey
 * step at check-in); the process is at rest after a round in which nothing was delivered.
 */
@Injectable()
export class ServiceQuiescence implements OnApplicationBootstrap {
  private outboxes: readonly ServiceOutbox[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
  ) {}

  /** The process's outboxes are fixed once the modules are built: look them up once. */
  onApplicationBootstrap(): void {
    this.outboxes = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is ServiceOutbox => instance instanceof ServiceOutbox);
  }

  /**
   * Each round first waits for the consumers (in process: every group caught up; over Kafka:
   * this process's groups have committed what their topics held), then delivers the outboxes.
   * A round that delivered nothing, by its drain or by a relay's own loop, found the consumers
   * at rest and left nothing for them: settled. Ten rounds at most, so that a settle under a
   * steady stream of writes ends.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
      const before = this.delivered();
      await this.transport.idle?.();
      for (const outbox of this.outboxes) await outbox.drain();
      if (this.delivered() === before) return;
    }
  }

  /** What this process has written is on the topics: its outboxes delivered, once. */
  async published(): Promise<void> {
    for (const outbox of this.outboxes) await outbox.drain();
  }

  /** This process's consumers have applied what their topics held when asked. */
  async caughtUp(): Promise<void> {
    await this.transport.idle?.();
  }

  private delivered(): number {
    return this.outboxes.reduce((sum, outbox) => sum + outbox.sent, 0);
  }
}

const MAX_SETTLE_ROUNDS = 10;

/**
 * How far a settle goes. REST: this process at rest (its outboxes delivered and its consumers
 * caught up, again until nothing moves). A caller that knows which services its next step waits
 * on asks each only its half: PUBLISHED of the services that wrote, CAUGHT_UP of those that must
 * have read it (a live day's gate step waits on check-in's writes reaching one gate).
 */
export const SETTLE_UNTIL = ['REST', 'PUBLISHED', 'CAUGHT_UP'] as const;
export type SettleUntil = (typeof SETTLE_UNTIL)[number];

export class SettleQueryDto {
  @OptionalField()
  @IsIn(SETTLE_UNTIL, expected(`one of ${SETTLE_UNTIL.join(', ')}`))
  until?: SettleUntil;
}

export class ClockSettingDto {
  @IsInstant()
  at!: string;
}

/** What the population register says of an identity, as QA may set it (scenarios too). */
export class RegisterFactsDto {
  /** false: the number is not in the population register. */
  @OptionalField()
  @IsBoolean(expected('true or false'))
  registered?: boolean;

  @OptionalField()
  @IsIn([0, 1, 2], expected('a VNeID account level: 0, 1 or 2'))
  vneidLevel?: 0 | 1 | 2;

  /** The name and birth date on record: a VNeID ticket purchase must match them. */
  @OptionalField()
  @Matches(TICKET_NAME, expected(TICKET_NAME_EXPECTED))
  @MaxLength(30, expected(TICKET_NAME_EXPECTED))
  @IsString(expected(TICKET_NAME_EXPECTED))
  surname?: string;

  @OptionalField()
  @Matches(TICKET_NAME, expected(TICKET_NAME_EXPECTED))
  @MaxLength(30, expected(TICKET_NAME_EXPECTED))
  @IsString(expected(TICKET_NAME_EXPECTED))
  givenName?: string;

  @OptionalField()
  @IsLocalDate()
  birthDate?: string;
}

export class IdentityOverrideDto extends RegisterFactsDto {
  /** Whose face is on the chip photo: another person's number makes enrolment a mismatch. */
  @OptionalField()
  @MaxLength(64, expected('a face seed of at most 64 characters'))
  @IsString(expected('a face seed string'))
  chipPhotoSeed?: string;
}

/**
 * What scenario replay needs from a running service (QA only): move a settable clock, wait for
 * events to settle, and shape the simulated population register. A service on the wall clock
 * refuses to move it (409): only one started with BIOGATE_CLOCK_START is a test service.
 */
@Controller('v1/maintenance')
export class ScenarioControlController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POPULATION_REGISTER) private readonly register: PopulationRegister,
    private readonly quiescence: ServiceQuiescence,
    private readonly deadLetters: DeadLetterLog,
  ) {}

  /** Messages this process's consumers dead-lettered since it started, by topic. */
  @Get('dead-letters')
  @AllowRoles('QA')
  deadLettered(): { total: number; byTopic: Readonly<Record<string, number>> } {
    return this.deadLetters.counts();
  }

  @Get('clock')
  @AllowRoles('QA')
  readClock(): { now: string; settable: boolean } {
    return { now: new Date(this.clock.now()).toISOString(), settable: isSettableClock(this.clock) };
  }

  @Put('clock')
  @AllowRoles('QA')
  setClock(@Body() body: ClockSettingDto): { now: string } {
    const at = parseInstant(body.at);
    if (at !== undefined) moveQaClock(this.clock, at); // the DTO has checked it parses
    return { now: new Date(this.clock.now()).toISOString() };
  }

  @Post('settle')
  @HttpCode(200)
  @AllowRoles('QA')
  @ApiQueryFrom(SettleQueryDto)
  async settle(@Query() query: SettleQueryDto): Promise<{ settled: SettleUntil }> {
    const until = query.until ?? 'REST';
    if (until === 'PUBLISHED') await this.quiescence.published();
    else if (until === 'CAUGHT_UP') await this.quiescence.caughtUp();
    else await this.quiescence.settle();
    return { settled: until };
  }

  @Put('population-register/:personalIdNumber')
  @ApiPathParam('personalIdNumber', 'personalIdNumber')
  @AllowRoles('QA')
  overrideIdentity(
    @Param('personalIdNumber', PATH_PARAMS.personalIdNumber()) personalIdNumber: string,
    @Body() body: IdentityOverrideDto,
  ): { personalIdNumber: string } {
    if (!(this.register instanceof SimulatedPopulationRegister)) {
      throw new ConflictError('this service uses a real population register');
    }
    this.register.override(personalIdNumber, registerFacts(body));
    return { personalIdNumber };
  }
}

/**
 * Moves the clock as QA asks (`PUT /v1/maintenance/clock`, or the `x-qa-clock` header): only a
 * service started with BIOGATE_CLOCK_START is a test service; one on the wall clock refuses (409).
 */
export function moveQaClock(clock: Clock, at: Instant): void {
  if (!isSettableClock(clock)) {
    throw new ConflictError(
      'this service runs on the wall clock; start it with BIOGATE_CLOCK_START to let QA move its clock',
    );
  }
  clock.set(at);
}

/** The facts a QA override or a scenario sets, as the register takes them (absent: unchanged). */
export function registerFacts(dto: IdentityOverrideDto): IdentityOverride {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
}
