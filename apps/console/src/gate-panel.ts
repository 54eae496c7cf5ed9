import { ApiError, type ApiClient } from './api';
import { byId } from './dom';

interface Decision {
  readonly outcome: string;
  readonly reason: string;
  readonly redirectTo?: string;
  readonly detail?: string;
}

interface PresentationAnswer {
  readonly decision: Decision;
  readonly alert?: { readonly alertId: string; readonly kind: string };
}

/** Who stands in front of the camera, as the services' face model takes it. */
function captureFor(face: string, documentNumber: string): Record<string, unknown> {
  switch (face) {
    case 'IMPOSTOR':
      // Anyone but the holder: another personal identification number.
      return {
        quality: 'GOOD',
        subject: documentNumber === '079000000001' ? '079000000002' : '079000000001',
      };
    case 'POOR':
      return { quality: 'POOR' };
    case 'ATTACK':
      return { quality: 'GOOD', presentationAttack: true };
    default:
      return { quality: 'GOOD' };
  }
}

/** The operator's hands on a lane: present a boarding pass as a passenger would. */
export class GatePanel {
  constructor(
    private readonly api: ApiClient,
    private readonly airport: () => string,
    private readonly notify: (message: string) => void,
  ) {}

  attach(): void {
    byId<HTMLFormElement>('gate-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.present();
    });
  }

  private async present(): Promise<void> {
    const touchpoint = byId<HTMLSelectElement>('gate-touchpoint').value;
    const lane = byId<HTMLSelectElement>('gate-lane').value;
    const documentNumber = byId<HTMLInputElement>('gate-document-number').value.trim();
    const body = {
      airport: this.airport(),
      lane,
      ...(touchpoint === 'BOARDING'
        ? { gate: byId<HTMLInputElement>('gate-gate').value.trim().toUpperCase() }
        : {}),
      boardingPass: byId<HTMLInputElement>('gate-bcbp').value,
      document: {
        type: byId<HTMLSelectElement>('gate-document-type').value,
        number: documentNumber,
      },
      ...(lane === 'AUTOMATED'
        ? { capture: captureFor(byId<HTMLSelectElement>('gate-face').value, documentNumber) }
        : {}),
    };
    const path =
      touchpoint === 'BOARDING' ? '/v1/boarding/presentations' : '/v1/security/presentations';
    const result = byId('gate-result');
    try {
      const answer = await this.api.post<PresentationAnswer>(path, body);
      const { decision } = answer;
      result.dataset.outcome = decision.outcome;
      result.textContent =
        `${decision.outcome} (${decision.reason})` +
        (decision.redirectTo ? ` → ${decision.redirectTo}` : '') +
        (answer.alert ? ` · alert ${answer.alert.kind}` : '') +
        (decision.detail ? ` · ${decision.detail}` : '');
    } catch (error) {
      result.dataset.outcome = 'ERROR';
      const message = error instanceof ApiError ? error.message : String(error);
      result.textContent = message;
      this.notify(message);
    }
  }
}
