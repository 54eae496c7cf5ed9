import { join } from 'node:path';
import {
  FaceModel,
  parseInstant,
  ShiftedClock,
  SimulatedPopulationRegister,
  type Clock,
} from '@biogate/domain';
import {
  DEFAULT_OUTBOX_RETENTION,
  DEFAULT_PROCESSED_EVENT_RETENTION,
  DeadLetterLog,
  IN_MEMORY_OUTBOX_RETENTION,
  IN_MEMORY_PROCESSED_EVENT_RETENTION,
  InProcessTransport,
  KafkaTransport,
  type DeadLetter,
  type EventTransport,
  type OutboxRetentionPolicy,
  type ProcessedEventRetentionPolicy,
} from '@biogate/messaging';
import { openDatabase, type DatabaseConfig, type PersistenceUnit } from '@biogate/persistence';
import {
  loadAirportRegistry,
  phasePolicyFor,
  readJsonFile,
  seedsDirectory,
} from '@biogate/reference-data';
import { ApiKeyRing, ApiKeysFileDto } from './api-keys';
import type { Platform } from './platform.module';
import type { ServiceEnvironment } from './service-environment';
import { GalleryCipher } from '@biogate/biometrics';
import { TemplateCipher } from '@biogate/biometrics';

export interface OpenPlatform {
  readonly platform: Platform;
  readonly database: DatabaseConfig;
  /** Closes what the platform opened; call after the application has stopped. */
  close(): Promise<void>;
}

export interface PlatformOptions {
  readonly env: ServiceEnvironment;
  readonly units: readonly PersistenceUnit[];
  readonly clock?: Clock;
  readonly seedsEnv?: NodeJS.ProcessEnv;
  /** Names this process to Kafka (the service name). */
  readonly clientId?: string;
}

const systemClock: Clock = { now: () => Date.now() };

/** The retention set, or the default for a database that someone can open and read, or not. */
export function outboxRetentionOf(
  env: ServiceEnvironment,
  database: DatabaseConfig,
): OutboxRetentionPolicy {
  if (env.BIOGATE_OUTBOX_RETENTION_SECONDS !== undefined)
    return { keepSentMs: env.BIOGATE_OUTBOX_RETENTION_SECONDS * 1000 };
  return inMemory(database) ? IN_MEMORY_OUTBOX_RETENTION : DEFAULT_OUTBOX_RETENTION;
}

/**
 * How long consumers remember the events they applied: for good, unless both the database and
 * the transport live and die with the process (no broker to redeliver an old event).
 */
export function processedEventRetentionOf(
  database: DatabaseConfig,
  transport: 'in-process' | 'kafka',
): ProcessedEventRetentionPolicy {
  return inMemory(database) && transport === 'in-process'
    ? IN_MEMORY_PROCESSED_EVENT_RETENTION
    : DEFAULT_PROCESSED_EVENT_RETENTION;
}

/** PGlite without a directory: a database in this process's memory, nobody else's. */
function inMemory(database: DatabaseConfig): boolean {
  return database.kind === 'pglite' && database.dataDir === undefined;
}

/**
 * Opens the infrastructure of one process from its validated environment: the database (PGlite
 * unless DATABASE_URL names a server), the transport (in-process until Kafka arrives with #4),
 * reference data, the policy, the API keys, the simulated identity and biometrics, and the
 * template cipher.
 */
export async function openPlatform(options: PlatformOptions): Promise<OpenPlatform> {
  const { env } = options;
  const seedsEnv = options.seedsEnv ?? process.env;
  const airports = loadAirportRegistry(
    join(seedsDirectory(seedsEnv), 'reference', 'airports.json'),
  );
  const policy = phasePolicyFor(airports);
  const keysFile =
    env.BIOGATE_API_KEYS_FILE ?? join(seedsDirectory(seedsEnv), 'demo', 'api-keys.json');
  const apiKeys = new ApiKeyRing(readJsonFile(keysFile, ApiKeysFileDto).keys);
  const database: DatabaseConfig =
    env.DATABASE_URL !== undefined
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          ...(env.DATABASE_POOL_SIZE === undefined ? {} : { poolSize: env.DATABASE_POOL_SIZE }),
        }
      : {
          kind: 'pglite',
          ...(env.BIOGATE_DATA_DIR === undefined ? {} : { dataDir: env.BIOGATE_DATA_DIR }),
        };
  const opened = await openDatabase(database, options.units);
  const deadLetters = new DeadLetterLog();
  const onDeadLetter = (letter: DeadLetter) => {
    deadLetters.record(letter);
  };
  const kafka =
    env.KAFKA_BROKERS === undefined
      ? undefined
      : new KafkaTransport({
          brokers: env.KAFKA_BROKERS.split(','),
          clientId: options.clientId ?? 'biogate',
          onDeadLetter,
          ...(env.KAFKA_FETCH_MAX_WAIT_MS === undefined
            ? {}
            : { fetchMaxWaitMs: env.KAFKA_FETCH_MAX_WAIT_MS }),
          ...(env.KAFKA_SESSION_TIMEOUT_MS === undefined
            ? {}
            : { sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS }),
        });
  const transport: EventTransport = kafka ?? new InProcessTransport({ onDeadLetter });
  return {
    database,
    platform: {
      unitOfWork: opened.unitOfWork,
      transport,
      deadLetters,
      clock: options.clock ?? clockFrom(env),
      policy,
      airports,
      apiKeys,
      faceModel: new FaceModel(),
      populationRegister: new SimulatedPopulationRegister(),
      // readServiceEnvironment demands a key whenever state outlives the process.
      templateCipher:
        env.BIOGATE_TEMPLATE_KEY === undefined
          ? TemplateCipher.ephemeral()
          : TemplateCipher.fromBase64(env.BIOGATE_TEMPLATE_KEY),
      retention: { retentionMs: (env.BIOGATE_TEMPLATE_RETENTION_HOURS ?? 24) * 3_600_000 },
      outboxRetention: outboxRetentionOf(env, database),
      processedEventRetention: processedEventRetentionOf(
        database,
        kafka === undefined ? 'in-process' : 'kafka',
      ),
      galleryCipher:
        env.BIOGATE_GALLERY_KEY === undefined
          ? GalleryCipher.ephemeral()
          : GalleryCipher.fromBase64(env.BIOGATE_GALLERY_KEY),
    },
    // After the application has stopped its relays and consumers: database, then producer.
    close: async () => {
      await opened.close();
      await kafka?.disconnect();
    },
  };
}

function clockFrom(env: ServiceEnvironment): Clock {
  const start =
    env.BIOGATE_CLOCK_START === undefined ? undefined : parseInstant(env.BIOGATE_CLOCK_START);
  return start === undefined ? systemClock : new ShiftedClock(start);
}
