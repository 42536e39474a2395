import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { PolicyChange, PolicyChangeInput } from '../../shared/model/policy-change.js';
import type { Subscription } from '../../shared/model/subscription.js';
import { deliveryId } from '../../shared/store/delivery-store.js';
import { subscriptionFixture } from '../store/fixtures.js';
import type { TestTable } from '../support/dynamodb.js';
import { type LambdaAws, loadHandlerOnMoto } from './lambda-aws.js';

type SchedulerHandler = () => Promise<{ rematched: number; requeued: number; reminders: number }>;

const MINUTE = 60_000;
const DAY = 86_400_000;
let lambda: Awaited<ReturnType<typeof loadHandlerOnMoto<SchedulerHandler>>>;
let aws: LambdaAws;
let table: TestTable;
let handler: SchedulerHandler;

beforeAll(async () => {
  lambda = await loadHandlerOnMoto<SchedulerHandler>(() => import('../../functions/scheduler/index.js'));
  ({ aws, table, handler } = lambda);
});
afterAll(() => lambda?.stop());

/** The deliveries the run put on the delivery queue, due now. */
const queued = async () =>
  (await aws.queued()).map((body) => (JSON.parse(body) as { deliveryId: string }).deliveryId);

/** The event types the run published to the operator topic. */
const published = async () => (await aws.published()).map((e) => e.MessageAttributes?.eventType?.Value ?? '');

async function subscribe(materials: string[]): Promise<Subscription> {
  const subscription = subscriptionFixture({
    id: newId('sub'),
    subscriberId: newId('sbr'),
    name: `Watch ${materials.join(', ')}`,
    filters: { materials },
  });
  await table.subscriptions.create(subscription);
  return subscription;
}

async function ingest(overrides: Partial<PolicyChangeInput>, at: Date): Promise<PolicyChange> {
  const outcome = await table.changes.ingest(
    {
      source: 'mofcom',
      sourceRef: `announcement-${newId('ref')}`,
      revision: 1,
      title: 'Export licence requirement on tungsten items',
      issuingRegion: 'CN',
      affectedRegions: ['*'],
      materials: ['tungsten'],
      changeType: 'licence-requirement',
      severity: 'high',
      ...overrides,
    },
    at,
  );
  expect(outcome.kind).toBe('created');
  return outcome.change;
}

describe('scheduler handler (EventBridge -> recovery sweep and reminders, SQS and SNS on moto)', () => {
  let subscription: Subscription;
  let stalled: PolicyChange;
  let expiring: PolicyChange;
  let stuckDeliveryId: string;

  beforeAll(async () => {
    const now = Date.now();
    subscription = await subscribe(['tungsten']);
    // Ingested ten minutes ago, and its matcher never ran (a lost stream batch, a crash).
    stalled = await ingest({}, new Date(now - 10 * MINUTE));
    // Matched long ago; expires in three days, within the seven-day lead.
    expiring = await ingest(
      { title: 'Suspension of tungsten licensing ends', expiresAt: new Date(now + 3 * DAY).toISOString() },
      new Date(now - 30 * DAY),
    );
    await table.changes.markMatched(expiring.id, expiring.revision, 1, new Date(now - 30 * DAY));
    // A delivery written twenty minutes ago whose queue message was lost: never attempted, and
    // past the 15 minutes a queued delivery is left to the queue.
    const alert = buildAlert({
      change: expiring,
      subscriptionId: subscription.id,
      subscriberId: subscription.subscriberId,
      type: 'policy_change.published',
      match: { materials: [{ change: 'tungsten', filter: 'tungsten' }] },
      now: new Date(now - 20 * MINUTE),
    });
    const [stuck] = (await table.deliveries.createAlert(alert, ['webhook'])).toSend;
    if (!stuck) throw new Error('no delivery created');
    stuckDeliveryId = stuck.id;
  });

  it('re-runs the stalled matching, requeues the stuck delivery, sends the due reminder and returns the summary', async () => {
    expect(await table.changes.pendingMatching(new Date().toISOString())).toEqual([
      { policyChangeId: stalled.id, revision: 1 },
    ]);

    const summary = await handler();

    expect(summary).toEqual({ rematched: 1, requeued: 1, stillQueued: 0, reminders: 1, statusChanges: 0 });
    const publishedId = deliveryId(
      (await table.deliveries.listBySubscription(subscription.id)).items.find(
        (d) => d.policyChangeId === stalled.id,
      )?.alertId ?? '',
      'webhook',
    );
    const reminderId = (await table.deliveries.listBySubscription(subscription.id)).items.find(
      (d) => d.type === 'policy_change.expiring_soon',
    )?.id;
    expect(reminderId).toBeDefined();
    expect((await queued()).sort()).toEqual([publishedId, stuckDeliveryId, reminderId].sort());

    // The stalled revision is matched now and left the pending list.
    expect((await table.changes.getLatest(stalled.id))?.matching).toMatchObject({
      status: 'completed',
      matchedSubscriptions: 1,
    });
    expect(await table.changes.pendingMatching(new Date().toISOString())).toEqual([]);
    // Both new alerts went to the operator topic too.
    expect((await published()).sort()).toEqual(['policy_change.expiring_soon', 'policy_change.published']);
  });

  it('a second run matches nothing again and sends no reminder twice; the still-unattempted delivery is requeued', async () => {
    const summary = await handler();

    expect(summary).toEqual({ rematched: 0, requeued: 1, stillQueued: 0, reminders: 0, statusChanges: 0 });
    expect(await queued()).toEqual([stuckDeliveryId]);
    expect(await published()).toEqual([]);
    const reminders = (await table.deliveries.listBySubscription(subscription.id)).items.filter(
      (d) => d.type === 'policy_change.expiring_soon',
    );
    expect(reminders).toHaveLength(1);
  });
});
