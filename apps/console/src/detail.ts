import { ApiError, type ApiClient, type FlightManifest, type PassengerJourney } from './api';
import { byId, el } from './dom';
import { localTime } from './local-time';

function open(title: string, ...body: Node[]): void {
  byId('detail-title').textContent = title;
  byId('detail-body').replaceChildren(...body);
  const dialog = byId<HTMLDialogElement>('detail');
  if (!dialog.open) dialog.showModal();
}

function when(iso: string | null, where: string | null): string {
  return iso === null ? '–' : `${localTime(iso)} ${where?.toLowerCase() ?? ''}`;
}

export async function showManifest(
  api: ApiClient,
  airport: string,
  flight: { carrier: string; number: string; date: string },
  usePass: (bcbp: string) => void,
): Promise<void> {
  const query = `carrier=${flight.carrier}&number=${flight.number}&date=${flight.date}`;
  try {
    const { passengers } = await api.get<FlightManifest>(
      `/v1/operations/airports/${airport}/manifest?${query}`,
    );
    const rows = passengers.map((p) => {
      let use: HTMLElement | string = '';
      if (p.bcbp !== null) {
        const bcbp = p.bcbp;
        use = el('button', { type: 'button' }, 'to lane panel');
        use.addEventListener('click', () => {
          byId<HTMLDialogElement>('detail').close();
          usePass(bcbp);
        });
      }
      return el(
        'tr',
        {},
        el('th', { scope: 'row' }, `${p.surname ?? ''}/${p.givenName ?? ''}`),
        el('td', {}, p.seat ?? '–'),
        el('td', {}, when(p.checkedInAt, p.checkInChannel)),
        el('td', {}, when(p.clearedAt, p.securityLane)),
        el('td', {}, when(p.boardedAt, p.boardingLane)),
        el('td', {}, use),
      );
    });
    open(
      `Manifest ${flight.carrier}${flight.number} ${flight.date}`,
      el(
        'table',
        { class: 'manifest' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['Passenger', 'Seat', 'Checked in', 'Security', 'Boarded', ''].map((h) =>
              el('th', { scope: 'col' }, h),
            ),
          ),
        ),
        el('tbody', {}, ...rows),
      ),
    );
  } catch (error) {
    open(
      'Manifest',
      el('p', { class: 'error' }, error instanceof ApiError ? error.message : String(error)),
    );
  }
}

export async function showJourney(
  api: ApiClient,
  airport: string,
  passengerId: string,
): Promise<void> {
  try {
    const journey = await api.get<PassengerJourney>(
      `/v1/operations/airports/${airport}/passengers/${passengerId}`,
    );
    const { passenger, flight } = journey;
    open(
      `${passenger.surname ?? ''}/${passenger.givenName ?? ''} · ${flight.carrier}${flight.number} ${flight.date}`,
      el(
        'ol',
        { class: 'journey' },
        ...journey.steps.map((step) =>
          el(
            'li',
            {},
            el('time', { datetime: step.at }, localTime(step.at)),
            ` ${step.touchpoint} ${step.point}: `,
            el('strong', {}, step.outcome),
            ` (${step.reason})${step.redirectTo ? ` → ${step.redirectTo}` : ''}`,
          ),
        ),
      ),
    );
  } catch (error) {
    open(
      'Journey',
      el('p', { class: 'error' }, error instanceof ApiError ? error.message : String(error)),
    );
  }
}
