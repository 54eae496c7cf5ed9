import { booking } from '../support/booking-fixtures';
import { databaseState } from '../support/database-state';
import { checkedInPassenger, settle } from '../support/journey-steps';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

/**
 * Every HTTP operation of the OpenAPI document, under a few hundred malformed requests each:
 * generated from the operation's own parameters and request schema. Each answer must be a 4xx
 * with a JSON body that names the field (or the content type), within the timeout, and the
 * operation's requests together must write nothing.
 */

type Json = unknown;
interface SchemaObject {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  $ref?: string;
  allOf?: SchemaObject[];
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; schema?: SchemaObject }[];
  requestBody?: { content: { 'application/json': { schema: SchemaObject } } };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

/** A malformed request and the field its answer must name (undefined: the body as a whole). */
interface FuzzCase {
  readonly label: string;
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly names?: string;
}

/** Operations that take no input at all: nothing to malform. */
const NO_INPUT = new Set([
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'GET /v1/maintenance/clock',
  'GET /v1/maintenance/dead-letters',
  'POST /v1/maintenance/template-purge',
  'GET /v1/operations/session',
]);

/** Malformed requests at least, for an operation with a body; with parameters only, fewer exist. */
const BODY_FLOOR = 30;
const QUERY_ONLY_FLOOR = 20;

/** Stand-in for a raw JSON fragment that JSON.stringify cannot write (1e400, __proto__ keys). */
const RAW = '@@raw@@';
const RAW_JSON = JSON.stringify(RAW);

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Wrong values for a field of this schema: each is refused whatever the other fields say. */
function wrongValues(schema: SchemaObject): [string, Json, string?][] {
  const values: [string, Json, string?][] = [
    ['null', null],
    ['a NUL character', 'A\u0000B'],
    ['1,400 nested arrays', RAW, deepArray(1400)],
    ['2,500 nested objects', RAW, deepObject(2500)],
    ['a __proto__ key', RAW, '{"__proto__":{"polluted":true}}'],
    ['a constructor key', RAW, '{"constructor":{"prototype":{"polluted":true}}}'],
  ];
  switch (schema.type) {
    case 'string':
      values.push(['a number', 42], ['true', true], ['an array', ['x']], ['an object', {}]);
      values.push(['10 kB of text', 'x'.repeat(10_000)]);
      if (schema.pattern ?? schema.format ?? schema.enum ?? schema.minLength)
        values.push(['empty', '']);
      if (schema.format === 'date')
        values.push(['year 0000', '0000-01-01'], ['year 0099', '0099-12-31']);
      if (schema.format === 'date-time') values.push(['year 0000', '0000-01-01T00:00:00Z']);
      break;
    case 'integer':
    case 'number':
      values.push(['a numeric string', '1'], ['1e400', RAW, '1e400'], ['-1e400', RAW, '-1e400']);
      values.push(['true', true], ['an array', [1]]);
      if (schema.type === 'integer') values.push(['a fraction', 1.5]);
      break;
    case 'boolean':
      values.push(['a string', 'true'], ['zero', 0], ['an array', [true]]);
      break;
    case 'array':
      values.push(['an object', {}], ['a string', 'x'], ['[[]]', [[]]], ['[null]', [null]]);
      values.push(['[42]', [42]]);
      break;
    default:
      // Objects (and $ref'd DTOs): the wrong shapes, and an empty one where fields are required.
      values.push(['an array', []], ['[[]]', [[]]], ['a string', 'x'], ['a number', 42]);
      if ((schema.required ?? []).length > 0) values.push(['an empty object', {}]);
  }
  return values;
}

function resolve(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  const ref = schema.$ref ?? schema.allOf?.find((s) => s.$ref)?.$ref;
  if (ref === undefined) return schema;
  const name = ref.split('/').pop()!;
  return doc.components.schemas[name]!;
}

