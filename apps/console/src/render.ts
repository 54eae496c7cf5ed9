import type { AirportOverview, AlertRow, FlightRow, QueueView, TouchpointTile } from './api';
import { el, percent } from './dom';
import { localDateTime, localHourMinute, localTime } from './local-time';

/**
 * Replaces a container's content without taking the keyboard away: the focused control (found
 * again by its id) keeps focus and what was typed in it. Skipped when nothing changed.
 */
function replaceKeepingFocus(container: HTMLElement, signature: string, children: Node[]): void {
  if (container.dataset.signature === signature) return;
  container.dataset.signature = signature;
  const active = document.activeElement;
  const activeId = active instanceof HTMLElement && container.contains(active) ? active.id : '';
  const typed = active instanceof HTMLInputElement ? active.value : undefined;
  container.replaceChildren(...children);
  if (activeId === '') return;
  const again = document.getElementById(activeId);
  if (again instanceof HTMLInputElement && typed !== undefined) again.value = typed;
  again?.focus();
}

const PHASE_NAMES: Record<string, string> = {
  PRE_MANDATE: 'before the mandate',
  BIOMETRIC_ENROLMENT: 'enrolment (incentive window)',
  BIOMETRIC_DEFAULT: 'biometric by default',
};

export function renderPhase(container: HTMLElement, overview: AirportOverview): void {
  const { phase } = overview;
  const next = phase.next
    ? `next: ${PHASE_NAMES[phase.next.phase] ?? phase.next.phase} from ${localDateTime(phase.next.startsAt)}`
    : 'no further change scheduled';
  replaceKeepingFocus(container, JSON.stringify(phase), [
    el('strong', {}, `Phase: ${PHASE_NAMES[phase.inForce] ?? phase.inForce}`),
    el('span', {}, ` (${phase.inForce}) · ${next}`),
    el(
      'span',
      { class: phase.biometricInService ? 'ok' : 'warn' },
      phase.biometricInService
        ? ' · biometric channels in service'
        : ' · biometric channels not in service here',
    ),
  ]);
}

const OUTAGES = [
  { outage: 'KIOSK', label: 'Check-in kiosks' },
  { outage: 'BIOMETRIC', label: 'Biometric channels' },
];

export function renderOutages(
  container: HTMLElement,
  overview: AirportOverview,
  change: (outage: string, inForce: boolean) => Promise<void>,
): void {
  const children = OUTAGES.map(({ outage, label }) => {
    const down = overview.outages.includes(outage);
    const button = el(
      'button',
      { type: 'button', id: `outage-${outage}`, class: down ? 'danger' : '' },
      down ? `Clear ${label.toLowerCase()} outage` : `Declare ${label.toLowerCase()} outage`,
    );
    button.addEventListener('click', () => {
      void change(outage, !down);
    });
    return el(
      'div',
      { class: `outage ${down ? 'down' : 'up'}`, 'data-outage': outage },
      el('span', {}, `${label}: `),
      el('strong', {}, down ? 'OUT OF SERVICE' : 'in service'),
      ' ',
      button,
    );
  });
  replaceKeepingFocus(container, overview.outages.join(','), children);
}

const POINT_NAMES: Record<string, string> = {
  'CHECK_IN/COUNTER': 'Check-in counters',
  'CHECK_IN/KIOSK': 'Check-in kiosks',
  'CHECK_IN/BIOMETRIC': 'Biometric check-in',
  'SECURITY/AUTOMATED': 'Security e-gates',
  'SECURITY/MANUAL': 'Security manual lanes',
  'BOARDING/AUTOMATED': 'Boarding e-gates',
  'BOARDING/MANUAL': 'Boarding manual gates',
};

/** The queue in front of each point of the tiles. */
const QUEUE_OF_POINT: Record<string, string> = {
  'CHECK_IN/COUNTER': 'CHECK_IN_COUNTER',
  'CHECK_IN/KIOSK': 'CHECK_IN_KIOSK',
  'CHECK_IN/BIOMETRIC': 'CHECK_IN_BIOMETRIC',
  'SECURITY/AUTOMATED': 'SECURITY_EGATE',
  'SECURITY/MANUAL': 'SECURITY_ID_MANUAL',
  'BOARDING/AUTOMATED': 'BOARDING_EGATE',
  'BOARDING/MANUAL': 'BOARDING_MANUAL',
};

