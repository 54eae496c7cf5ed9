import { groupSession } from './kafka-transport';

describe('groupSession', () => {
  it.each([
    // kafkajs's own defaults (30 s, heartbeats every 3 s) when nothing is set
    [undefined, {}],
    // a third of the session, so that two heartbeats may be lost
    [6_000, { sessionTimeout: 6_000, heartbeatInterval: 2_000 }],
    [7_000, { sessionTimeout: 7_000, heartbeatInterval: 2_333 }],
    // never less often than kafkajs's 3 s: a longer session only tolerates longer silences
    [9_000, { sessionTimeout: 9_000, heartbeatInterval: 3_000 }],
    [120_000, { sessionTimeout: 120_000, heartbeatInterval: 3_000 }],
  ])('a session timeout of %p ms: %p', (sessionTimeoutMs, expected) => {
    expect(groupSession(sessionTimeoutMs)).toEqual(expected);
  });
});
