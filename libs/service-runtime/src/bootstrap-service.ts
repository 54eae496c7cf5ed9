import type { PersistenceUnit } from '@biogate/persistence';
import { ReferenceDataError } from '@biogate/reference-data';
import { describeDatabase } from '@biogate/persistence';
import {
  ServiceLog,
  ServiceMetrics,
  startTracing,
  type ServiceTracing,
} from '@biogate/observability';
import { ConnectionDrain } from './connection-drain';
import { openPlatform } from './platform-factory';
import { serveMetrics } from './service-metrics.http';
import { createServiceApplication, type ServiceApplicationOptions } from './service-application';
import { readServiceEnvironment, ServiceEnvironmentError } from './service-environment';

export interface ServiceProcess extends ServiceApplicationOptions {
  readonly defaultPort: number;
  readonly units: readonly PersistenceUnit[];
}

/** sysexits.h EX_CONFIG: the configuration, not the code, is wrong. */
const EXIT_CONFIGURATION_ERROR = 78;

/**
 * Runs services as a process: validated environment, platform, HTTP. On SIGTERM or SIGINT it
 * refuses new requests (503) for a grace period while those under way finish, closes HTTP, stops
 * its consumers, delivers its outboxes, then closes the database.
 */
export async function bootstrapService(service: ServiceProcess): Promise<void> {
  let opened;
  let tracing: ServiceTracing | undefined;
  try {
    const env = readServiceEnvironment(process.env);
    // Before the application is built: its HTTP edge and buses trace only if tracing runs.
    if (env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined) tracing = startTracing(service.name);
    opened = await openPlatform({ env, units: service.units, clientId: service.name });
    const metricsPort = env.BIOGATE_METRICS_PORT;
    const app = await createServiceApplication(opened.platform, {
      ...service,
      metricsOnOwnPort: metricsPort !== undefined,
      log: {
        level: env.BIOGATE_LOG_LEVEL ?? 'info',
        format: env.BIOGATE_LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
      },
    });
    const log = app.get(ServiceLog);
    const port = env.PORT ?? service.defaultPort;
    const host = env.HOST ?? '127.0.0.1';
    await app.listen(port, host);
    const metricsServer =
      metricsPort === undefined
        ? undefined
        : await serveMetrics(app.get(ServiceMetrics), metricsPort, host);
    log.logger.info(
      `listening on http://${host}:${port} (API docs at /docs, metrics at ` +
        `${metricsPort === undefined ? '/metrics' : `http://${host}:${metricsPort}/metrics`}), ` +
        describeDatabase(opened.database) +
        (env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined
          ? ''
          : `, traces to ${env.OTEL_EXPORTER_OTLP_ENDPOINT}`),
    );
    const platform = opened;
    const graceMs = env.BIOGATE_SHUTDOWN_GRACE_MS ?? 1_000;
    const shutdown = async (signal: string) => {
      log.logger.info(`${signal}: shutting down (new requests refused for ${graceMs} ms)`);
      app.get(ConnectionDrain).refuseNewRequests();
      await new Promise((resolve) => setTimeout(resolve, graceMs));
      metricsServer?.close();
      // Nest: HTTP closes once its requests are answered, then consumers stop, the outboxes drain.
      await app.close();
      await platform.close();
      await tracing?.stop();
      log.logger.info('stopped');
      log.flush();
    };
    const onSignal = (signal: string) => {
      shutdown(signal).catch((error: unknown) => {
        log.logger.error({ err: error }, 'shutdown failed');
        log.flush();
        process.exitCode = 1;
      });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  } catch (error) {
    if (error instanceof ServiceEnvironmentError || error instanceof ReferenceDataError) {
      process.stderr.write(`${service.name}: ${error.message}\n`);
      process.exitCode = EXIT_CONFIGURATION_ERROR;
      await opened?.close();
      return;
    }
    throw error;
  }
}
