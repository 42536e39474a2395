import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, type LocalService, startLocalService } from '../support/local-service.js';
import { ADMIN, apiClient, countingReceiver, galliumChange, inParallel, subscribeMany } from './support.js';

const SUBSCRIPTIONS = 200;

describe('kill -9 in the middle of a fan-out', () => {
  // A RAM-backed folder where there is one: the test is about the process dying, not the disk,
  // and DynamoDB Local's synchronous writes to a real disk would make it slow.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'material-alerts-crash-'));
  let receiver: Awaited<ReturnType<typeof countingReceiver>> | undefined;
  let service: LocalService | undefined;

  afterAll(async () => {
    await service?.stop();
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every alert is still delivered after a restart on the same data, each id the same', async () => {
    // A slow receiver, so the fan-out is still running when the process dies.
    receiver = await countingReceiver(150);
    const { receipts } = receiver;
    const url = `${receiver.url}/hook`;
    const env = {
      ADMIN_API_KEY: ADMIN,
      DATA_DIR: dataDir,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      RETRY_SCHEDULE: '50ms,100ms,200ms',
      SCHEDULER_INTERVAL: '1s',
      RECOVERY_GRACE: '2s',
      WEBHOOK_TIMEOUT: '2s',
      RATE_LIMIT: 'off',
      MAX_SUBSCRIPTIONS_PER_SUBSCRIBER: '1000',
    };

    service = await startLocalService(env);
    const first = apiClient(service.url);
    // Each subscription its own endpoint: one shared one would be paced at its 10/s rate limit.
    const { key: subscriberKey, ids: subscriptionIds } = await subscribeMany(
      first,
      SUBSCRIPTIONS,
      (i) => `${url}/${i}`,
    );
    expect((await first('POST', '/v1/policy-changes', ADMIN, galliumChange())).status).toBe(202);

    await eventually('the fan-out to be under way', async () => (receipts.size >= 20 ? true : undefined));
    await service.stop('SIGKILL');
    const deliveredBeforeCrash = receipts.size;
    expect(deliveredBeforeCrash).toBeLessThan(SUBSCRIPTIONS);

    service = await startLocalService(env);
    await eventually(
      'every alert to arrive',
      async () => (receipts.size === SUBSCRIPTIONS ? true : undefined),
      90_000,
    );

    // A delivery that was in flight at the crash arrived but was never recorded: it is sent again
    // after the restart (its revision's rerun finds it never attempted), and then recorded.
    const second = apiClient(service.url);
    await eventually(
      'every delivery to be recorded delivered',
      async () => {
        const statuses = await inParallel(subscriptionIds, 16, async (id) => {
          const page = await second('GET', `/v1/subscriptions/${id}/deliveries`, subscriberKey);
          expect(page.json.items).toHaveLength(1);
          expect(receipts.has(page.json.items[0].webhookId)).toBe(true);
          return page.json.items[0].status;
        });
        return statuses.every((status) => status === 'delivered') ? true : undefined;
      },
      60_000,
    );
    // At least once: a delivery in flight at the crash may arrive twice, never under another id.
    const duplicates = [...receipts.values()].filter((n) => n > 1).length;
    expect(duplicates).toBeLessThanOrEqual(SUBSCRIPTIONS - deliveredBeforeCrash);
  }, 180_000);
});
