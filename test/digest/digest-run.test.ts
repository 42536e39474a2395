import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigests } from '../../shared/delivery/digest/digest-run.js';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { deliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import { createHttpSender } from '../../shared/delivery/webhooks/http-sender.js';
import { generateWebhookSecret } from '../../shared/delivery/webhooks/signing.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert } from '../../shared/model/delivery.js';
import type { Subscription } from '../../shared/model/subscription.js';
import { channelsOf } from '../../shared/store/subscription-store.js';
import { policyChangeFixture } from '../store/fixtures.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier, RecordingQueue } from '../support/recording.js';

// Digests on a simulated clock: Europe/Berlin leaves summer time on 2026-10-25, so the daily 08:00
// digest is at 06:00Z until then and at 07:00Z after.
let now = new Date('2026-10-23T00:00:00Z');
const clock = () => now;
let table: TestTable;
const queue = new RecordingQueue();

beforeAll(async () => {
  table = await createTestTable({ clock });
});
afterAll(() => table.client.destroy());

async function digestSubscription(): Promise<Subscription> {
  const subscription: Subscription = {
    id: newId('sub', now),
    subscriberId: newId('sbr', now),
    name: 'Morning digest',
    filters: { materials: ['gallium'] },
    webhook: {
      url: 'https://hooks.example.com/digest',
      secrets: [{ secret: generateWebhookSecret(), createdAt: now.toISOString() }],
      status: 'enabled',
    },
    email: ['lead@example.com'],
    sms: ['+4915112345678'],
    smsConfirmations: { '+4915112345678': { status: 'confirmed' } },
    digest: { frequency: 'daily', hour: 8, timeZone: 'Europe/Berlin' },
    status: 'active',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await table.subscriptions.create(subscription);
  return subscription;
}

/** An alert about `changeId` at `at`, stored on the subscription's channels as the matcher stores it. */
async function alertAt(
  subscription: Subscription,
  at: string,
  changeId: string,
  revision = 1,
): Promise<Alert> {
  const alert = buildAlert({
    change: policyChangeFixture({ id: changeId, revision, title: `Change ${changeId} revision ${revision}` }),
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type: revision === 1 ? 'policy_change.published' : 'policy_change.updated',
    match: { materials: [{ change: 'gallium', filter: 'gallium' }] },
    now: new Date(at),
  });
  await table.deliveries.createAlert(alert, channelsOf(subscription));
  return alert;
}

/** The digests queued so far: each digest alert's items and the alert ids they carry. */
async function queuedDigests() {
  const digestIds = [
    ...new Set(
      queue.calls.flatMap((call) => call.messages.map((m) => m.deliveryId.replace(/_(webhook|email)$/, ''))),
    ),
  ];
  return Promise.all(
    digestIds.map(async (id) => {
      const alert = await table.deliveries.getAlert(`alrt_${id.replace(/^dlv_/, '')}`);
      const body = JSON.parse(alert?.payload ?? '{}');
      const items = body.data.items as {
        policyChange: { id: string; title: string };
        events: { alertId: string }[];
      }[];
      return { alert, body, items, alertIds: items.flatMap((item) => item.events.map((e) => e.alertId)) };
    }),
  );
}

describe('digests on a simulated clock', () => {
  it('puts each alert in exactly one digest across the change of time and a missed run, never an empty one, never one twice', async () => {
    const subscription = await digestSubscription();
    expect(channelsOf(subscription)).toEqual(['sms', 'digest']);
    const alerts = [
      await alertAt(subscription, '2026-10-24T05:30:00Z', 'pc_a'), // before the 24th's digest (06:00Z)
      await alertAt(subscription, '2026-10-24T10:00:00Z', 'pc_b'),
      await alertAt(subscription, '2026-10-25T06:30:00Z', 'pc_c'), // before the 25th's (07:00Z, winter time)
      await alertAt(subscription, '2026-10-25T07:30:00Z', 'pc_c', 2), // after it: the 26th's
    ];

    // Hourly runs at ten past, except that none ran from the 25th 00:00Z to the 26th 07:00Z.
    for (
      let at = Date.parse('2026-10-23T22:10:00Z');
      at <= Date.parse('2026-10-27T08:10:00Z');
      at += 3_600_000
    ) {
      if (at >= Date.parse('2026-10-25T00:00:00Z') && at < Date.parse('2026-10-26T07:00:00Z')) continue;
      now = new Date(at);
      await runDigests({ deliveries: table.deliveries, subscriptions: table.subscriptions, queue, clock });
    }
    // The same run twice at once sends nothing more.
    const again = await Promise.all([
      runDigests({ deliveries: table.deliveries, subscriptions: table.subscriptions, queue, clock }),
      runDigests({ deliveries: table.deliveries, subscriptions: table.subscriptions, queue, clock }),
    ]);
    expect(again.map((r) => r.sent)).toEqual([0, 0]);

    const digests = await queuedDigests();
    expect(digests.map((d) => d.body.data.period.until)).toEqual([
      '2026-10-24T06:00:00.000Z',
      '2026-10-26T07:00:00.000Z', // the missed 25th's period made up in the next digest
    ]);
    expect(digests.map((d) => d.items.length)).toEqual([1, 2]);
    expect(digests.flatMap((d) => d.alertIds).sort()).toEqual(alerts.map((a) => a.alertId).sort());
    // Grouped by change with its newest state, the change with the latest event first.
    const second = digests[1];
    expect(second?.items.map((item) => item.policyChange.title)).toEqual([
      'Change pc_c revision 2',
      'Change pc_b revision 1',
    ]);
    expect(second?.items[0]?.events).toHaveLength(2);
    expect(second?.alert?.type).toBe('alerts.digest');
    expect(second?.alert?.text?.subject).toBe('Material Alerts daily digest: 2 changes (3 alerts)');
    // One signed webhook and one e-mail per digest.
    expect(queue.calls.flatMap((c) => c.messages.map((m) => m.deliveryId.split('_').at(-1)))).toEqual([
      'webhook',
      'email',
      'webhook',
      'email',
    ]);
  });

  it('marks an alert gathered for the digest without sending it anywhere', async () => {
    const subscription = await digestSubscription();
    const alert = await alertAt(subscription, now.toISOString(), 'pc_d');
    const notifier = new RecordingNotifier();
    const delivery = (await table.deliveries.deliveriesOfAlert(alert.alertId)).find(
      (d) => d.channel === 'digest',
    );
    const id = delivery?.id ?? '';
    const result = await dispatchDelivery(
      {
        deliveries: table.deliveries,
        subscriptions: table.subscriptions,
        notifier,
        sender: createHttpSender({ policy: { allowPrivate: false, requireHttps: true } }),
        retry: { schedule: [50], floorMs: 0 },
        timeoutMs: 500,
        disableAfterMs: 86_400_000,
        clock,
      },
      deliveryMessage({ id, subscriptionId: subscription.id, createdAt: alert.createdAt, channel: 'digest' }),
    );
    expect(result).toEqual({ kind: 'done' });
    const stored = await table.deliveries.getDelivery(id);
    expect(stored?.status).toBe('delivered');
    expect(stored?.attempts[0]?.excerpt).toBe('gathered for the next digest');
    expect(notifier.emails).toEqual([]);
  });
});
