import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
} from 'prom-client';

/** What an outbox holds that is not delivered yet. */
export interface OutboxBacklog {
  readonly pending: number;
  /** Seconds since the oldest undelivered row was written; 0 when none is. */
  readonly oldestAgeSeconds: number;
}

/** How far a consumer group is behind on one partition, in messages. */
export interface ConsumerLag {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/** A decision a service took and committed, as its metrics label it. */
export interface DecisionLabels {
  readonly touchpoint: 'CHECK_IN' | 'SECURITY' | 'BOARDING';
  /** The check-in channel, or the lane at a gate. */
  readonly mode: string;
  readonly outcome: string;
  readonly reason: string;
  /** The 1:1 face comparison the decision rests on, at a biometric point. */
  readonly face?: 'MATCH' | 'NO_MATCH' | 'NOT_LIVE';
}

/** The process's own metrics (CPU, memory, event loop, GC): collected once per process. */
let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The metrics of one service application, in Prometheus's text format (prom-client). Labels
 * are bounded sets only (touchpoint, lane, outcome, reason, route, topic, consumer group,
 * outbox): never a passenger, document, PNR or other open-ended value. Each application has
 * its own registry, so tests may start many in one process; the process's own metrics are
 * added to every scrape.
 */
export class ServiceMetrics {
  private readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly decisions: Counter<'touchpoint' | 'mode' | 'outcome' | 'reason'>;
  private readonly faces: Counter<'touchpoint' | 'result'>;
  private readonly purged: Counter<'holder'>;
  private readonly staged: Counter;
  private readonly openedCounts = new Map<string, () => number>();
  private consumerLag: (() => Promise<readonly ConsumerLag[]>) | undefined;
  private readonly consumed: Counter<'topic' | 'group'>;
  private readonly deadLettered: Counter<'topic' | 'group'>;
  private readonly backlogs = new Map<string, () => Promise<OutboxBacklog>>();
  /** The scrape in progress's one read of the outboxes, shared by the two gauges. */
  private backlogScrape: Promise<Map<string, OutboxBacklog>> | undefined;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    const counter = <L extends string>(config: CounterConfiguration<L>) =>
      new Counter<L>({ ...config, registers: [this.registry] });
    this.httpDuration = new Histogram({
      name: 'biogate_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.decisions = counter({
      name: 'biogate_decisions_total',
      help: 'Decisions committed about known passengers, by touchpoint, channel or lane, outcome and reason.',
      labelNames: ['touchpoint', 'mode', 'outcome', 'reason'],
    });
    this.faces = counter({
      name: 'biogate_face_comparisons_total',
      help: 'Live face comparisons (1:1 with the enrolled template) behind committed decisions at biometric points, by result.',
      labelNames: ['touchpoint', 'result'],
    });
    this.purged = counter({
      name: 'biogate_templates_purged_total',
      help: 'Face templates deleted by the retention purge (departure plus retention passed), by the service holding them.',
      labelNames: ['holder'],
    });
    this.staged = counter({
      name: 'biogate_templates_staged_total',
      help: "Face templates sealed into a flight's gallery for the gates (one per passenger and flight).",
    });
    const openedCounts = this.openedCounts;
    counter({
      name: 'biogate_templates_opened_total',
      help: 'Face templates decrypted for use, by store: enrolment (the 1:1 check at check-in, staging a gallery) or gallery (a gate comparing a live face).',
      labelNames: ['store'],
      collect() {
        this.reset();
        for (const [store, opened] of openedCounts) this.inc({ store }, opened());
      },
    });
    this.consumed = counter({
      name: 'biogate_events_consumed_total',
      help: 'Events applied by a consumer group (a redelivered event already applied is not counted).',
      labelNames: ['topic', 'group'],
    });
    this.deadLettered = counter({
      name: 'biogate_events_dead_lettered_total',
      help: 'Messages a consumer group gave up on and sent to the dead-letter topic.',
      labelNames: ['topic', 'group'],
    });
    const lagNow = () => this.consumerLag?.() ?? Promise.resolve([]);
    new Gauge({
      name: 'biogate_consumer_lag_messages',
      help: "Messages on a partition not yet handled by this process's consumer group (the log's end less the group's committed offset).",
      labelNames: ['group', 'topic', 'partition'],
      registers: [this.registry],
      async collect() {
        this.reset();
        // A transport that cannot answer (the broker is down) leaves the series out this scrape.
        const lags = await lagNow().catch(() => []);
        for (const { group, topic, partition, lag } of lags)
          this.set({ group, topic, partition: String(partition) }, lag);
      },
    });
    const backlogsNow = () => this.backlogsOfThisScrape();
    const backlogGauge = (name: string, help: string, pick: (b: OutboxBacklog) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['outbox'],
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const [outbox, backlog] of await backlogsNow()) this.set({ outbox }, pick(backlog));
        },
      });
    backlogGauge(
      'biogate_outbox_pending_rows',
      'Events written to an outbox and not yet delivered to the transport.',
      (b) => b.pending,
    );
    backlogGauge(
      'biogate_outbox_oldest_pending_age_seconds',
      'Age of the oldest undelivered outbox row (0 when none): a relay that is stuck grows it.',
      (b) => b.oldestAgeSeconds,
    );
  }

  /** The text a scraper reads, with its content type: the process's metrics, then the service's. */
  async exposition(): Promise<{ readonly contentType: string; readonly text: string }> {
    const [process, service] = await Promise.all([
      processMetrics().metrics(),
      this.registry.metrics(),
    ]);
    return {
      contentType: this.registry.contentType,
      text: `${process}
${service}`,
    };
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  decided(labels: DecisionLabels): void {
    const { face, ...decision } = labels;
    this.decisions.inc(decision);
    if (face !== undefined) this.faces.inc({ touchpoint: labels.touchpoint, result: face });
  }

  templatesPurged(holder: string, count: number): void {
    // Zero too: a purge that ran and found nothing still shows its holder's series.
    this.purged.inc({ holder }, count);
  }

  templateStaged(): void {
    this.staged.inc();
  }

  /** Reads the consumer groups' lag at each scrape. */
  watchConsumerLag(read: () => Promise<readonly ConsumerLag[]>): void {
    this.consumerLag = read;
  }

  /** Reads how many templates of `store` were decrypted so far, at each scrape. */
  watchTemplatesOpened(store: 'enrolment' | 'gallery', opened: () => number): void {
    this.openedCounts.set(store, opened);
  }

  eventsConsumed(topic: string, group: string, count: number): void {
    if (count > 0) this.consumed.inc({ topic, group }, count);
  }

  eventDeadLettered(topic: string, group: string): void {
    this.deadLettered.inc({ topic, group });
  }

  /**
   * Each outbox read once per scrape: the gauges collect in the same tick and share it. An
   * outbox that cannot be read (the database is down) has no value this scrape; the others and
   * the rest of the metrics still answer.
   */
  private backlogsOfThisScrape(): Promise<Map<string, OutboxBacklog>> {
    this.backlogScrape ??= (async () => {
      const read = new Map<string, OutboxBacklog>();
      for (const [outbox, backlog] of this.backlogs) {
        const value = await backlog().catch(() => undefined);
        if (value !== undefined) read.set(outbox, value);
      }
      return read;
    })().finally(() => {
      this.backlogScrape = undefined;
    });
    return this.backlogScrape;
  }

  /** Reads `outbox`'s backlog at each scrape. */
  watchOutbox(outbox: string, read: () => Promise<OutboxBacklog>): void {
    this.backlogs.set(outbox, read);
  }
}