const BAND_NAMES: Record<string, string> = {
  OPTIMUM: 'optimum',
  SUB_OPTIMAL: 'sub-optimal',
  UNDER_PROVIDED: 'under-provided',
};

function minutesSeconds(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function queueLine(queue: QueueView | undefined): HTMLElement | null {
  if (queue?.length == null || queue.waitSeconds == null || queue.band === null) return null;
  return el(
    'p',
    { class: `queue band-${queue.band}`, 'data-queue': queue.queue },
    `queue ${queue.length} · wait ${minutesSeconds(queue.waitSeconds)} · ${BAND_NAMES[queue.band] ?? queue.band}`,
  );
}

export function renderQueues(container: HTMLElement, overview: AirportOverview): void {
  const cards = overview.queues.map((queue) =>
    el(
      'div',
      {
        class: `queue-card band-${queue.band ?? 'NONE'}`,
        'data-queue': queue.queue,
      },
      el('span', { class: 'name' }, queue.queue.replaceAll('_', ' ').toLowerCase()),
      el('strong', { 'data-figure': 'length' }, queue.length === null ? '–' : String(queue.length)),
      el(
        'span',
        { 'data-figure': 'wait' },
        queue.waitSeconds === null ? 'no reading' : `wait ${minutesSeconds(queue.waitSeconds)}`,
      ),
      queue.band === null ? null : el('span', { class: 'band' }, BAND_NAMES[queue.band] ?? ''),
    ),
  );
  replaceKeepingFocus(container, JSON.stringify(overview.queues), cards);
}

function tileOf(quarter: TouchpointTile, hour: TouchpointTile, queue?: QueueView): HTMLElement {
  const key = `${quarter.touchpoint}/${quarter.point}`;
  const reasons = hour.reasons
    .slice(0, 4)
    .map((reason) =>
      el(
        'li',
        {},
        `${reason.reason}${reason.redirectTo ? ` → ${reason.redirectTo}` : ''}: ${reason.count}`,
      ),
    );
  const rates = hour.biometric
    ? el(
        'dl',
        { class: 'rates' },
        el('dt', {}, 'capture'),
        el('dd', {}, percent(hour.biometric.captureRate)),
        el('dt', {}, 'match'),
        el('dd', {}, percent(hour.biometric.matchRate)),
        el('dt', {}, 'to manual'),
        el('dd', {}, percent(hour.biometric.fallbackRate)),
      )
    : null;
  return el(
    'article',
    { class: 'tile', 'data-point': key, 'aria-label': POINT_NAMES[key] ?? key },
    el('h3', {}, POINT_NAMES[key] ?? key),
    el(
      'p',
      { class: 'throughput' },
      el('span', { class: 'big', 'data-figure': 'quarter' }, String(quarter.presentations)),
      el('span', {}, ' in 15 min · '),
      el('span', { 'data-figure': 'hour' }, String(hour.presentations)),
      el('span', {}, ' per hour'),
    ),
    el(
      'p',
      { class: 'outcomes' },
      `allowed ${hour.allowed} · redirected ${hour.redirected} · rejected ${hour.rejected}`,
    ),
    queueLine(queue),
    rates,
    reasons.length > 0 ? el('ul', { class: 'reasons' }, ...reasons) : null,
  );
}

export function renderTiles(container: HTMLElement, overview: AirportOverview): void {
  const tiles = overview.lastQuarterHour.map((quarter, index) => {
    const hour = overview.lastHour[index] ?? quarter;
    const queue = QUEUE_OF_POINT[`${quarter.touchpoint}/${quarter.point}`];
    return tileOf(
      quarter,
      hour,
      overview.queues.find((q) => q.queue === queue),
    );
  });
  replaceKeepingFocus(
    container,
    JSON.stringify([overview.lastQuarterHour, overview.lastHour, overview.queues]),
    tiles,
  );
}

export function renderAlerts(
  container: HTMLElement,
  alerts: readonly AlertRow[],
  openJourney: (passengerId: string) => void,
): void {
  const items = alerts.map((alert) => {
    const where =
      alert.touchpoint === 'BOARDING'
        ? `boarding gate ${alert.gate ?? ''} (${alert.lane.toLowerCase()})`
        : `security ${alert.lane.toLowerCase()} lane`;
    let link: HTMLElement | null = null;
    if (alert.passengerId !== null) {
      const passengerId = alert.passengerId;
      link = el(
        'button',
        { type: 'button', class: 'link', id: `journey-${alert.alertId}` },
        'journey',
      );
      link.addEventListener('click', () => {
        openJourney(passengerId);
      });
    }
    return el(
      'li',
      { class: `alert kind-${alert.kind}`, 'data-kind': alert.kind },
      el('time', { datetime: alert.raisedAt }, localTime(alert.raisedAt)),
      ' ',
      el('strong', {}, alert.kind),
      ` at ${where}${alert.flight ? `, ${alert.flight}` : ''}: `,
      el('span', { class: 'detail' }, alert.detail),
      link ? ' ' : null,
      link,
    );
  });
  if (items.length === 0) items.push(el('li', { class: 'empty' }, 'No alerts.'));
  replaceKeepingFocus(container, JSON.stringify(alerts.map((a) => a.alertId)), items);
}

export interface FlightActions {
  open(flight: FlightRow, gate: string): Promise<void>;
  close(flight: FlightRow): Promise<void>;
  manifest(flight: FlightRow): void;
}

export function renderFlights(
  body: HTMLElement,
  overview: AirportOverview,
  actions: FlightActions,
): void {
  const rows = overview.flights.map((flight) => {
    const id = `${flight.carrier}${flight.number}-${flight.date}`;
    const gateInput = el('input', {
      id: `gate-for-${id}`,
      'aria-label': `gate for ${flight.carrier}${flight.number}`,
      size: '4',
      maxlength: '5',
      value: flight.gate ?? '',
    });
    const open = el('button', { type: 'button', id: `open-${id}` }, 'Open');
    open.addEventListener('click', () => {
      void actions.open(flight, gateInput.value.trim().toUpperCase());
    });
    const close = el('button', { type: 'button', id: `close-${id}` }, 'Close');
    close.addEventListener('click', () => {
      void actions.close(flight);
    });
    const manifest = el('button', { type: 'button', id: `manifest-${id}` }, 'Manifest');
    manifest.addEventListener('click', () => {
      actions.manifest(flight);
    });
    const missing = flight.boarding === 'CLOSED' ? flight.checkedIn - flight.boarded : null;
    return el(
      'tr',
      { 'data-flight': `${flight.carrier}${flight.number}` },
      el('th', { scope: 'row' }, `${flight.carrier}${flight.number}`),
      el('td', {}, flight.destination ?? '–'),
      el('td', {}, flight.departureAt ? localHourMinute(flight.departureAt) : '–'),
      el('td', {}, flight.gate ?? '–'),
      el('td', { class: `boarding-${flight.boarding ?? 'NONE'}` }, flight.boarding ?? 'not open'),
      el('td', {}, String(flight.booked)),
      el('td', {}, String(flight.checkedIn)),
      el('td', {}, String(flight.cleared)),
      el('td', {}, String(flight.boarded)),
      el('td', {}, missing === null ? '–' : String(missing)),
      el('td', {}, percent(flight.boarded === 0 ? null : flight.boardedAutomated / flight.boarded)),
      el('td', { class: 'actions' }, gateInput, open, close, manifest),
    );
  });
  if (rows.length === 0) {
    rows.push(
      el('tr', {}, el('td', { colspan: '12', class: 'empty' }, 'No flights booked today.')),
    );
  }
  replaceKeepingFocus(body, JSON.stringify(overview.flights), rows);
}
