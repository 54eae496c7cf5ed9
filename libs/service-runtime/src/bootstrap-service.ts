import type { PersistenceUnit } from '@biogate/persistence';
import { ReferenceDataError } from '@biogate/reference-data';
import { describeDatabase } from '@biogate/persistence';
import { ServiceLog, ServiceMetrics } from '@biogate/observability';
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
 * stops taking requests, lets the relays finish their batch, then closes the database.
 */
export async function bootstrapService(service: ServiceProcess): Promise<void> {
  let opened;
  try {
    const env = readServiceEnvironment(process.env);
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
        describeDatabase(opened.database),
    );
    const platform = opened;
    const shutdown = (signal: string) => {
      log.logger.info(`${signal}: shutting down`);
      metricsServer?.close();
      void app
        .close()
        .then(() => platform.close())
        .then(() => {
          log.logger.info('stopped');
          log.flush();
        });
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
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
