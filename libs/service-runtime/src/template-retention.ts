import {
  Controller,
  HttpCode,
  Inject,
  Injectable,
  Logger,
  Optional,
  Post,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Clock, Instant } from '@biogate/domain';
import { ServiceMetrics } from '@biogate/observability';
import { AllowRoles } from './access-control';
import { CLOCK } from './platform-tokens';

export const TEMPLATE_RETENTION = Symbol('TEMPLATE_RETENTION');

/** How long templates outlive the departure of the passenger's flight (domain.md §6). */
export interface TemplateRetentionPolicy {
  readonly retentionMs: number;
}

/** One service's purge of the templates it holds. */
export interface TemplatePurge {
  readonly holder: string;
  /** A gate's gallery holds copies of templates whose source is the check-in enrolment. */
  readonly holdsCopies: boolean;
  /** Deletes what is past departure plus retention at `now`; returns how many templates. */
  purge(now: Instant, retentionMs: number): Promise<number>;
}

export interface PurgeReport {
  readonly at: string;
  readonly retentionHours: number;
  readonly deleted: Readonly<Record<string, number>>;
}

/**
 * The purges of every service in the process, run on a timer and on demand (QA), always at the
 * instant of the service clock, so simulated days purge on simulated time.
 */
@Injectable()
export class TemplateRetentionRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly purges: TemplatePurge[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly logger = new Logger('template-retention');

  constructor(
    @Inject(TEMPLATE_RETENTION) private readonly policy: TemplateRetentionPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly metrics?: ServiceMetrics,
  ) {}

  register(purge: TemplatePurge): void {
    this.purges.push(purge);
  }

  async purgeNow(): Promise<PurgeReport> {
    const now = this.clock.now();
    const deleted: Record<string, number> = {};
    // Copies first: the source's purge announces TemplateDeleted, and a gate that heard it before
    // its own purge ran would report 0 for a copy it did hold. This order reports the same
    // figures every time, which replayed scenarios rely on.
    const ordered = [...this.purges].sort((a, b) => Number(b.holdsCopies) - Number(a.holdsCopies));
    for (const purge of ordered) {
      const count = await purge.purge(now, this.policy.retentionMs);
      deleted[purge.holder] = count;
      this.metrics?.templatesPurged(purge.holder, count);
    }
    return {
      at: new Date(now).toISOString(),
      retentionHours: this.policy.retentionMs / 3_600_000,
      deleted,
    };
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.purgeNow().catch((error: unknown) => {
        this.logger.error(`template purge failed, will retry: ${String(error)}`);
      });
    }, 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

/** QA runs the purge at the current (possibly simulated) instant. */
@Controller('v1/maintenance')
export class TemplateRetentionController {
  constructor(private readonly registry: TemplateRetentionRegistry) {}

  @Post('template-purge')
  @HttpCode(200)
  @AllowRoles('QA')
  purge(): Promise<PurgeReport> {
    return this.registry.purgeNow();
  }
}
