import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EndpointControl,
  MemoryEndpointControl,
} from '../../shared/delivery/endpoint/endpoint-control.js';
import { type EndpointRules, endpointKey } from '../../shared/delivery/endpoint/endpoint-state.js';
import { EndpointStore } from '../../shared/delivery/endpoint/endpoint-store.js';
import { documentClient } from '../../shared/store/table.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';

const RULES: EndpointRules = {
  laneLimit: 4,
  failureThreshold: 3,
  coolDownMs: 10_000,
  maxCoolDownMs: 25_000,
  maxPaceWaitMs: 1_000,
};
const T = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);
const LEASE = 30_000;
/** Fast enough that the pace never gets in the way of the lane and circuit checks. */
const FAST = 1000;

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});

let endpointCounter = 0;
const freshEndpoint = () => `https://receiver-${endpointCounter++}.example.com/hook`;

describe.each([
  ['in memory (local mode)', () => new MemoryEndpointControl(RULES)],
  [
    'on a table item (Lambda)',
    () => new EndpointStore({ doc: documentClient(table.client), tableName: table.tableName }, RULES),
  ],
] as const)('endpoint control %s', (_label, make: () => EndpointControl) => {
  it('lets at most laneLimit attempts in flight; a place comes back when one settles or its lease ends', async () => {
    const control = make();
    const endpoint = freshEndpoint();
    const admissions = [];
    for (let n = 0; n < 5; n++) {
      admissions.push(
        await control.admit(endpoint, { holder: `h${n}`, now: at(n), leaseMs: LEASE, ratePerSecond: FAST }),
      );
    }
    expect(admissions.map((a) => a.kind)).toEqual(['go', 'go', 'go', 'go', 'wait']);
    expect(admissions[4]).toMatchObject({ kind: 'wait', reason: 'lane-full' });

    await control.settle(endpoint, { holder: 'h1', now: at(10), signal: 'answered' });
    expect(
      await control.admit(endpoint, { holder: 'h5', now: at(11), leaseMs: LEASE, ratePerSecond: FAST }),
    ).toMatchObject({
      kind: 'go',
    });
    expect(
      await control.admit(endpoint, { holder: 'h6', now: at(12), leaseMs: LEASE, ratePerSecond: FAST }),
    ).toMatchObject({
      kind: 'wait',
      reason: 'lane-full',
    });
    // A dispatcher that died holds its place only until its lease ends.
    expect(
      await control.admit(endpoint, {
        holder: 'h7',
        now: at(LEASE + 10),
        leaseMs: LEASE,
        ratePerSecond: FAST,
      }),
    ).toMatchObject({ kind: 'go' });
  });

  it('paces attempts at the rate limit: each admitted attempt gets the next turn, longer waits are not taken', async () => {
    const control = make();
    const endpoint = freshEndpoint();
    const sendAts: number[] = [];
    for (let n = 0; n < 4; n++) {
      const admission = await control.admit(endpoint, {
        holder: `p${n}`,
        now: T,
        leaseMs: LEASE,
        ratePerSecond: 5,
      });
      if (admission.kind !== 'go') throw new Error(`admission ${n} waited`);
      sendAts.push(admission.sendAt - T.getTime());
    }
    expect(sendAts).toEqual([0, 200, 400, 600]);
    for (let n = 0; n < 4; n++)
      await control.settle(endpoint, { holder: `p${n}`, now: T, signal: 'answered' });
    await control.admit(endpoint, { holder: 'p4', now: T, leaseMs: LEASE, ratePerSecond: 5 });
    await control.admit(endpoint, { holder: 'p5', now: T, leaseMs: LEASE, ratePerSecond: 5 });
    // The next turn is 1,200 ms away, past maxPaceWaitMs: not reserved, come back then.
    expect(await control.admit(endpoint, { holder: 'p6', now: T, leaseMs: LEASE, ratePerSecond: 5 })).toEqual(
      {
        kind: 'wait',
        reason: 'rate-limit',
        untilMs: T.getTime() + 1200,
      },
    );
  });

  it('opens after failureThreshold unreachable attempts in a row, probes once, reopens for longer, closes on an answer', async () => {
    const control = make();
    const endpoint = freshEndpoint();
    const attempt = async (holder: string, ms: number, signal: 'answered' | 'unreachable') => {
      const admission = await control.admit(endpoint, {
        holder,
        now: at(ms),
        leaseMs: LEASE,
        ratePerSecond: FAST,
      });
      if (admission.kind !== 'go') return { admission };
      return { admission, change: await control.settle(endpoint, { holder, now: at(ms), signal }) };
    };
    // An answer in between starts the count again.
    for (const [n, signal] of [
      'unreachable',
      'unreachable',
      'answered',
      'unreachable',
      'unreachable',
    ].entries()) {
      expect((await attempt(`a${n}`, n, signal as 'answered' | 'unreachable')).change).toBeUndefined();
    }
    const opening = await attempt('a5', 5, 'unreachable');
    expect(opening.change).toEqual({
      kind: 'opened',
      failures: 3,
      openUntil: T.getTime() + 5 + 10_000,
      coolDownMs: 10_000,
    });

    expect((await attempt('held', 1_000, 'answered')).admission).toEqual({
      kind: 'wait',
      reason: 'circuit-open',
      untilMs: T.getTime() + 5 + 10_000,
    });
    // Cool-down over: one probe, and only one.
    const probe = await control.admit(endpoint, {
      holder: 'probe1',
      now: at(10_005),
      leaseMs: LEASE,
      ratePerSecond: FAST,
    });
    expect(probe).toMatchObject({ kind: 'go', probe: true });
    expect(
      await control.admit(endpoint, {
        holder: 'other',
        now: at(10_006),
        leaseMs: LEASE,
        ratePerSecond: FAST,
      }),
    ).toMatchObject({
      kind: 'wait',
      reason: 'circuit-probing',
    });
    expect(
      await control.settle(endpoint, { holder: 'probe1', now: at(10_010), signal: 'unreachable' }),
    ).toEqual({
      kind: 'reopened',
      failures: 4,
      openUntil: T.getTime() + 10_010 + 20_000,
      coolDownMs: 20_000,
    });
    // The next failed probe doubles again, up to maxCoolDownMs.
    await control.admit(endpoint, { holder: 'probe2', now: at(30_010), leaseMs: LEASE, ratePerSecond: FAST });
    expect(
      await control.settle(endpoint, { holder: 'probe2', now: at(30_010), signal: 'unreachable' }),
    ).toMatchObject({
      kind: 'reopened',
      coolDownMs: 25_000,
    });
    await control.admit(endpoint, { holder: 'probe3', now: at(55_010), leaseMs: LEASE, ratePerSecond: FAST });
    expect(await control.settle(endpoint, { holder: 'probe3', now: at(55_020), signal: 'answered' })).toEqual(
      {
        kind: 'closed',
        failures: 5,
      },
    );
    expect(
      await control.admit(endpoint, {
        holder: 'after',
        now: at(55_030),
        leaseMs: LEASE,
        ratePerSecond: FAST,
      }),
    ).toMatchObject({
      kind: 'go',
      probe: false,
    });
  });

  it('a probe that sent nothing hands the probe to the next attempt', async () => {
    const control = make();
    const endpoint = freshEndpoint();
    for (let n = 0; n < 3; n++) {
      await control.admit(endpoint, { holder: `f${n}`, now: T, leaseMs: LEASE, ratePerSecond: FAST });
      await control.settle(endpoint, { holder: `f${n}`, now: T, signal: 'unreachable' });
    }
    await control.admit(endpoint, { holder: 'p1', now: at(10_000), leaseMs: LEASE, ratePerSecond: FAST });
    await control.settle(endpoint, { holder: 'p1', now: at(10_000), signal: 'not-sent' });
    expect(
      await control.admit(endpoint, { holder: 'p2', now: at(10_001), leaseMs: LEASE, ratePerSecond: FAST }),
    ).toMatchObject({
      kind: 'go',
      probe: true,
    });
  });
});

