import type { Server } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { SimulatedClock, type Instant } from '@biogate/domain';
import { readJsonFile, seedsDirectory } from '@biogate/reference-data';
import {
  ApiKeysFileDto,
  createServiceApplication,
  openPlatform,
  readServiceEnvironment,
  type OpenPlatform,
} from '@biogate/service-runtime';
import { DECIDING_SERVICES, EMBEDDED_SERVICES } from '../../../embedded/src/embedded-services';
import { memoryConnectionTo } from './memory-connection';
import { HttpScenarioTarget, type ScenarioTarget } from './scenario-target';

/** The three services of `npm start` in this process, fresh, on a simulated clock. */
export interface RunningEmbeddedServices {
  readonly url: string;
  /** The QA key of the embedded default's key file. */
  readonly apiKey: string;
  /** Their HTTP API with the QA key; the clock is moved in process, without a request. */
  readonly target: ScenarioTarget;
  close(): Promise<void>;
}

/**
 * The embedded services' API, over connections held in memory; their clock lives in this
 * process, so moving it needs no request (the live day moves it every simulated second).
 */
class EmbeddedScenarioTarget extends HttpScenarioTarget {
  constructor(
    url: string,
    apiKey: string,
    server: Server,
    private readonly clock: SimulatedClock,
  ) {
    super(url, apiKey, memoryConnectionTo(server));
  }

  override setClock(at: Instant): Promise<void> {
    this.clock.set(at);
    return Promise.resolve();
  }
}

export interface EmbeddedServicesOptions {
  /** The loopback port; a free one by default. */
  readonly port?: number;
  /**
   * With the operations service and its console (someone may watch). Without it the process
   * does less: nobody could open a console on a run that nobody can reach.
   */
  readonly console?: boolean;
}

/**
 * Starts the embedded services on an in-memory PGlite database and a loopback port, so a
 * scenario meets the same HTTP API, validation and event flow as with `--target`.
 */
export async function startEmbeddedServices(
  startAt: Instant,
  options: EmbeddedServicesOptions = {},
): Promise<RunningEmbeddedServices> {
  const services = options.console === true ? EMBEDDED_SERVICES : DECIDING_SERVICES;
  const env = readServiceEnvironment({});
  const keysFile = join(seedsDirectory(), 'demo', 'api-keys.json');
  const qaKey = readJsonFile(keysFile, ApiKeysFileDto).keys.find((key) => key.role === 'QA');
  if (!qaKey) throw new Error(`${keysFile} holds no QA key: replay needs one`);
  const clock = new SimulatedClock(startAt);
  let opened: OpenPlatform | undefined;
  let app: INestApplication | undefined;
  try {
    opened = await openPlatform({
      env: Object.assign(env, { BIOGATE_API_KEYS_FILE: keysFile }),
      units: services.units,
      clock,
    });
    app = await createServiceApplication(opened.platform, { ...services, log: false });
    await app.listen(options.port ?? 0, '127.0.0.1');
  } catch (error) {
    await app?.close();
    await opened?.close();
    throw error;
  }
  const platform = opened;
  const running = app;
  const url = await running.getUrl();
  return {
    url,
    apiKey: qaKey.key,
    target: new EmbeddedScenarioTarget(url, qaKey.key, running.getHttpServer() as Server, clock),
    close: async () => {
      await running.close();
      await platform.close();
    },
  };
}
