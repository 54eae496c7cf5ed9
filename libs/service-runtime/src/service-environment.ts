import {
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsUrl,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { expected, formatInputError, IsInstant, validateInput } from '@biogate/contracts';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '@biogate/observability';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** The environment a service process reads at start-up, validated before anything opens. */
export class ServiceEnvironment {
  @IsOptional()
  @Max(65_535, expected('a TCP port from 1 to 65535'))
  @Min(1, expected('a TCP port from 1 to 65535'))
  @IsInt(expected('a TCP port from 1 to 65535'))
  PORT?: number;

  /** `/metrics` on this port (same HOST) instead of the API's: kept apart from the API's traffic. */
  @IsOptional()
  @Max(65_535, expected('a TCP port from 1 to 65535'))
  @Min(1, expected('a TCP port from 1 to 65535'))
  @IsInt(expected('a TCP port from 1 to 65535'))
  BIOGATE_METRICS_PORT?: number;

  /** Loopback by default; 0.0.0.0 inside a container. */
  @IsOptional()
  @IsIP(undefined, expected('an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0'))
  HOST?: string;

  /** A PostgreSQL server switches the process from the embedded PGlite to it. */
  @IsOptional()
  @Matches(
    /^postgres(ql)?:\/\/\S+$/,
    expected('a PostgreSQL connection string postgres://user@host:port/database'),
  )
  @IsString(expected('a PostgreSQL connection string'))
  DATABASE_URL?: string;

  /**
   * Connections to PostgreSQL this process keeps at most (default 10): the instances of every
   * service together must stay under the server's `max_connections`. Ignored without DATABASE_URL.
   * At least 2: at start-up one connection holds the migrations' lock while another runs them.
   */
  @IsOptional()
  @Max(100, expected('a number of connections from 2 to 100'))
  @Min(2, expected('a number of connections from 2 to 100'))
  @IsInt(expected('a number of connections from 2 to 100'))
  DATABASE_POOL_SIZE?: number;

  /** Kafka brokers, host:port,host:port: switches the process from in-process events to Kafka. */
  @IsOptional()
  @Matches(
    /^[^,\s:]+:\d{1,5}(,[^,\s:]+:\d{1,5})*$/,
    expected('Kafka brokers as host:port, comma-separated, e.g. kafka-1:9092,kafka-2:9092'),
  )
  @IsString(expected('Kafka brokers as host:port, comma-separated'))
  KAFKA_BROKERS?: string;

  /**
   * How long a consumer's fetch may wait for messages (default 100). A broker answers as soon as
   * one arrives; librdkafka's mock cluster only at the deadline, where this is each hop's latency.
   */
  @IsOptional()
  @Max(10_000, expected('milliseconds from 1 to 10000'))
  @Min(1, expected('milliseconds from 1 to 10000'))
  @IsInt(expected('milliseconds from 1 to 10000'))
  KAFKA_FETCH_MAX_WAIT_MS?: number;

  /**
   * How long a consumer group waits for a silent member before handing its partitions to the
   * others (default 30000): the failover time of an instance that dies. Within Kafka's default
   * broker bounds (group.min/max.session.timeout.ms), outside which a broker refuses the member.
   */
  @IsOptional()
  @Max(1_800_000, expected('milliseconds from 6000 to 1800000'))
  @Min(6_000, expected('milliseconds from 6000 to 1800000'))
  @IsInt(expected('milliseconds from 6000 to 1800000'))
  KAFKA_SESSION_TIMEOUT_MS?: number;

  /** Where PGlite keeps its files; in memory when absent. Ignored with DATABASE_URL. */
  @IsOptional()
  @MaxLength(4096, expected('a directory path'))
  @IsString(expected('a directory path'))
  BIOGATE_DATA_DIR?: string;

  @IsOptional()
  @MaxLength(4096, expected('a file path'))
  @IsString(expected('a file path'))
  BIOGATE_API_KEYS_FILE?: string;

  /** AES-256 key for face templates at rest, base64 of 32 bytes. */
  @IsOptional()
  @Matches(
    /^[A-Za-z0-9+/]{43}=$/,
    expected('the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`'),
  )
  @IsString(expected('the base64 of 32 random bytes'))
  BIOGATE_TEMPLATE_KEY?: string;

  /** AES-256 key wrapping the data keys of gallery entries (check-in and the gates), base64. */
  @IsOptional()
  @Matches(
    /^[A-Za-z0-9+/]{43}=$/,
    expected('the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`'),
  )
  @IsString(expected('the base64 of 32 random bytes'))
  BIOGATE_GALLERY_KEY?: string;

  /** Hours a template outlives the departure of the passenger's flight (domain.md §6). */
  @IsOptional()
  @Max(8760, expected('a number of hours from 0 to 8760'))
  @Min(0, expected('a number of hours from 0 to 8760'))
  @IsInt(expected('a number of hours from 0 to 8760'))
  BIOGATE_TEMPLATE_RETENTION_HOURS?: number;

  /**
   * Seconds an outbox keeps a row after its delivery (default 60): the topics hold the events;
   * the outbox only shows what a service published lately.
   */
  @IsOptional()
  @Max(604_800, expected('a number of seconds from 0 to 604800 (a week)'))
  @Min(0, expected('a number of seconds from 0 to 604800 (a week)'))
  @IsInt(expected('a number of seconds from 0 to 604800 (a week)'))
  BIOGATE_OUTBOX_RETENTION_SECONDS?: number;

  /** `info` by default: a line per request and per event handled. */
  @IsOptional()
  @IsIn(LOG_LEVELS, expected(`one of ${LOG_LEVELS.join(', ')}`))
  BIOGATE_LOG_LEVEL?: LogLevel;

  /** JSON lines by default; `pretty` when standard output is a terminal. */
  @IsOptional()
  @IsIn(LOG_FORMATS, expected(`one of ${LOG_FORMATS.join(', ')}`))
  BIOGATE_LOG_FORMAT?: LogFormat;

  /**
   * On SIGTERM, how long new requests are answered 503 (while those under way finish) before the
   * listener closes: time for a load balancer to take the instance out.
   */
  @IsOptional()
  @Max(60_000, expected('milliseconds from 0 to 60000'))
  @Min(0, expected('milliseconds from 0 to 60000'))
  @IsInt(expected('milliseconds from 0 to 60000'))
  BIOGATE_SHUTDOWN_GRACE_MS?: number;

  /** An OpenTelemetry collector (OTLP over HTTP): traces are exported there; none when unset. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    expected('an http(s) URL of an OTLP collector, e.g. http://otel-collector:4318'),
  )
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Start the service clock at this instant and let it run from there (demos, QA). */
  @IsOptional()
  @IsInstant()
  BIOGATE_CLOCK_START?: string;
}

export class ServiceEnvironmentError extends Error {
  constructor(problems: readonly string[]) {
    super(`invalid environment:\n  ${problems.join('\n  ')}`);
    this.name = 'ServiceEnvironmentError';
  }
}

const VARIABLES = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'BIOGATE_DATA_DIR',
  'KAFKA_BROKERS',
  'KAFKA_FETCH_MAX_WAIT_MS',
  'KAFKA_SESSION_TIMEOUT_MS',
  'BIOGATE_API_KEYS_FILE',
  'BIOGATE_TEMPLATE_KEY',
  'BIOGATE_GALLERY_KEY',
  'BIOGATE_CLOCK_START',
  'BIOGATE_TEMPLATE_RETENTION_HOURS',
  'BIOGATE_OUTBOX_RETENTION_SECONDS',
  'BIOGATE_METRICS_PORT',
  'BIOGATE_LOG_LEVEL',
  'BIOGATE_LOG_FORMAT',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'BIOGATE_SHUTDOWN_GRACE_MS',
] as const;