describe('endpoint control on a table item, shared by many dispatchers', () => {
  /** A store over the test table that counts the calls it makes to it. */
  const counted = (options: ConstructorParameters<typeof EndpointStore>[2] = {}) => {
    const doc = documentClient(table.client);
    const calls = { count: 0 };
    const send = ((command: Parameters<typeof doc.send>[0]) => {
      calls.count += 1;
      return doc.send(command);
    }) as typeof doc.send;
    const store = new EndpointStore(
      { doc: { send } as typeof doc, tableName: table.tableName },
      RULES,
      options,
    );
    return { store, calls };
  };

  it('20 dispatchers asking at once: each that goes has a turn of its own; those past maxPaceWaitMs wait', async () => {
    const stores = Array.from({ length: 20 }, () => counted().store);
    const endpoint = freshEndpoint();
    const admissions = await Promise.all(
      stores.map((store, n) =>
        store.admit(endpoint, { holder: `c${n}`, now: T, leaseMs: LEASE, ratePerSecond: 10 }),
      ),
    );
    const went = admissions.filter((a) => a.kind === 'go');
    // 10 a second, 1 s of pace wait at most: the turns at 0, 100, ..., 1000 ms.
    expect(went.map((a) => (a.kind === 'go' ? a.sendAt - T.getTime() : -1)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 11 }, (_, n) => n * 100),
    );
    expect(admissions.filter((a) => a.kind === 'wait' && a.reason === 'rate-limit')).toHaveLength(9);
  });

  it('an attempt that takes its turn and is answered touches the item once', async () => {
    const { store, calls } = counted();
    const endpoint = freshEndpoint();
    for (let n = 0; n < 3; n++) {
      expect(
        await store.admit(endpoint, { holder: `h${n}`, now: at(n * 100), leaseMs: LEASE, ratePerSecond: 10 }),
      ).toMatchObject({ kind: 'go', sendAt: T.getTime() + n * 100 });
      await store.settle(endpoint, { holder: `h${n}`, now: at(n * 100 + 20), signal: 'answered' });
    }
    expect(calls.count).toBe(3);
  });

  it('an endpoint far below its limits is not touched at all; sent to again soon, it takes a turn', async () => {
    // 50 containers at 10 a second: a container's own quiet gap is 5 s.
    const { store, calls } = counted({ fleetConcurrency: 50 });
    const endpoint = freshEndpoint();
    expect(await store.admit(endpoint, { holder: 'q1', now: T, leaseMs: LEASE, ratePerSecond: 10 })).toEqual({
      kind: 'go',
      sendAt: T.getTime(),
      probe: false,
    });
    await store.settle(endpoint, { holder: 'q1', now: at(30), signal: 'answered' });
    expect(calls.count).toBe(0);

    // Within its gap the next attempt takes a turn, after this container's own last one.
    expect(
      await store.admit(endpoint, { holder: 'q2', now: at(40), leaseMs: LEASE, ratePerSecond: 10 }),
    ).toMatchObject({ kind: 'go', sendAt: T.getTime() + 100 });
    await store.settle(endpoint, { holder: 'q2', now: at(140), signal: 'answered' });
    expect(calls.count).toBe(1);

    // Quiet again after the gap.
    await store.admit(endpoint, { holder: 'q3', now: at(6_000), leaseMs: LEASE, ratePerSecond: 10 });
    await store.settle(endpoint, { holder: 'q3', now: at(6_050), signal: 'answered' });
    expect(calls.count).toBe(1);
  });

  it('an endpoint known to fail is never far below its limits: its attempts count on the item, and open the circuit for all', async () => {
    const fleet = [counted({ fleetConcurrency: 50 }), counted({ fleetConcurrency: 50 })];
    const endpoint = freshEndpoint();
    const [first, second] = fleet.map((member) => member.store);
    if (!first || !second) throw new Error('two containers');
    let change: Awaited<ReturnType<EndpointStore['settle']>>;
    for (let n = 0; n < RULES.failureThreshold; n++) {
      const ms = n * 10;
      await first.admit(endpoint, { holder: `f${n}`, now: at(ms), leaseMs: LEASE, ratePerSecond: 10 });
      change = await first.settle(endpoint, { holder: `f${n}`, now: at(ms + 5), signal: 'unreachable' });
    }
    expect(change).toMatchObject({ kind: 'opened', failures: RULES.failureThreshold });
    // The other container learns of the open circuit on its first failure there, which does not reopen it.
    await second.admit(endpoint, { holder: 's1', now: at(1_000), leaseMs: LEASE, ratePerSecond: 10 });
    expect(
      await second.settle(endpoint, { holder: 's1', now: at(1_010), signal: 'unreachable' }),
    ).toBeUndefined();
    expect(
      await second.admit(endpoint, { holder: 's2', now: at(1_020), leaseMs: LEASE, ratePerSecond: 10 }),
    ).toMatchObject({ kind: 'wait', reason: 'circuit-open' });
  });
});

describe('endpoint keys', () => {
  it('keys endpoints by scheme, host, port and path, not by query string', () => {
    expect(endpointKey('https://Example.com:443/hook?token=a')).toBe(
      endpointKey('https://example.com/hook?token=b'),
    );
    expect(endpointKey('https://example.com/a')).not.toBe(endpointKey('https://example.com/b'));
    expect(endpointKey('http://example.com:8080/a')).not.toBe(endpointKey('http://example.com/a'));
  });
});
