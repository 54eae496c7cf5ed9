import type { ScenarioDocumentDto } from './scenario.dto';
import type { FaceShown, FlightRef, ScenarioStep } from './scenario-step';

/** One line that says what a step does, in the scenario's own references. */
export function stepDescription(step: ScenarioStep): string {
  const action = step.action;
  switch (action.kind) {
    case 'clock':
      return 'clock moves';
    case 'advance':
      return `clock advances ${formatDuration(action.ms)}`;
    case 'book':
      return `book ${action.pnr} on ${flightName(action.flight)}: ${action.passengers.map((p) => p.ref).join(', ')}`;
    case 'enrol':
      return `enrol ${action.passenger.ref} via ${action.channel}${action.consent ? '' : ' without consent'}${face(action.face)}`;
    case 'withdrawConsent':
      return `withdraw consent of ${action.passenger.ref}`;
    case 'channels':
      return `channels of ${action.passenger.ref}: ${action.channel}`;
    case 'checkIn':
      return `check in ${action.passenger.ref} at ${action.channel}${face(action.face)}`;
    case 'security':
    case 'board': {
      const where =
        action.kind === 'security'
          ? `security ${action.passenger.ref} at ${action.airport ? `${action.airport} ` : ''}${action.lane} lane`
          : `board ${action.passenger.ref} at gate ${action.gate} ${action.lane}`;
      return `${where}${face(action.face)}${action.boardingPass === undefined ? '' : ', another boarding pass'}${documentText(action.document)}`;
    }
    case 'openBoarding':
      return `open boarding of ${flightName(action.flight)} at gate ${action.gate}`;
    case 'closeBoarding':
      return `close boarding of ${flightName(action.flight)}`;
    case 'outage':
      return `${action.state === 'DECLARED' ? 'declare' : 'clear'} ${action.outage} outage at ${action.airport}`;
    case 'purge':
      return 'purge templates past retention';
    case 'journey':
      return `journey of ${action.passenger.ref}`;
    case 'manifest':
      return `manifest of ${flightName(action.flight)}`;
  }
}

function face(shown: FaceShown): string {
  return shown.face === 'GENUINE' ? '' : `, ${shown.face} face`;
}

function documentText(document: ScenarioDocumentDto | undefined): string {
  return document === undefined ? '' : `, presenting ${document.type} ${document.number}`;
}

function flightName({ ref, flight }: FlightRef): string {
  const name = `${flight.carrier}${flight.number} ${flight.origin}-${flight.destination} ${flight.date}`;
  return ref === `${flight.carrier}${flight.number}` ? name : `${ref} (${name})`;
}

function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = ms / 1000;
  for (const [unit, seconds] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const amount = Math.floor(rest / seconds);
    if (amount > 0) parts.push(`${amount}${unit}`);
    rest -= amount * seconds;
  }
  return parts.join('') || '0s';
}
