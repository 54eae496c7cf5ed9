import { presentedDocument } from './presented-document';
import { parseInstant, type PassengerFacts, type PolicyRequest } from '@biogate/domain';
import { describeValue, joinPath, type InputError, type ParseResult } from '../input/input-error';
import { validateInput } from '../input/validated-input';
import { EvaluationRequestDto } from './evaluation-request.dto';

/** What the parser needs to know beyond structure: which airports exist. */
export interface AirportDirectory {
  has(code: string): boolean;
}

/** One request of the evaluation contract, checked and turned into the domain's PolicyRequest. */
export function parseEvaluationRequest(
  plain: unknown,
  airports: AirportDirectory,
  path = 'request',
): ParseResult<PolicyRequest> {
  const validated = validateInput(EvaluationRequestDto, plain, path);
  if (!validated.ok) return validated;
  const dto = validated.value;
  if (!airports.has(dto.airport)) {
    return {
      ok: false,
      errors: [
        { path: joinPath(path, 'airport'), message: `unknown airport code "${dto.airport}"` },
      ],
    };
  }
  return { ok: true, value: toPolicyRequest(dto) };
}

/**
 * A JSON array of requests. Every request is checked, so that one run reports every problem;
 * if any is wrong the whole batch is refused and nothing is decided.
 */
export function parseEvaluationRequests(
  plain: unknown,
  airports: AirportDirectory,
): ParseResult<PolicyRequest[]> {
  if (!Array.isArray(plain)) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `expected a JSON array of evaluation requests, got ${describeValue(plain)}`,
        },
      ],
    };
  }
  const requests: PolicyRequest[] = [];
  const errors: InputError[] = [];
  plain.forEach((item: unknown, index) => {
    const parsed = parseEvaluationRequest(item, airports, `request[${index}]`);
    if (parsed.ok) requests.push(parsed.value);
    else errors.push(...parsed.errors);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: requests };
}

function toPolicyRequest(dto: EvaluationRequestDto): PolicyRequest {
  const at = parseInstant(dto.at);
  if (at === undefined) throw new Error('validated instant did not parse'); // unreachable
  const passenger: PassengerFacts = {
    document: presentedDocument(dto.passenger.document),
    biometricEnrolled: dto.passenger.biometricEnrolled,
    checkedBags: dto.passenger.checkedBags,
    ssr: dto.passenger.ssr ?? [],
    ...(dto.passenger.birthDate == null ? {} : { birthDate: dto.passenger.birthDate }),
  };
  const common = {
    at,
    airport: dto.airport,
    international: dto.international,
    passenger,
    outages: dto.outages ?? [],
  };
  if (dto.touchpoint === 'CHECK_IN') {
    return { ...common, touchpoint: 'CHECK_IN', channel: requireValue(dto.channel) };
  }
  return { ...common, touchpoint: dto.touchpoint, lane: requireValue(dto.lane) };
}

function requireValue<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('validated field is missing'); // unreachable
  return value;
}
