import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Instant } from '@biogate/domain';
import { QA_CLOCK_HEADER } from '@biogate/service-runtime';

export interface ServiceResponse {
  readonly status: number;
  readonly body: unknown;
}

/** What the population register should say about one identity during a scenario. */
export type { IdentityOverride } from '@biogate/domain';
import type { IdentityOverride } from '@biogate/domain';

/** Where a scenario runs: the services' HTTP API, plus the QA controls a replay needs. */
export interface ScenarioTarget {
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    /** The instant the service decides the request at: its clock moves with the request. */
    at?: Instant,
  ): Promise<ServiceResponse>;
  setClock(at: Instant): Promise<void>;
  /**
   * The clock a call to `path` moves, where each service keeps its own (distributed: the service
   * that owns the path); null where the service decides the call at the instant it carries
   * whatever its clock says (a booking, an enrolment, a check-in, a security presentation);
   * absent where one clock serves them all.
   * Calls on different clocks, or on none, may be decided at different instants at the same time.
   */
  clockOf?(path: string): string | null;
  /**
   * Waits until the events written so far have reached every service; with `gates`, only until
   * they have reached those gates (what a step there may depend on), where the target can tell.
   */
  settle(gates?: readonly GateTouchpoint[]): Promise<void>;
  /** Messages the services' consumers have dead-lettered since they started. */
  deadLetters(): Promise<number>;
  /**
   * Runs the services' template purge at `at` (their clocks move there): what each holder
   * deleted, and the retention the services keep templates for after departure.
   */
  purgeTemplates(at: Instant): Promise<TemplatePurgeReport>;
  overrideIdentity(personalIdNumber: string, override: IdentityOverride): Promise<void>;
}

/** What a template purge deleted, by the service holding the templates. */
export interface TemplatePurgeReport {
  readonly retentionHours: number;
  readonly deleted: Readonly<Record<string, number>>;
}

/** A touchpoint whose service learns what it decides on from the events. */
export type GateTouchpoint = 'SECURITY' | 'BOARDING';

/** One service of the distributed target, which can settle half of the way (see `settle`). */
export interface ServiceTarget extends ScenarioTarget {
  /**
   * PUBLISHED: what this service wrote is on the topics. CAUGHT_UP: its consumers have applied
   * what their topics held when asked.
   */
  settleUntil(until: 'PUBLISHED' | 'CAUGHT_UP'): Promise<void>;
}

/** The target cannot be used at all (unreachable, wrong key, a clock that will not move). */
export class ScenarioTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioTargetError';
  }
}

/** A kept-alive socket was closed by the server before the request went out on it. */
class StaleSocketError extends Error {
  readonly code: string | undefined;

  constructor(cause: NodeJS.ErrnoException) {
    super(cause.message);
    this.code = cause.code;
  }
}

/** What came back from one request: its status, its body's text, the clock it was decided at. */
interface Exchanged {
  readonly status: number;
  readonly text: string;
  readonly clock: string | undefined;
}

