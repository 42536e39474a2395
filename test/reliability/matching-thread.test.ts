import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { entityListChange } from '../../bench/watchlist-data.js';
import { MatchingThread, type RuntimePorts } from '../../local/matching-thread.js';
import type { MetricName } from '../../shared/kernel/metrics.js';
import type { FanOutJob } from '../../shared/matching/matcher.js';
import { DEFAULT_RETENTION } from '../../shared/store/retention.js';
import { policyChangeInputFixture, subscriptionFixture, T0 } from '../store/fixtures.js';
import { alertItems, createTestTable, type TestTable } from '../support/dynamodb.js';
import { eventually, type LocalService, startLocalService } from '../support/local-service.js';
import { RecordingNotifier, RecordingQueue } from '../support/recording.js';
import { ADMIN, apiClient } from './support.js';

describe('the matching thread', () => {
  let table: TestTable;
  let job: FanOutJob;
  let thread: MatchingThread | undefined;

  beforeAll(async () => {
    table = await createTestTable({ clock: () => T0 });
    await table.subscriptions.create(
      subscriptionFixture({ id: 'sub_thread_gallium', filters: { materials: ['gallium'] } }),
    );
    await table.subscriptions.create(
      subscriptionFixture({ id: 'sub_thread_cobalt', filters: { materials: ['cobalt'] } }),
    );
    const { change } = await table.changes.ingest(policyChangeInputFixture({ materials: ['gallium'] }), T0);
    job = { change, type: 'policy_change.published', details: {} };
  });

  afterEach(async () => {
    await thread?.stop();
    thread = undefined;
  });

  function ports(queue = new RecordingQueue()) {
    const recorded: { name: MetricName; value: number }[] = [];
    const notifier = new RecordingNotifier();
    const logged: Record<string, unknown>[] = [];
    const parts: RuntimePorts = {
      queue,
      notifier,
      metrics: { record: (name, value) => recorded.push({ name, value }), flush: async () => {} },
      clock: () => T0,
      log: (entry) => logged.push(entry),
    };
    return { parts, queue, notifier, recorded, logged };
  }

  const settings = () => ({
    endpoint: table.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    tableName: table.tableName,
    retention: DEFAULT_RETENTION,
  });

  it('writes the alerts in the table and hands deliveries, operator alerts and metrics to the runtime', async () => {
    const runtime = ports();
    thread = new MatchingThread(settings(), runtime.parts);
    const report = await thread.fanOut(job);

    expect(report).toMatchObject({ candidates: 1, matched: 1, alertsCreated: 1, deliveriesEnqueued: 1 });
    expect((await alertItems(table)).map((alert) => alert.subscriptionId)).toEqual(['sub_thread_gallium']);
    expect(runtime.queue.deliveryIds).toHaveLength(1);
    expect(runtime.notifier.operatorAlerts.map((a) => a.attributes.subscriptionId)).toEqual([
      'sub_thread_gallium',
    ]);
    expect(runtime.recorded).toEqual(
      expect.arrayContaining([
        { name: 'MatcherCandidates', value: 1 },
        { name: 'MatcherMatches', value: 1 },
        { name: 'AlertsCreated', value: 1 },
      ]),
    );
    expect(thread.figures()).toEqual({
      running: true,
      threadsStarted: 1,
      completed: 1,
      failed: 0,
      inFlight: 0,
    });
  });

  it("fails the fan-out when the runtime's queue refuses its deliveries, and goes on with the next", async () => {
    const queue = new RecordingQueue();
    let refuse = true;
    const refusing = {
      enqueue: async (...args: Parameters<RecordingQueue['enqueue']>) => {
        if (refuse) throw new Error('queue is stopping');
        await queue.enqueue(...args);
      },
    };
    const runtime = ports();
    thread = new MatchingThread(settings(), { ...runtime.parts, queue: refusing });

    await expect(thread.fanOut({ ...job, type: 'policy_change.updated' })).rejects.toThrow(
      'queue is stopping',
    );
    refuse = false;
    // Run again, the same alert is not written twice and its unsent delivery is queued.
    const again = await thread.fanOut({ ...job, type: 'policy_change.updated' });
    expect(again).toMatchObject({ matched: 1, alertsCreated: 0, deliveriesEnqueued: 1 });
    expect(queue.deliveryIds).toHaveLength(1);
    expect(thread.figures()).toMatchObject({ threadsStarted: 1, completed: 1, failed: 1 });
  });

  it('once stopped, refuses fan-outs', async () => {
    thread = new MatchingThread(settings(), ports().parts);
    thread.start();
    await thread.stop();
    await expect(thread.fanOut(job)).rejects.toThrow('stopped');
    expect(thread.figures().running).toBe(false);
  });
});

describe('npm start', () => {
  let service: LocalService | undefined;

  afterEach(async () => {
    await service?.stop();
  });

  it('matches on its thread: a watchlist hears of the entity a change lists', async () => {
    service = await startLocalService({ ADMIN_API_KEY: ADMIN, RATE_LIMIT: 'off' });
    const call = apiClient(service.url);
    const key: string = (await call('POST', '/v1/subscribers', ADMIN, { name: 'Watchlist' })).json.apiKey;
    const subscription = await call('POST', '/v1/subscriptions', key, {
      name: 'Huawei',
      filters: { entities: [{ name: 'Huawei Technologies' }] },
      webhook: { url: 'https://hooks.example.com/huawei' },
    });
    expect(subscription.status).toBe(201);
    const posted = await call(
      'POST',
      '/v1/policy-changes',
      ADMIN,
      entityListChange('huawei', [{ name: 'Huawei Technologies Co., Ltd.', country: 'CN' }]),
    );
    expect(posted.status).toBe(202);
    const matching = await eventually('the change to be matched', async () => {
      const view = (await call('GET', `/v1/policy-changes/${posted.json.id}`, ADMIN)).json;
      return view.matching.status === 'completed' ? view.matching : undefined;
    });
    expect(matching.matchedSubscriptions).toBe(1);
    const figures = (await call('GET', '/v1/admin/stats', ADMIN)).json.process.matchingThread;
    expect(figures).toMatchObject({ running: true, threadsStarted: 1, completed: 1, failed: 0 });
  }, 120_000);
});
