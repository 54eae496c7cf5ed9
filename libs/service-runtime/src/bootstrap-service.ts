import { Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readServiceEnvironment, ServiceEnvironmentError } from './service-environment';

export interface ServiceDescription {
  readonly name: string;
  readonly defaultPort: number;
}

/** sysexits.h EX_CONFIG: the configuration, not the code, is wrong. */
const EXIT_CONFIGURATION_ERROR = 78;

/** Starts one service as its own process: validated environment, graceful shutdown, HTTP. */
export async function bootstrapService(module: Type, service: ServiceDescription): Promise<void> {
  let env;
  try {
    env = readServiceEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof ServiceEnvironmentError)) throw error;
    process.stderr.write(`${service.name}: ${error.message}\n`);
    process.exitCode = EXIT_CONFIGURATION_ERROR;
    return;
  }
  const app = await NestFactory.create(module);
  app.enableShutdownHooks();
  const port = env.PORT ?? service.defaultPort;
  const host = env.HOST ?? '127.0.0.1';
  await app.listen(port, host);
  new Logger(service.name).log(`listening on http://${host}:${port}`);
}
