import type { DiscoveryService } from '@nestjs/core';
import type { EventTransport } from '@biogate/messaging';
import { ServiceQuiescence } from './scenario-control';
import { ServiceOutbox } from './service-outbox';

/**
 * An outbox whose relay delivers `perDrain[n]` rows at its nth drain (0 once the list is spent),
 * and a transport whose consumers are idle at once; both log what they are asked.
 */
function processWith(perDrain: number[][], log: string[]): ServiceQuiescence {
  const outboxes = perDrain.map((deliveries, i) => {
    const outbox = Object.create(ServiceOutbox.prototype) as ServiceOutbox;
    let sent = 0;
    Object.defineProperty(outbox, 'sent', { get: () => sent });
    Object.defineProperty(outbox, 'drain', {
      value: () => {
        log.push(`drain ${i}`);
        sent += deliveries.shift() ?? 0;
        return Promise.resolve();
      },
    });
    return outbox;
  });
  const discovery = {
    getProviders: () => [{ instance: {} }, ...outboxes.map((instance) => ({ instance }))],
  } as unknown as DiscoveryService;
  const transport = {
    idle: () => {
      log.push('idle');
      return Promise.resolve();
    },
  } as unknown as EventTransport;
  const quiescence = new ServiceQuiescence(discovery, transport);
  quiescence.onApplicationBootstrap();
  return quiescence;
}

describe('ServiceQuiescence', () => {
  it.each<[string, number[][], string[]]>([
    ['nothing to deliver: one round', [[], []], ['idle', 'drain 0', 'drain 1']],
    [
      'a round that delivered is followed by one that finds the process at rest',
      [[3], [1]],
      ['idle', 'drain 0', 'drain 1', 'idle', 'drain 0', 'drain 1'],
    ],
    [
      "a consumer's own events delivered in the second round: a third",
      [[2, 1], []],
      ['idle', 'drain 0', 'drain 1', 'idle', 'drain 0', 'drain 1', 'idle', 'drain 0', 'drain 1'],
    ],
  ])('settles: %s', async (_case, perDrain, expected) => {
    const log: string[] = [];
    await processWith(perDrain, log).settle();
    expect(log).toEqual(expected);
  });

  it('delivers the outboxes once, and only, when asked for what it published', async () => {
    const log: string[] = [];
    await processWith([[3], [1]], log).published();
    expect(log).toEqual(['drain 0', 'drain 1']);
  });

  it('waits for the consumers, and only, when asked to catch up', async () => {
    const log: string[] = [];
    await processWith([[3], [1]], log).caughtUp();
    expect(log).toEqual(['idle']);
  });

  it('ends a settle after ten rounds under a steady stream of writes', async () => {
    const log: string[] = [];
    await processWith([Array.from({ length: 50 }, () => 1)], log).settle();
    expect(log.filter((entry) => entry === 'idle')).toHaveLength(10);
  });
});