/** Services over HTTP at a base URL, with a QA key: running ones, or embedded ones on a port. */
export class HttpScenarioTarget implements ScenarioTarget {
  /**
   * node:http on kept-alive sockets rather than fetch: a live day makes hundreds of thousands of
   * calls, and fetch's streams cost more CPU per call than the service's own routing did.
   */
  private readonly agent: HttpAgent | HttpsAgent;
  /**
   * A request sent again after a stale socket goes on a connection of its own, never on another
   * kept-alive one: a server that closed one idle socket has often closed the others with it.
   */
  private readonly agentForRetries: HttpAgent | HttpsAgent;
  private readonly send: typeof httpRequest;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    /** Opens a connection other than TCP's (the embedded services', in memory). */
    connect?: () => Duplex,
  ) {
    const secure = new URL(baseUrl).protocol === 'https:';
    this.agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.agentForRetries = secure ? new HttpsAgent() : new HttpAgent();
    if (connect !== undefined) {
      this.agent.createConnection = connect;
      this.agentForRetries.createConnection = connect;
    }
    this.send = secure ? httpsRequest : httpRequest;
  }

  async call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    at?: Instant,
  ): Promise<ServiceResponse> {
    const clock = at === undefined ? undefined : new Date(at).toISOString();
    let answer: Exchanged;
    try {
      const url = new URL(path, this.baseUrl);
      answer = await this.exchange(this.agent, method, url, body, clock).catch((error: unknown) => {
        // A kept-alive socket the server closed while it sat idle (its keep-alive timeout, or a
        // busy process that saw the close late): the request never reached the server, so it
        // goes again once, on a new socket, as Node's documentation advises.
        if (!(error instanceof StaleSocketError)) throw error;
        return this.exchange(this.agentForRetries, method, url, body, clock);
      });
    } catch (error) {
      const cause = (error as { code?: string }).code ?? String(error);
      throw new ScenarioTargetError(`cannot reach ${this.baseUrl} (${cause})`);
    }
    const { status, text } = answer;
    // A service that does not know the header would have decided at its own clock's instant.
    if (clock !== undefined && status < 300 && answer.clock !== clock) {
      throw new ScenarioTargetError(
        `${method} ${path} at ${this.baseUrl} did not take the ${QA_CLOCK_HEADER} header ` +
          `(answered ${answer.clock ?? 'without it'}): a service older than this simulator?`,
      );
    }
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: keep the text, the report shows it.
    }
    if (status === 401) throw new ScenarioTargetError(`${this.baseUrl} refused the API key (401)`);
    return { status, body: parsed };
  }

  private exchange(
    agent: HttpAgent | HttpsAgent,
    method: string,
    url: URL,
    body: unknown,
    clock: string | undefined,
  ): Promise<Exchanged> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = this.send(
        url,
        {
          method,
          agent,
          headers: {
            'x-api-key': this.apiKey,
            ...(clock === undefined ? {} : { [QA_CLOCK_HEADER]: clock }),
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const clockTaken = response.headers[QA_CLOCK_HEADER];
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              clock: typeof clockTaken === 'string' ? clockTaken : undefined,
            });
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        const stale =
          request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(stale ? new StaleSocketError(error) : error);
      });
      request.end(payload);
    });
  }

  async setClock(at: Instant): Promise<void> {
    await this.control('PUT', '/v1/maintenance/clock', { at: new Date(at).toISOString() });
  }

  /** One process, or one service: all of it is brought to rest (the gates make no difference). */
  async settle(): Promise<void> {
    await this.control('POST', '/v1/maintenance/settle');
  }

  async settleUntil(until: 'PUBLISHED' | 'CAUGHT_UP'): Promise<void> {
    await this.control('POST', `/v1/maintenance/settle?until=${until}`);
  }

  async deadLetters(): Promise<number> {
    const response = await this.call('GET', '/v1/maintenance/dead-letters');
    const total = (response.body as { total?: unknown } | undefined)?.total;
    if (response.status !== 200 || typeof total !== 'number')
      throw new ScenarioTargetError(
        `GET /v1/maintenance/dead-letters answered ${response.status} (it needs a QA key)`,
      );
    return total;
  }

  async purgeTemplates(at: Instant): Promise<TemplatePurgeReport> {
    const response = await this.call('POST', '/v1/maintenance/template-purge', undefined, at);
    const report = purgeReportOf(response.body);
    if (response.status !== 200 || report === undefined)
      throw new ScenarioTargetError(
        `POST /v1/maintenance/template-purge answered ${response.status} (it needs a QA key)`,
      );
    return report;
  }

  async overrideIdentity(personalIdNumber: string, override: IdentityOverride): Promise<void> {
    await this.control(
      'PUT',
      `/v1/maintenance/population-register/${encodeURIComponent(personalIdNumber)}`,
      override,
    );
  }

  private async control(method: 'PUT' | 'POST', path: string, body?: unknown): Promise<void> {
    const response = await this.call(method, path, body);
    if (response.status >= 300) {
      const message = (response.body as { message?: string } | undefined)?.message;
      throw new ScenarioTargetError(
        `${method} ${path} answered ${response.status}${message ? `: ${message}` : ''}` +
          (response.status === 403 ? ' (replay needs a QA key)' : ''),
      );
    }
  }
}

/**
 * Calls whose use case is decided at the instant the call carries (`x-qa-clock`), whatever its
 * service's clock says meanwhile: they need no clock of their own. Boarding's presentations keep
 * the boarding clock, which its openings and closings must not overtake.
 */
const DECIDED_AT_THEIR_INSTANT: ReadonlySet<string> = new Set([
  '/v1/bookings',
  '/v1/passenger-name-lists',
  '/v1/enrolments',
  '/v1/check-ins',
  '/v1/security/presentations',
]);

