import { startServices, KEYS, type RunningServices } from '../support/service-harness';

interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: { path: string; message: string }[];
}

/** The exact words of the edge's refusals: each says what was sent and what was expected. */
describe('what the HTTP edge says', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices('PGlite');
  }, 60_000);
  afterAll(() => services.close());

  const post = (body: string, headers: Record<string, string> = {}) => {
    let request = services.http
      .post('/v1/check-ins')
      .set('x-api-key', KEYS.qa)
      .set('content-type', 'application/json');
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    return request.send(body);
  };

  it.each<[string, () => ReturnType<typeof post>, number, Partial<ErrorBody>]>([
    [
      'a body that is not JSON, with its line and column',
      () => post('{\n  "passengerId": x\n}'),
      400,
      {
        message: expect.stringMatching(
          /^the request body is not valid JSON: line 2, column 18/,
        ) as string,
      },
    ],
    [
      'a JSON body that is not an object',
      () => post('42'),
      400,
      { errors: [{ path: 'body', message: 'expected an object, got 42' }] },
    ],
    [
      'a body that is an array nested 50,000 deep, shown from its start',
      () => post(`${'['.repeat(50_000)}${']'.repeat(50_000)}`),
      400,
      { errors: [{ path: 'body', message: `expected an object, got ${'['.repeat(57)}...` }] },
    ],
    [
      'a JSON null body',
      () => post('null'),
      400,
      { errors: [{ path: 'body', message: 'expected an object, got null' }] },
    ],
    [
      'a text body, naming its content type',
      () => post('{}', { 'content-type': 'text/plain' }),
      415,
      {
        message:
          'expected a JSON body (Content-Type: application/json), got Content-Type "text/plain"',
      },
    ],
    [
      'a latin1 body',
      () => post('{}', { 'content-type': 'application/json; charset=latin1' }),
      415,
      { message: 'expected a UTF-8 JSON body, got charset "latin1"; send charset=utf-8 or none' },
    ],
    [
      'a gzip header over a plain body',
      () => post('{}', { 'content-encoding': 'gzip' }),
      415,
      { message: 'Content-Encoding "gzip" is not accepted; send the JSON body unencoded' },
    ],
    [
      '1e400, not as null',
      () =>
        post(
          '{"passengerId":"6f1c2b0e-0000-4000-8000-000000000000","channel":"KIOSK","capture":{"quality":"GOOD","seed":1e400}}',
        ),
      400,
      {
        errors: [
          {
            path: 'body.capture.seed',
            message: 'expected a seed string, got a number out of range',
          },
        ],
      },
    ],
    [
      'a __proto__ key like any unknown field',
      () =>
        post(
          '{"__proto__":{"admin":true},"passengerId":"6f1c2b0e-0000-4000-8000-000000000000","channel":"KIOSK"}',
        ),
      400,
      { errors: [{ path: 'body.__proto__', message: 'unknown field' }] },
    ],
    [
      'deep nesting, before anything recurses into it',
      () => post(`{"passengerId":${'['.repeat(2000)}${']'.repeat(2000)},"channel":"KIOSK"}`),
      400,
      {
        errors: [
          {
            path: `body.passengerId${'[0]'.repeat(31)}`,
            message: 'nested deeper than 32 levels; no field of this input is',
          },
        ],
      },
    ],
  ])('refuses %s', async (_label, send, status, body) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject(body);
  });

  it.each([
    [
      '/v1/passengers/not-a-uuid/journey',
      'params.passengerId',
      'expected a UUID, got "not-a-uuid"',
    ],
    ['/v1/passengers/%00/journey', 'params.passengerId', 'expected a UUID, got "\\u0000"'],
    ['/v1/bookings/VN/%00', 'params.pnr', 'expected a 6-character record locator, got "\\u0000"'],
    [
      '/v1/passengers/%E0%A4%A/journey',
      'params',
      'expected valid percent-encoding (UTF-8) in the path',
    ],
    [
      '/v1/security/alerts?airport=SGN&limit=0',
      'query.limit',
      'expected a number of alerts from 1 to 1000, got "0"',
    ],
    [
      '/v1/security/alerts?airport=SGN&limit=9999',
      'query.limit',
      'expected a number of alerts from 1 to 1000, got "9999"',
    ],
    [
      '/v1/boarding/flights/manifest?airport=SGN&carrier=VN&number=1&date=0000-01-01',
      'query.date',
      'expected a calendar date "YYYY-MM-DD" (years 1900-2100), got "0000-01-01"',
    ],
  ])('names the parameter of GET %s', async (path, field, message) => {
    const response = await services.http.get(path).set('x-api-key', KEYS.qa);
    expect(response.status).toBe(400);
    expect((response.body as ErrorBody).errors).toEqual([{ path: field, message }]);
  });

  it('does not echo a 10 kB path value whole', async () => {
    const response = await services.http
      .put(`/v1/maintenance/population-register/${'9'.repeat(10_000)}`)
      .set('x-api-key', KEYS.qa)
      .send({ vneidLevel: 1 });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body).length).toBeLessThan(400);
    expect((response.body as ErrorBody).errors).toEqual([
      {
        path: 'params.personalIdNumber',
        message:
          'expected a 12-digit personal identification number, got "9999999999999999999999999999999999999999"... (10000 characters)',
      },
    ]);
  });
});