/** Every field path of a body schema, with its schema: `flight.date`, `passengers[0].surname`. */
function fieldsOf(
  doc: OpenApiDocument,
  schema: SchemaObject,
  prefix: (string | number)[] = [],
  depth = 0,
): { path: (string | number)[]; schema: SchemaObject }[] {
  const resolved = resolve(doc, schema);
  const fields: { path: (string | number)[]; schema: SchemaObject }[] = [];
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    const path = [...prefix, name];
    const field = resolve(doc, property);
    fields.push({ path, schema: field });
    if (depth > 2) continue;
    if (field.properties) fields.push(...fieldsOf(doc, field, path, depth + 1));
    if (field.type === 'array' && field.items) {
      const item = resolve(doc, field.items);
      if (item.properties) fields.push(...fieldsOf(doc, item, [...path, 0], depth + 1));
    }
  }
  return fields;
}

function displayPath(root: string, path: (string | number)[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${part}`),
    root,
  );
}

function withValue(base: Json, path: (string | number)[], value: Json): Json {
  const copy = structuredClone(base) as Record<string | number, Json>;
  let node = copy;
  for (const part of path.slice(0, -1)) {
    node[part] ??= typeof part === 'number' ? [] : {};
    node = node[part] as Record<string | number, Json>;
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

function bodyCases(
  doc: OpenApiDocument,
  path: string,
  schema: SchemaObject,
  base: Json,
): FuzzCase[] {
  const json = JSON.stringify(base);
  const cases: FuzzCase[] = [
    { label: 'a body that is not JSON', path, body: '{"airport": SGN' },
    { label: 'a truncated body', path, body: json.slice(0, json.length - 3) },
    { label: 'a body of 42', path, body: '42', names: 'body' },
    { label: 'a body of null', path, body: 'null', names: 'body' },
    { label: 'a body that is a string', path, body: '"x"', names: 'body' },
    { label: 'a body that is an array', path, body: `[${json}]`, names: 'body' },
    { label: 'a body of 40,000 nested arrays', path, body: deepArray(40_000), names: 'body' },
    { label: 'a body of 2,500 nested objects', path, body: deepObject(2500) },
    { label: 'an unknown field', path, body: `{"hidden":1,${json.slice(1)}`, names: 'body.hidden' },
    {
      label: 'a __proto__ field',
      path,
      body: `{"__proto__":{"x":1},${json.slice(1)}`,
      names: 'body.__proto__',
    },
    {
      label: 'a constructor field',
      path,
      body: `{"constructor":{},${json.slice(1)}`,
      names: 'body.constructor',
    },
    { label: 'no Content-Type', path, body: json, headers: { 'content-type': '' } },
    { label: 'a text body', path, body: json, headers: { 'content-type': 'text/plain' } },
    {
      label: 'a form body',
      path,
      body: 'airport=SGN',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    {
      label: 'a multipart Content-Type',
      path,
      body: json,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    },
    ...['latin1', 'ascii', 'utf-16', 'iso-8859-1'].map((charset) => ({
      label: `charset=${charset}`,
      path,
      body: json,
      headers: { 'content-type': `application/json; charset=${charset}` },
    })),
    ...['gzip', 'deflate', 'br', 'compress', 'x-unknown'].map((encoding) => ({
      label: `Content-Encoding ${encoding} over a plain body`,
      path,
      body: json,
      headers: { 'content-encoding': encoding },
    })),
  ];
  for (const field of fieldsOf(doc, schema)) {
    const names = displayPath('body', field.path);
    for (const [label, value, raw] of wrongValues(field.schema)) {
      let body = JSON.stringify(withValue(base, field.path, value));
      if (raw !== undefined) body = body.replace(RAW_JSON, raw);
      cases.push({ label: `${names} as ${label}`, path, body, names });
    }
  }
  return cases;
}

/** What any request may get wrong whatever its operation: its headers, or a body it cannot take. */
function requestCases(path: string, base: BaseRequest): FuzzCase[] {
  const body = base.body === undefined ? undefined : JSON.stringify(base.body);
  const cases: FuzzCase[] = [
    ['of 200 characters', 'c'.repeat(200)],
    ['with a space', 'a b'],
    ['with a latin-1 letter', 'caf\u00e9'],
  ].map(([label, value]) => ({
    label: `an x-correlation-id ${label}`,
    path,
    ...(body === undefined ? {} : { body }),
    headers: { 'x-correlation-id': value! },
    names: 'headers.x-correlation-id',
  }));
  for (const [label, value] of [
    ['without an offset', '2025-12-01T07:30:00'],
    ['a date alone', '2025-12-01'],
    ['a word', 'now'],
  ] as const) {
    cases.push({
      label: `an x-qa-clock ${label}`,
      path,
      ...(body === undefined ? {} : { body }),
      headers: { 'x-qa-clock': value },
      names: 'headers.x-qa-clock',
    });
  }
  if (body === undefined) {
    // A body where none is taken is still read first: it must be well-formed JSON.
    cases.push(
      { label: 'a text body', path, body: 'x', headers: { 'content-type': 'text/plain' } },
      { label: 'a gzip body', path, body: '{}', headers: { 'content-encoding': 'gzip' } },
      {
        label: 'a latin1 body',
        path,
        body: '{}',
        headers: { 'content-type': 'application/json; charset=latin1' },
      },
      { label: 'a body that is not JSON', path, body: '{"a": x' },
      { label: 'a deflate body', path, body: '{}', headers: { 'content-encoding': 'deflate' } },
      {
        label: 'a form body',
        path,
        body: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
  }
  return cases;
}

const BAD_PATH_VALUES: [string, string][] = [
  ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
  ['a UUID in braces', '%7B6f1c2b0e-0000-4000-8000-000000000000%7D'],
  ['a UUID one character short', '6f1c2b0e-0000-4000-8000-00000000000'],
  ['zero', '0'],
  ['minus one', '-1'],
  ['four letters', 'SGNX'],
  ['null', 'null'],
  ['a space', '%20'],
  ['a newline', '%0A'],
  ['an overlong UTF-8 dot', '%C0%AE'],
  ['a %u escape', '%u0041'],
  ['a template', '%7Bid%7D'],
  ['a NUL byte', '%00'],
  ['a NUL byte after a good value', 'SGN%00'],
  ['broken percent-encoding', '%E0%A4%A'],
  ['a lone percent sign', '%'],
  ['10 kB', 'x'.repeat(10_000)],
  ['a dot-dot', '..'],
  ['an encoded slash', 'a%2Fb'],
  ['lower case', 'abc'],
  ['an emoji', '%F0%9F%98%80'],
  ['a quote', '%22%27'],
];

const BAD_QUERY_VALUES: [string, string][] = [
  ['empty', ''],
  ['a NUL byte', '%00'],
  ['broken percent-encoding', '%E0%A4%A'],
  ['10 kB', 'x'.repeat(10_000)],
  ['a bracketed object', '[x]=1'],
  ['year 0000', '0000-01-01'],
  ['zero', '0'],
  ['9999', '9999'],
  ['a negative number', '-1'],
  ['an exponent', '1e3'],
  ['a time without offset', '2025-12-01T07:30:00'],
];

function decodes(value: string): boolean {
  try {
    decodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

function violates(schema: SchemaObject, value: string): boolean {
  if (value.startsWith('[') || value.includes('%')) return true;
  if (schema.enum !== undefined) return !schema.enum.includes(value);
  if (schema.pattern !== undefined) return !new RegExp(schema.pattern).test(value);
  return true;
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]!);
}

function queryText(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

function parameterCases(operation: Operation, template: string, base: BaseRequest): FuzzCase[] {
  const cases: FuzzCase[] = [];
  // One thing wrong at a time: the body, when the operation takes one, stays valid.
  const body = base.body === undefined ? {} : { body: JSON.stringify(base.body) };
  const params = base.params ?? {};
  const query = base.query ?? {};
  const url = (p: Record<string, string>, q: string) =>
    `${fill(template, p)}${q === '' ? '' : `?${q}`}`;
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'path') {
      for (const [label, value] of BAD_PATH_VALUES) {
        // Broken percent-encoding fails to decode before any parameter is known by name.
        const names = decodes(value) ? `params.${parameter.name}` : 'params';
        cases.push({
          label: `path ${parameter.name} as ${label}`,
          path: url({ ...params, [parameter.name]: value }, queryText(query)),
          names,
          ...body,
        });
      }
      continue;
    }
    const others = Object.fromEntries(Object.entries(query).filter(([k]) => k !== parameter.name));
    for (const [label, value] of BAD_QUERY_VALUES) {
      // Only values the documented schema refuses: `number=0` is a well-formed flight number.
      if (!violates(parameter.schema ?? {}, value)) continue;
      const text = value.startsWith('[')
        ? `${parameter.name}${value}`
        : `${parameter.name}=${value}`;
      const bad = [queryText(others), text].filter((t) => t !== '').join('&');
      cases.push({
        label: `query ${parameter.name} as ${label}`,
        path: url(params, bad),
        names: `query.${parameter.name}`,
      });
    }
    const twice = [
      queryText(query),
      `${parameter.name}=${encodeURIComponent(query[parameter.name] ?? 'x')}`,
    ]
      .filter((t) => t !== '')
      .join('&');
    cases.push({
      label: `query ${parameter.name} given twice`,
      path: url(params, twice),
      names: `query.${parameter.name}`,
    });
    if (parameter.required) {
      cases.push({
        label: `query ${parameter.name} left out`,
        path: url(params, queryText(others)),
        names: `query.${parameter.name}`,
      });
    }
  }
  if ((operation.parameters ?? []).some((p) => p.in === 'query')) {
    cases.push({
      label: 'an unknown query parameter',
      path: url(params, [queryText(query), 'hidden=1'].filter((t) => t !== '').join('&')),
      names: 'query.hidden',
    });
  }
  return cases;
}

interface BaseRequest {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: Json;
}

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('fuzzing every operation, on %s', (kind) => {
  let services: RunningServices;
  let doc: OpenApiDocument;
  let bases: Record<string, BaseRequest>;
  const counts: Record<string, number> = {};
  /** The fewest malformed requests each operation must get: a generator that made fewer broke. */
  const floors: Record<string, number> = {};

  beforeAll(async () => {
    services = await startServices(kind);
    doc = (await services.http.get('/docs-json')).body as OpenApiDocument;
    // Valid requests about a real passenger, so that each malformed field is the only thing wrong.
    const p = await checkedInPassenger(services, 'FUZZ01', { enrolled: true, flightNumber: '777' });
    const open = await services.http
      .post('/v1/boarding/flights/open')
      .set('x-api-key', KEYS.qa)
      .send({ airport: 'SGN', carrier: 'VN', number: '777', date: '2025-12-01', gate: '12' });
    expect(open.status).toBe(200);
    const document = {
      type: 'CITIZEN_ID_CARD',
      number: p.personalIdNumber,
      expiresOn: '2031-05-01',
    };
    const capture = {
      quality: 'GOOD',
      seed: 'fuzz',
      presentationAttack: false,
      subject: p.personalIdNumber,
    };
    const flightKey = { airport: 'SGN', carrier: 'VN', number: '777', date: '2025-12-01' };
    bases = {
      'PUT /v1/maintenance/clock': { body: { at: '2025-12-01T07:30:00+07:00' } },
      'POST /v1/maintenance/settle': { query: { until: 'PUBLISHED' } },
      'PUT /v1/maintenance/population-register/{personalIdNumber}': {
        params: { personalIdNumber: '079200009999' },
        body: { registered: true, vneidLevel: 2 },
      },
      'POST /v1/bookings': { body: booking('FUZZ02', { passenger: { ssr: ['WCHR'] } }) },
      'POST /v1/passenger-name-lists': {
        body: (({ flight, pnr, passengers }) => ({ flight, bookings: [{ pnr, passengers }] }))(
          booking('FUZZ03', { passenger: { ssr: ['WCHR'] } }),
        ),
      },
      'GET /v1/bookings/{carrier}/{pnr}': { params: { carrier: 'VN', pnr: 'FUZZ01' } },
      'GET /v1/passengers/{passengerId}/channels': {
        params: { passengerId: p.passengerId },
        query: { at: '2025-12-01T07:30:00+07:00' },
      },
      'GET /v1/passengers/{passengerId}/journey': { params: { passengerId: p.passengerId } },
      'POST /v1/enrolments': {
        body: { passengerId: p.passengerId, channel: 'COUNTER', consent: true, capture },
      },
      'DELETE /v1/enrolments/{enrolmentId}': { params: { enrolmentId: p.enrolmentId! } },
      'POST /v1/check-ins': { body: { passengerId: p.passengerId, channel: 'BIOMETRIC', capture } },
      'POST /v1/policy/evaluate': {
        body: {
          at: '2025-12-01T07:30:00+07:00',
          touchpoint: 'CHECK_IN',
          channel: 'COUNTER',
          airport: 'SGN',
          international: false,
          passenger: {
            document,
            biometricEnrolled: false,
            checkedBags: 0,
            ssr: [],
            birthDate: '1990-02-03',
          },
          outages: ['KIOSK'],
        },
      },
      'GET /v1/airports/{airport}/outages': { params: { airport: 'SGN' } },
      'PUT /v1/airports/{airport}/outages/{outage}': {
        params: { airport: 'SGN', outage: 'KIOSK' },
      },
      'DELETE /v1/airports/{airport}/outages/{outage}': {
        params: { airport: 'SGN', outage: 'KIOSK' },
      },
      'POST /v1/security/presentations': {
        body: {
          airport: 'SGN',
          lane: 'AUTOMATED',
          boardingPass: p.boardingPass,
          document,
          capture,
        },
      },
      'GET /v1/security/alerts': { query: { airport: 'SGN', limit: '10' } },
      'POST /v1/boarding/flights/open': { body: { ...flightKey, gate: '12' } },
      'POST /v1/boarding/flights/close': { body: flightKey },
      'POST /v1/boarding/presentations': {
        body: {
          airport: 'SGN',
          gate: '12',
          lane: 'AUTOMATED',
          boardingPass: p.boardingPass,
          document,
          capture,
        },
      },
      'GET /v1/boarding/flights/manifest': { query: flightKey },
      'GET /v1/boarding/alerts': { query: { airport: 'SGN', limit: '10' } },
      'GET /v1/operations/airports/{airport}/overview': { params: { airport: 'SGN' } },
      // Every case is malformed, so the stream is refused before it opens: nothing hangs.
      'GET /v1/operations/airports/{airport}/stream': { params: { airport: 'SGN' } },
      'GET /v1/operations/airports/{airport}/alerts': {
        params: { airport: 'SGN' },
        query: { kind: 'FACE_MISMATCH', limit: '10' },
      },
      'GET /v1/operations/airports/{airport}/manifest': {
        params: { airport: 'SGN' },
        query: { carrier: 'VN', number: '213', date: '2025-12-01' },
      },
      'GET /v1/operations/airports/{airport}/passengers/{passengerId}': {
        params: { airport: 'SGN', passengerId: p.passengerId },
      },
      'POST /v1/operations/airports/{airport}/queues': {
        params: { airport: 'SGN' },
        body: {
          readings: [
            { queue: 'CHECK_IN_KIOSK', length: 12, waitSeconds: 300 },
            { queue: 'SECURITY_EGATE', length: 3, waitSeconds: 40 },
          ],
        },
      },
    };
    await settle(services);
  }, 120_000);

  afterAll(async () => {
    // The counts go to the closing note: how many malformed requests each operation took.
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const each = Object.entries(counts)
      .map(([operation, n]) => `  ${n}\t${operation}`)
      .join('\n');
    process.stdout.write(`http fuzz on ${kind}: ${total} malformed requests\n${each}\n`);
    await services.close();
  });

  it('has a base request for every operation that takes input, and documents each', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.filter((o) => !NO_INPUT.has(o)).sort()).toEqual(Object.keys(bases).sort());
    for (const [key, base] of Object.entries(bases)) {
      const [method, path] = key.split(' ') as [string, string];
      const operation = doc.paths[path]![method.toLowerCase()]!;
      const documented = new Set((operation.parameters ?? []).map((p) => `${p.in}:${p.name}`));
      for (const name of Object.keys(base.params ?? {}))
        expect(documented).toContain(`path:${name}`);
      for (const name of Object.keys(base.query ?? {}))
        expect(documented).toContain(`query:${name}`);
      expect(operation.requestBody !== undefined).toBe(base.body !== undefined);
    }
  });

  it('answers every malformed request with a 4xx that names the field, and writes nothing', async () => {
    const failures: string[] = [];
    for (const [key, base] of Object.entries(bases)) {
      const [method, template] = key.split(' ') as [string, string];
      const operation = doc.paths[template]![method.toLowerCase()]!;
      const schema = operation.requestBody?.content['application/json'].schema;
      const path = fill(template, base.params ?? {});
      const withQuery = base.query === undefined ? path : `${path}?${queryText(base.query)}`;
      const cases = [
        ...requestCases(withQuery, base),
        ...parameterCases(operation, template, base),
        ...(schema === undefined ? [] : bodyCases(doc, withQuery, schema, base.body)),
      ];
      counts[key] = cases.length;
      floors[key] = schema === undefined ? QUERY_ONLY_FLOOR : BODY_FLOOR;
      const before = await databaseState(services);
      for (const fuzz of cases) {
        const problem = await send(method, fuzz);
        if (problem !== undefined) failures.push(`${key} with ${fuzz.label}: ${problem}`);
      }
      await settle(services);
      const after = await databaseState(services);
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (changed.length > 0)
        failures.push(`${key}: malformed requests wrote to ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(Object.entries(counts).filter(([key, n]) => n < (floors[key] ?? BODY_FLOOR))).toEqual(
      [],
    );
  }, 600_000);

  async function send(method: string, fuzz: FuzzCase): Promise<string | undefined> {
    let request = services.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](
      fuzz.path,
    )
      .set('x-api-key', KEYS.qa)
      .timeout(10_000);
    if (fuzz.body !== undefined) request = request.set('content-type', 'application/json');
    for (const [name, value] of Object.entries(fuzz.headers ?? {})) {
      request = value === '' ? request.unset(name) : request.set(name, value);
    }
    if (fuzz.body !== undefined) request = request.send(fuzz.body);
    let response;
    try {
      response = await request;
    } catch (error) {
      return `no answer (${String(error)})`;
    }
    const { status } = response;
    const body = response.body as { message?: unknown; errors?: { path: string }[] };
    if (status < 400 || status >= 500) return `status ${status}: ${response.text.slice(0, 200)}`;
    if (typeof body.message !== 'string') return `status ${status} without a JSON message`;
    if (fuzz.names === undefined) return undefined;
    const paths = (body.errors ?? []).map((e) => e.path);
    const named = paths.some(
      (p) => p === fuzz.names || p.startsWith(`${fuzz.names}.`) || p.startsWith(`${fuzz.names}[`),
    );
    return named
      ? undefined
      : `status ${status} does not name ${fuzz.names}: ${response.text.slice(0, 300)}`;
  }
});
