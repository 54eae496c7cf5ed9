import { YamlInputError } from '../cli/yaml-source';
import { parseScenario } from './scenario-file';

const HEADER = `name: a scenario
clock: 2025-12-01T07:00:00+07:00
flights:
  VN213: { carrier: VN, number: "213", date: 2025-12-01, origin: SGN, destination: HAN, departureAt: 2025-12-01T09:00:00+07:00 }
passengers:
  an: { surname: NGUYEN, givenName: VAN AN, document: { type: CITIZEN_ID_CARD, number: "079200001234" } }
steps:
`;

function problems(steps: string, header = HEADER): string[] {
  try {
    parseScenario(header + steps, 'case.yaml');
    return [];
  } catch (error) {
    if (error instanceof YamlInputError) return [...error.lines];
    throw error;
  }
}

describe('scenario files', () => {
  it('resolves references and moves the clock step by step', () => {
    const scenario = parseScenario(
      `${HEADER}  - book: { pnr: ABC123, flight: VN213, passengers: [an] }
  - advance: 1h30m
  - at: 2025-12-01T08:45:00+07:00
    checkIn: { passenger: an, channel: KIOSK }
    expect: { outcome: ALLOWED }
`,
      'ok.yaml',
    );
    expect(scenario.steps.map((s) => [s.number, s.line, s.action.kind])).toEqual([
      [1, 8, 'book'],
      [2, 9, 'advance'],
      [3, 10, 'checkIn'],
    ]);
    expect(scenario.steps[1]?.action).toEqual({ kind: 'advance', ms: 90 * 60_000 });
    const checkIn = scenario.steps[2]?.action;
    expect(checkIn?.kind === 'checkIn' && checkIn.passenger.flight?.ref).toBe('VN213');
  });

  it.each([
    [
      'an unknown action',
      '  - fly: { passenger: an }\n',
      'case.yaml:8: steps[0].fly: unknown field',
    ],
    [
      'two actions in one step',
      '  - checkIn: { passenger: an, channel: KIOSK }\n    enrol: { passenger: an, channel: COUNTER }\n',
      'case.yaml:8: steps[0].checkIn: expected one action per step, got enrol and checkIn',
    ],
    [
      'an unknown passenger',
      '  - checkIn: { passenger: bob, channel: KIOSK }\n',
      'case.yaml:8: steps[0].checkIn.passenger: expected a passenger of this scenario (an), got "bob"',
    ],
    [
      'an unknown channel',
      '  - checkIn: { passenger: an, channel: DESK }\n',
      'case.yaml:8: steps[0].checkIn.channel: expected one of COUNTER, KIOSK, BIOMETRIC, got "DESK"',
    ],
    [
      'a clock that goes back',
      '  - at: 2025-12-01T06:00:00+07:00\n',
      'case.yaml:8: steps[0].at: expected an instant at or after 2025-12-01T00:00:00.000Z (the clock does not go back), got "2025-12-01T06:00:00+07:00"',
    ],
    [
      'an expectation the action cannot meet',
      '  - book: { pnr: ABC123, flight: VN213, passengers: [an] }\n    expect: { boarded: true }\n',
      'case.yaml:9: steps[0].expect.boarded: expected one of status, outcome, reason after book',
    ],
    [
      'an unknown reason code',
      '  - checkIn: { passenger: an, channel: KIOSK }\n    expect: { reason: NOPE }\n',
      'case.yaml:9: steps[0].expect.reason: expected a reason code',
    ],
    [
      'a step with nothing to do',
      '  - name: idle\n',
      'case.yaml:8: steps[0]: expected an action (one of advance, book, enrol',
    ],
    [
      'a malformed duration',
      '  - advance: 2 hours\n',
      'case.yaml:8: steps[0].advance: expected a duration such as 2h, 30m or 1d2h, got "2 hours"',
    ],
  ])('reports %s with file, line and expectation', (_case, steps, message) => {
    const lines = problems(steps);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(problems('  - book: { pnr: ABC123\n')[0]).toMatch(
      /^case\.yaml:9:\d+: not valid YAML \(Flow map/,
    );
  });

  it('reports a missing clock and an unknown airport in the header', () => {
    const lines = problems(
      '  - at: 2025-12-01T08:00:00+07:00\n',
      HEADER.replace('clock: 2025-12-01T07:00:00+07:00\n', '').replace(
        'origin: SGN',
        'origin: XXX',
      ),
    );
    expect(lines).toEqual([
      'case.yaml:1: clock: missing; expected an ISO 8601 instant with an offset, e.g. 2025-12-01T07:30:00+07:00 (years 1900-2100)',
    ]);
    const airport = problems('  - advance: 1h\n', HEADER.replace('origin: SGN', 'origin: XXX'));
    expect(airport).toEqual([
      'case.yaml:4: flights.VN213.origin: expected an airport of seeds/reference, got "XXX"',
    ]);
  });
});
