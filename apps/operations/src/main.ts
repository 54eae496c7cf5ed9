import 'reflect-metadata';
import { bootstrapService, ServiceEnvironmentError } from '@biogate/service-runtime';
import { ConsoleUpstreamsModule, readConsoleUpstreams } from './console/console-upstreams';
import { OperationsModule } from './operations.module';
import { operationsPersistence } from './persistence/operations-persistence';

/** sysexits.h EX_CONFIG, as the other services exit on a bad environment. */
const EXIT_CONFIGURATION_ERROR = 78;

function start(): void {
  let upstreams;
  try {
    upstreams = readConsoleUpstreams(process.env);
  } catch (error) {
    if (!(error instanceof ServiceEnvironmentError)) throw error;
    process.stderr.write(`operations: ${error.message}\n`);
    process.exitCode = EXIT_CONFIGURATION_ERROR;
    return;
  }
  void bootstrapService({
    name: 'operations',
    defaultPort: 3004,
    units: [operationsPersistence],
    modules: [
      OperationsModule,
      ...(upstreams === undefined ? [] : [ConsoleUpstreamsModule.forRoot(upstreams)]),
    ],
  });
}

start();
