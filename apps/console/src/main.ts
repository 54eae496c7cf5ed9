import { ApiClient, ApiError, type AirportOverview, type ConsoleSession } from './api';
import { PresentationsChart, QueueWaitChart } from './quarter-charts';
import { byId } from './dom';
import {
  renderAlerts,
  renderFlights,
  renderOutages,
  renderPhase,
  renderQueues,
  renderTiles,
} from './render';
import { localDateTime, localTime } from './local-time';
import { GatePanel } from './gate-panel';
import { showJourney, showManifest } from './detail';

const KEY_STORAGE = 'biogate.console.key';

/** The console: sign in with an API key, then follow one airport live. */
class OperationsConsole {
  private stopFollowing: (() => void) | undefined;
  private latest: AirportOverview | undefined;
  private readonly presentations = new PresentationsChart(byId<HTMLCanvasElement>('day-chart'));
  private readonly waits = new QueueWaitChart(byId<HTMLCanvasElement>('wait-chart'));

  constructor(
    private readonly api: ApiClient,
    private readonly session: ConsoleSession,
  ) {}

  start(): void {
    byId('who').textContent = `${this.session.name} (${this.session.role})`;
    const select = byId<HTMLSelectElement>('airport');
    select.replaceChildren(
      ...this.session.airports.map(
        (code) => new Option(code, code, code === 'SGN', code === 'SGN'),
      ),
    );
    select.addEventListener('change', () => {
      this.follow(select.value);
    });
    byId<HTMLSelectElement>('alert-kind').addEventListener('change', () => {
      if (this.latest) void this.refreshAlerts(this.latest.airport);
    });
    new GatePanel(
      this.api,
      () => this.airport(),
      (message) => {
        this.toast(message);
      },
    ).attach();
    byId('sign-out').addEventListener('click', () => {
      sessionStorage.removeItem(KEY_STORAGE);
      location.reload();
    });
    byId('console').hidden = false;
    this.follow(select.value);
  }

  private airport(): string {
    return byId<HTMLSelectElement>('airport').value;
  }

  private follow(airport: string): void {
    this.stopFollowing?.();
    this.latest = undefined;
    const state = byId('live-state');
    this.stopFollowing = this.api.follow(
      airport,
      (overview) => {
        this.show(overview);
      },
      (phase, detail) => {
        state.dataset.state = phase;
        state.textContent =
          phase === 'live'
            ? '● live'
            : phase === 'reconnecting'
              ? 'reconnecting…'
              : `refused: ${detail ?? ''}`;
      },
    );
  }

  private show(overview: AirportOverview): void {
    if (overview.airport !== this.airport()) return;
    this.latest = overview;
    byId('clock').textContent =
      `${localDateTime(overview.at).slice(0, 10)} ${localTime(overview.at)} ICT`;
    renderPhase(byId('phase'), overview);
    renderOutages(byId('outages'), overview, (outage, inForce) =>
      this.changeOutage(outage, inForce),
    );
    renderTiles(byId('tiles'), overview);
    renderQueues(byId('queues'), overview);
    this.presentations.show(overview);
    this.waits.show(overview);
    const kind = byId<HTMLSelectElement>('alert-kind').value;
    if (kind === '') {
      renderAlerts(byId('alerts'), overview.alerts.latest, (id) => {
        this.journey(id);
      });
    } else void this.refreshAlerts(overview.airport);
    renderFlights(byId('flights'), overview, {
      open: (flight, gate) => this.changeBoarding('open', flight, gate),
      close: (flight) => this.changeBoarding('close', flight),
      manifest: (flight) => {
        void showManifest(this.api, overview.airport, flight, (bcbp) => {
          byId<HTMLInputElement>('gate-bcbp').value = bcbp;
          byId<HTMLInputElement>('gate-document-number').focus();
        });
      },
    });
  }

  private async refreshAlerts(airport: string): Promise<void> {
    const kind = byId<HTMLSelectElement>('alert-kind').value;
    const query = kind === '' ? 'limit=20' : `kind=${encodeURIComponent(kind)}&limit=20`;
    const alerts = await this.api.get<AirportOverview['alerts']['latest']>(
      `/v1/operations/airports/${airport}/alerts?${query}`,
    );
    renderAlerts(byId('alerts'), alerts, (id) => {
      this.journey(id);
    });
  }

  private journey(passengerId: string): void {
    void showJourney(this.api, this.airport(), passengerId);
  }

  private async changeOutage(outage: string, inForce: boolean): Promise<void> {
    const path = `/v1/airports/${this.airport()}/outages/${outage}`;
    try {
      if (inForce) await this.api.put(path);
      else await this.api.delete(path);
      this.toast(`${outage} outage ${inForce ? 'declared' : 'cleared'}`);
    } catch (error) {
      this.toast(String(error instanceof ApiError ? error.message : error));
    }
  }

  private async changeBoarding(
    change: 'open' | 'close',
    flight: { carrier: string; number: string; date: string },
    gate?: string,
  ): Promise<void> {
    try {
      await this.api.post(`/v1/boarding/flights/${change}`, {
        airport: this.airport(),
        ...flight,
        ...(gate === undefined ? {} : { gate }),
      });
      this.toast(
        `boarding of ${flight.carrier}${flight.number} ${change === 'open' ? 'opened' : 'closed'}`,
      );
    } catch (error) {
      this.toast(String(error instanceof ApiError ? error.message : error));
    }
  }

  private toast(message: string): void {
    byId('notice').textContent = message;
  }
}

async function signIn(key: string): Promise<void> {
  const api = new ApiClient(key);
  const session = await api.get<ConsoleSession>('/v1/operations/session');
  sessionStorage.setItem(KEY_STORAGE, key);
  byId('sign-in').hidden = true;
  new OperationsConsole(api, session).start();
}

function showSignIn(message = ''): void {
  byId('sign-in').hidden = false;
  byId('sign-in-error').textContent = message;
  byId<HTMLInputElement>('api-key').focus();
}

byId<HTMLFormElement>('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = byId<HTMLInputElement>('api-key').value.trim();
  signIn(key).catch((error: unknown) => {
    showSignIn(error instanceof ApiError ? `${error.status}: ${error.message}` : String(error));
  });
});

const remembered = sessionStorage.getItem(KEY_STORAGE);
if (remembered === null) showSignIn();
else {
  signIn(remembered).catch(() => {
    sessionStorage.removeItem(KEY_STORAGE);
    showSignIn();
  });
}