/**
 * The three services of distributed mode, each at its own URL: a call goes to the service that
 * owns its path; settling follows the events' way (check-in's outbox to Kafka, the security
 * gate's consumers and outbox, then the boarding gate's).
 *
 * A service's clock moves with the request that needs it (`x-qa-clock`), not at every
 * `setClock`: only a request decides at the clock's instant (consumers apply events at the
 * instants the events carry), and most simulated seconds of a live day call one service of the
 * three. Each move was a request of its own before each second's first call to a service (1.5 ms
 * of the 8 a simulated second took). The operations service, when it follows, moves at once: it
 * is the console's "now".
 */
export class DistributedScenarioTarget implements ScenarioTarget {
  private readonly all: readonly ServiceTarget[];
  /** The instant the day is at: each call is decided at it. */
  private now: Instant | undefined;

  /** `operations`, when given, only follows: its clock moves with the others (the console's "now"). */
  constructor(
    private readonly checkin: ServiceTarget,
    private readonly security: ServiceTarget,
    private readonly boarding: ServiceTarget,
    private readonly operations?: ServiceTarget,
  ) {
    this.all = [checkin, security, boarding, ...(operations === undefined ? [] : [operations])];
  }

  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    at?: Instant,
  ): Promise<ServiceResponse> {
    return this.owner(path).call(method, path, body, at ?? this.now);
  }

  async setClock(at: Instant): Promise<void> {
    if (this.operations !== undefined && at !== this.now) await this.operations.setClock(at);
    this.now = at;
  }

  /**
   * To rest: the services in the events' way (check-in, then the security gate, whose clearances
   * the boarding gate reads, then the boarding gate). Towards `gates` only: what they read is
   * written by check-in, and for boarding by the security gate too; those publish, then the gates
   * catch up (each half side by side).
   */
  async settle(gates?: readonly GateTouchpoint[]): Promise<void> {
    if (gates === undefined) {
      await this.checkin.settle();
      await this.security.settle();
      await this.boarding.settle();
      return;
    }
    if (gates.length === 0) return;
    const boarding = gates.includes('BOARDING');
    const writers = boarding ? [this.checkin, this.security] : [this.checkin];
    await Promise.all(writers.map((service) => service.settleUntil('PUBLISHED')));
    const readers = gates.map((gate) => (gate === 'SECURITY' ? this.security : this.boarding));
    await Promise.all(readers.map((service) => service.settleUntil('CAUGHT_UP')));
  }

  async deadLetters(): Promise<number> {
    const counts = await Promise.all(this.all.map((t) => t.deadLetters()));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  /**
   * Each service purges what it holds: the gates' copies first, then check-in's source, whose
   * purge announces the deletions (the order a single process keeps, so the counts are the same).
   */
  async purgeTemplates(at: Instant): Promise<TemplatePurgeReport> {
    const deleted: Record<string, number> = {};
    let retentionHours = 0;
    for (const service of [this.security, this.boarding, this.checkin]) {
      const report = await service.purgeTemplates(at);
      retentionHours = report.retentionHours;
      Object.assign(deleted, report.deleted);
    }
    return { retentionHours, deleted };
  }

  overrideIdentity(personalIdNumber: string, override: IdentityOverride): Promise<void> {
    return this.checkin.overrideIdentity(personalIdNumber, override);
  }

  clockOf(path: string): string | null {
    return DECIDED_AT_THEIR_INSTANT.has(path) ? null : this.serviceOf(path);
  }

  private serviceOf(path: string): 'checkin' | 'security' | 'boarding' | 'operations' {
    if (path.startsWith('/v1/security/')) return 'security';
    if (path.startsWith('/v1/boarding/')) return 'boarding';
    if (path.startsWith('/v1/operations/') && this.operations !== undefined) return 'operations';
    return 'checkin';
  }

  private owner(path: string): ScenarioTarget {
    const service = this.serviceOf(path);
    if (service === 'security') return this.security;
    if (service === 'boarding') return this.boarding;
    if (service === 'operations' && this.operations !== undefined) return this.operations;
    return this.checkin;
  }
}

/** A purge's answer, if it is one: its retention and a count for each holder. */
function purgeReportOf(body: unknown): TemplatePurgeReport | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { retentionHours, deleted } = body as { retentionHours?: unknown; deleted?: unknown };
  if (typeof retentionHours !== 'number' || typeof deleted !== 'object' || deleted === null)
    return undefined;
  const counts: Record<string, number> = {};
  for (const [holder, count] of Object.entries(deleted as Record<string, unknown>)) {
    if (typeof count !== 'number') return undefined;
    counts[holder] = count;
  }
  return { retentionHours, deleted: counts };
}
