import type { Instant } from '@biogate/domain';
import {
  DistributedScenarioTarget,
  type ScenarioTarget,
  type ServiceResponse,
} from './scenario-target';

/** A service that logs what it is asked, in order, with its name. */
function service(name: string, log: string[]): ScenarioTarget {
  return {
    call: (method, path) => {
      log.push(`${name} ${method} ${path}`);
      return Promise.resolve<ServiceResponse>({ status: 200, body: {} });
    },
    setClock: async (at: Instant) => {
      // A clock that takes a while to move: a call must not overtake it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`${name} clock ${at}`);
    },
    settle: () => Promise.resolve(),
    deadLetters: () => Promise.resolve(0),
    overrideIdentity: () => Promise.resolve(),
  };
}

describe('DistributedScenarioTarget', () => {
  it("moves a service's clock when it is next called, once per instant, before its calls", async () => {
    const log: string[] = [];
    const target = new DistributedScenarioTarget(
      service('checkin', log),
      service('security', log),
      service('boarding', log),
    );
    await target.setClock(1000);
    expect(log).toEqual([]);
    await Promise.all([
      target.call('POST', '/v1/security/presentations', {}),
      target.call('POST', '/v1/security/presentations', {}),
    ]);
    await target.setClock(2000);
    await target.call('POST', '/v1/check-ins', {});
    await target.call('POST', '/v1/security/presentations', {});
    expect(log).toEqual([
      'security clock 1000',
      'security POST /v1/security/presentations',
      'security POST /v1/security/presentations',
      'checkin clock 2000',
      'checkin POST /v1/check-ins',
      'security clock 2000',
      'security POST /v1/security/presentations',
    ]);
  });

  it('moves the operations service at once: it is the console\'s "now"', async () => {
    const log: string[] = [];
    const target = new DistributedScenarioTarget(
      service('checkin', log),
      service('security', log),
      service('boarding', log),
      service('operations', log),
    );
    await target.setClock(1000);
    await target.call('POST', '/v1/operations/airports/SGN/queues', {});
    await target.call('POST', '/v1/boarding/presentations', {});
    expect(log).toEqual([
      'operations clock 1000',
      'operations POST /v1/operations/airports/SGN/queues',
      'boarding clock 1000',
      'boarding POST /v1/boarding/presentations',
    ]);
  });

  it('calls without a clock until the first setClock', async () => {
    const log: string[] = [];
    const target = new DistributedScenarioTarget(
      service('checkin', log),
      service('security', log),
      service('boarding', log),
    );
    await target.call('GET', '/v1/bookings/x');
    expect(log).toEqual(['checkin GET /v1/bookings/x']);
  });
});
