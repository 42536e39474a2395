import { afterEach, describe, expect, it } from 'vitest';
import { beijingEntities, entityListChange, worstCaseWatchlists } from '../../bench/watchlist-data.js';
import { eventually, type LocalService, startLocalService } from '../support/local-service.js';
import { ADMIN, apiClient, inParallel } from './support.js';

/** The value below which 99% of the samples fall. */
function p99(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.99) - 1] ?? Number.NaN;
}

/** Waits until the change's matching is completed; says how many subscriptions it matched. */
async function matched(call: ReturnType<typeof apiClient>, id: string): Promise<number> {
  const matching = await eventually(
    `change ${id} to be matched`,
    async () => {
      const view = (await call('GET', `/v1/policy-changes/${id}`, ADMIN)).json;
      return view.matching.status === 'completed' ? view.matching : undefined;
    },
    120_000,
  );
  return matching.matchedSubscriptions;
}

/*
 * A slow suite (npm run test:slow), run one file at a time: it measures latency, which other
 * suites running beside it would measure instead.
 */
describe('matching runs off the event loop that serves requests', () => {
  let service: LocalService | undefined;

  afterEach(async () => {
    await service?.stop();
  });

  it('/health answers within 100 ms (p99) while the heaviest watchlists meet a 100-entity change', async () => {
    // `npm start` in a process of its own: the samples are taken outside the event loop they measure.
    service = await startLocalService({ ADMIN_API_KEY: ADMIN, RATE_LIMIT: 'off' });
    const call = apiClient(service.url);
    const key: string = (await call('POST', '/v1/subscribers', ADMIN, { name: 'Watchlists' })).json.apiKey;
    const created = await inParallel(worstCaseWatchlists(100), 8, async (filters) => {
      const answer = await call('POST', '/v1/subscriptions', key, {
        name: 'Beijing watchlist',
        filters,
        webhook: { url: 'https://hooks.example.com/watchlists' },
      });
      return answer.status;
    });
    expect(created.filter((status) => status === 201)).toHaveLength(100);

    // Open loop: a request every 10 ms whatever the earlier ones are doing, so a blocked event
    // loop shows in every request it holds up, not in one only.
    const latencies: number[] = [];
    const pending = new Set<Promise<void>>();
    const url = `${service.url}/health`;
    const sampler = setInterval(() => {
      const sent = performance.now();
      const sample = fetch(url)
        .then((response) => response.text())
        .then(() => {
          latencies.push(performance.now() - sent);
        });
      pending.add(sample);
      void sample.finally(() => pending.delete(sample));
    }, 10);
    try {
      const posted = await call(
        'POST',
        '/v1/policy-changes',
        ADMIN,
        entityListChange('chunk', beijingEntities(100)),
      );
      expect(posted.status).toBe(202);
      expect(await matched(call, posted.json.id)).toBe(0);
    } finally {
      clearInterval(sampler);
      await Promise.all(pending);
    }
    const figures = (await call('GET', '/v1/admin/stats', ADMIN)).json.process.matchingThread;
    expect(figures).toMatchObject({ running: true, completed: 1, failed: 0 });
    expect(latencies.length).toBeGreaterThan(0);
    expect(p99(latencies)).toBeLessThanOrEqual(100);
  }, 240_000);
});
