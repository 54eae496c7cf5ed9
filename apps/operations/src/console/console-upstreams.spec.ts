import { readConsoleUpstreams, upstreamOf } from './console-upstreams';

const UPSTREAMS = {
  checkin: 'http://checkin:3001',
  security: 'http://security:3002',
  boarding: 'http://boarding:3003',
};

describe('the console actions a standalone operations service forwards', () => {
  it.each([
    ['/v1/airports/SGN/outages', UPSTREAMS.checkin],
    ['/v1/airports/SGN/outages/KIOSK', UPSTREAMS.checkin],
    ['/v1/security/presentations', UPSTREAMS.security],
    ['/v1/boarding/flights/open', UPSTREAMS.boarding],
    ['/v1/boarding/flights/close', UPSTREAMS.boarding],
    ['/v1/boarding/presentations', UPSTREAMS.boarding],
    // Its own routes, and anything else, stay here.
    ['/v1/operations/session', undefined],
    ['/v1/security/alerts', undefined],
    ['/v1/boarding/flights/manifest', undefined],
    ['/v1/airports/SGN/outages/KIOSK/x', undefined],
    ['/v1/bookings', undefined],
  ])('%s goes to %s', (path, upstream) => {
    expect(upstreamOf(UPSTREAMS, path)).toBe(upstream);
  });

  it('reads three base URLs, without trailing slashes', () => {
    expect(
      readConsoleUpstreams({
        BIOGATE_CONSOLE_UPSTREAMS: 'http://checkin:3001/,http://security:3002,http://boarding:3003',
      }),
    ).toEqual(UPSTREAMS);
    expect(readConsoleUpstreams({})).toBeUndefined();
  });

  it.each(['http://a', 'http://a,http://b', 'ftp://a,http://b,http://c', 'http://a,,http://c'])(
    'refuses %j, naming the variable',
    (value) => {
      expect(() => readConsoleUpstreams({ BIOGATE_CONSOLE_UPSTREAMS: value })).toThrow(
        /BIOGATE_CONSOLE_UPSTREAMS: expected three http\(s\) base URLs/,
      );
    },
  );
});
