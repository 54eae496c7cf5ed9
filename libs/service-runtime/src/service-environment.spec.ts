import { readServiceEnvironment, ServiceEnvironmentError } from './service-environment';

describe('readServiceEnvironment', () => {
  it('accepts a kept state with its template and gallery keys', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const env = {
      BIOGATE_DATA_DIR: '/var/lib/biogate',
      BIOGATE_TEMPLATE_KEY: key,
      BIOGATE_GALLERY_KEY: key,
    };
    expect(readServiceEnvironment(env)).toEqual(env);
  });

  it('reads PORT and HOST', () => {
    expect(readServiceEnvironment({ PORT: '8080', HOST: '0.0.0.0' })).toEqual({
      PORT: 8080,
      HOST: '0.0.0.0',
    });
    expect(readServiceEnvironment({})).toEqual({});
  });

  it('reads the log level and format', () => {
    expect(
      readServiceEnvironment({ BIOGATE_LOG_LEVEL: 'warn', BIOGATE_LOG_FORMAT: 'pretty' }),
    ).toEqual({ BIOGATE_LOG_LEVEL: 'warn', BIOGATE_LOG_FORMAT: 'pretty' });
    expect(
      readServiceEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' }),
    ).toEqual({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' });
  });

  it('reads the Kafka fetch wait and session timeout as numbers', () => {
    expect(
      readServiceEnvironment({ KAFKA_FETCH_MAX_WAIT_MS: '20', KAFKA_SESSION_TIMEOUT_MS: '6000' }),
    ).toEqual({ KAFKA_FETCH_MAX_WAIT_MS: 20, KAFKA_SESSION_TIMEOUT_MS: 6000 });
  });

  it('reads the database pool size as a number', () => {
    expect(readServiceEnvironment({ DATABASE_POOL_SIZE: '3' })).toEqual({ DATABASE_POOL_SIZE: 3 });
  });

  it('reads the outbox retention in seconds, none being a choice', () => {
    expect(readServiceEnvironment({ BIOGATE_OUTBOX_RETENTION_SECONDS: '0' })).toEqual({
      BIOGATE_OUTBOX_RETENTION_SECONDS: 0,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: expected a TCP port from 1 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT: expected a TCP port from 1 to 65535, got 70000'],
    [{ PORT: '0' }, 'PORT: expected a TCP port from 1 to 65535, got 0'],
    [{ HOST: 'everywhere' }, 'HOST: expected an IP address to listen on'],
    [
      { DATABASE_URL: 'mysql://db/biogate' },
      'DATABASE_URL: expected a PostgreSQL connection string',
    ],
    [
      { DATABASE_POOL_SIZE: '1' },
      'DATABASE_POOL_SIZE: expected a number of connections from 2 to 100, got 1',
    ],
    [
      { DATABASE_POOL_SIZE: '101' },
      'DATABASE_POOL_SIZE: expected a number of connections from 2 to 100, got 101',
    ],
    [
      { DATABASE_POOL_SIZE: 'ten' },
      'DATABASE_POOL_SIZE: expected a number of connections from 2 to 100, got "ten"',
    ],
    [
      { KAFKA_BROKERS: 'kafka-1, kafka-2' },
      'KAFKA_BROKERS: expected Kafka brokers as host:port, comma-separated',
    ],
    [
      { BIOGATE_LOG_LEVEL: 'loud' },
      'BIOGATE_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      'OTEL_EXPORTER_OTLP_ENDPOINT: expected an http(s) URL of an OTLP collector',
    ],
    [{ BIOGATE_LOG_FORMAT: 'xml' }, 'BIOGATE_LOG_FORMAT: expected one of json, pretty, got "xml"'],
    [
      { KAFKA_FETCH_MAX_WAIT_MS: '0' },
      'KAFKA_FETCH_MAX_WAIT_MS: expected milliseconds from 1 to 10000, got 0',
    ],
    [
      { KAFKA_SESSION_TIMEOUT_MS: '5999' },
      'KAFKA_SESSION_TIMEOUT_MS: expected milliseconds from 6000 to 1800000, got 5999',
    ],
    [
      { KAFKA_SESSION_TIMEOUT_MS: '1800001' },
      'KAFKA_SESSION_TIMEOUT_MS: expected milliseconds from 6000 to 1800000, got 1800001',
    ],
    [
      { KAFKA_SESSION_TIMEOUT_MS: '10s' },
      'KAFKA_SESSION_TIMEOUT_MS: expected milliseconds from 6000 to 1800000, got "10s"',
    ],
    [
      { KAFKA_FETCH_MAX_WAIT_MS: 'soon' },
      'KAFKA_FETCH_MAX_WAIT_MS: expected milliseconds from 1 to 10000, got "soon"',
    ],
    [
      { BIOGATE_OUTBOX_RETENTION_SECONDS: '-1' },
      'BIOGATE_OUTBOX_RETENTION_SECONDS: expected a number of seconds from 0 to 604800 (a week), got "-1"',
    ],
    [
      { BIOGATE_OUTBOX_RETENTION_SECONDS: '604801' },
      'BIOGATE_OUTBOX_RETENTION_SECONDS: expected a number of seconds from 0 to 604800 (a week), got 604801',
    ],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => readServiceEnvironment(env)).toThrow(ServiceEnvironmentError);
    expect(() => readServiceEnvironment(env)).toThrow(message);
  });
});