/** Variables that hold a whole number: read as numbers when written as digits. */
const NUMERIC: readonly string[] = [
  'PORT',
  'DATABASE_POOL_SIZE',
  'KAFKA_FETCH_MAX_WAIT_MS',
  'KAFKA_SESSION_TIMEOUT_MS',
  'BIOGATE_TEMPLATE_RETENTION_HOURS',
  'BIOGATE_OUTBOX_RETENTION_SECONDS',
  'BIOGATE_METRICS_PORT',
  'BIOGATE_SHUTDOWN_GRACE_MS',
];

/** Reads the service's variables from the environment; PORT must be written as digits. */
export function readServiceEnvironment(env: NodeJS.ProcessEnv): ServiceEnvironment {
  const raw: Record<string, unknown> = {};
  for (const name of VARIABLES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    raw[name] = NUMERIC.includes(name) && /^\d+$/.test(value) ? Number(value) : value;
  }
  const parsed = validateInput(ServiceEnvironment, raw, '');
  if (!parsed.ok) throw new ServiceEnvironmentError(parsed.errors.map(formatInputError));
  const keepsState =
    parsed.value.DATABASE_URL !== undefined || parsed.value.BIOGATE_DATA_DIR !== undefined;
  // A key made up at start-up would leave stored templates unreadable after a restart, and
  // separate processes could not read each other's gallery entries.
  const missing = (['BIOGATE_TEMPLATE_KEY', 'BIOGATE_GALLERY_KEY'] as const).filter(
    (name) => keepsState && parsed.value[name] === undefined,
  );
  if (missing.length > 0) {
    throw new ServiceEnvironmentError(
      missing.map(
        (name) =>
          `${name}: required when state outlives the process (DATABASE_URL or BIOGATE_DATA_DIR)`,
      ),
    );
  }
  return parsed.value;
}
