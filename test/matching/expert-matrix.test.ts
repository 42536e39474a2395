import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPolicyChange } from '../../shared/ingest/ingest.js';
import history from '../../shared/ingest/shipped-history/china-export-controls-2023-2025.json' with {
  type: 'json',
};
import { type MatcherDeps, matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { Alert, WebhookBody } from '../../shared/model/delivery.js';
import { type PolicyChangeInput, PolicyChangeInputSchema } from '../../shared/model/policy-change.js';
import { FiltersSchema } from '../../shared/model/subscription.js';
import { advanceLifecycles, refreshRelated } from '../../shared/policy/refresh.js';
import { normaliseFilters } from '../../shared/subscriptions/subscription-service.js';
import {
  CHANGE_REFS,
  type ChangeRef,
  EXPERT_PROFILES,
  type ExpectedStatusChange,
  LIFECYCLE_MOMENTS,
  type LifecycleMoment,
} from '../fixtures/expert-matrix.js';
import { subscriptionFixture } from '../store/fixtures.js';
import { alertItems, createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier } from '../support/recording.js';

const catalogue = defaultCatalogue();

interface Replay {
  table: TestTable;
  /** Subscription id of each profile. */
  subscriptions: Map<string, string>;
  /** Change id of each sourceRef, and back. */
  ids: Map<ChangeRef, string>;
  refs: Map<string, ChangeRef>;
  /** The status_changed alerts created at each moment. */
  statusAlerts: Map<LifecycleMoment, Alert[]>;
  published: Alert[];
}

/**
 * Replays the shipped history on a simulated clock: each change ingested at its publication,
 * the scheduler run before every step, then the two suspensions' ends.
 */
async function replayHistory(): Promise<Replay> {
  let now = new Date('2023-01-01T00:00:00Z');
  // The simulated history spans years: the stores read on its clock and keep its alerts throughout.
  const years = 10 * 365 * 86_400_000;
  const table = await createTestTable({ clock: () => now, retention: { deliveryMs: years, auditMs: years } });
  const deps: MatcherDeps = {
    changes: table.changes,
    subscriptions: table.subscriptions,
    deliveries: table.deliveries,
    queue: { enqueue: async () => {} },
    notifier: new RecordingNotifier(),
    catalogue: () => catalogue,
    clock: () => now,
    onRelationsChanged: refreshRelated(() => deps),
  };

  const subscriptions = new Map<string, string>();
  for (const profile of EXPERT_PROFILES) {
    const subscription = subscriptionFixture({
      subscriberId: `sbr_${profile.id}`,
      name: profile.name,
      filters: normaliseFilters(FiltersSchema.parse(profile.filters), catalogue),
    });
    await table.subscriptions.create(subscription);
    subscriptions.set(profile.id, subscription.id);
  }

  const ids = new Map<ChangeRef, string>();
  const refs = new Map<string, ChangeRef>();
  const statusAlerts = new Map<LifecycleMoment, Alert[]>();
  const statusChangedSoFar = async () =>
    (await alertItems(table)).filter((a) => a.type === 'policy_change.status_changed');
  const momentAt = new Map<number, LifecycleMoment>(
    Object.entries(LIFECYCLE_MOMENTS).map(([moment, at]) => [Date.parse(at), moment as LifecycleMoment]),
  );
  const record = async (moment: LifecycleMoment | undefined, step: () => Promise<void>) => {
    const before = new Set((await statusChangedSoFar()).map((a) => a.alertId));
    await step();
    const created = (await statusChangedSoFar()).filter((a) => !before.has(a.alertId));
    if (moment) statusAlerts.set(moment, [...(statusAlerts.get(moment) ?? []), ...created]);
    else expect(created, `status changes at ${now.toISOString()}`).toEqual([]);
  };

  for (const raw of history.changes) {
    const input: PolicyChangeInput = PolicyChangeInputSchema.parse(raw);
    now = new Date(input.publishedAt ?? '2023-01-01T00:00:00Z');
    const moment = momentAt.get(now.getTime());
    await record(moment, async () => {
      await advanceLifecycles(deps);
      const { change } = await ingestPolicyChange(
        {
          changes: table.changes,
          catalogue: () => catalogue,
          clock: () => now,
          onStored: async (stored) => {
            await matchPolicyChange(deps, { policyChangeId: stored.id, revision: stored.revision });
          },
        },
        input,
      );
      ids.set(input.sourceRef as ChangeRef, change.id);
      refs.set(change.id, input.sourceRef as ChangeRef);
    });
  }
  for (const moment of ['no70Expires', 'no72Expires'] as const) {
    now = new Date(LIFECYCLE_MOMENTS[moment]);
    await record(moment, async () => {
      await advanceLifecycles(deps);
    });
  }
  const published = (await alertItems(table)).filter((a) => a.type === 'policy_change.published');
  return { table, subscriptions, ids, refs, statusAlerts, published };
}

describe('expert matrix: subscriber profiles against China export controls 2023-2025', () => {
  let replay: Replay;
  beforeAll(async () => {
    replay = await replayHistory();
  }, 120_000);

  it('ships a history in the order a loader posts it, every entry valid', () => {
    expect(history.changes.map((c) => c.sourceRef)).toEqual([...CHANGE_REFS]);
    expect(EXPERT_PROFILES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(EXPERT_PROFILES.map((profile) => [profile.id, profile] as const))(
    '%s gets exactly the published alerts the analyst expects',
    (_id, profile) => {
      const subscriptionId = replay.subscriptions.get(profile.id);
      const got = replay.published
        .filter((alert) => alert.subscriptionId === subscriptionId)
        .map((alert) => replay.refs.get(alert.policyChangeId))
        .sort();
      const expected = CHANGE_REFS.filter((ref) => profile.expected[ref].alert).sort();
      expect(got).toEqual(expected);
      for (const ref of CHANGE_REFS) {
        const cell = profile.expected[ref];
        if (!cell.matchedEntities) continue;
        const alert = replay.published.find(
          (a) => a.subscriptionId === subscriptionId && replay.refs.get(a.policyChangeId) === ref,
        );
        const body = JSON.parse(alert?.payload ?? '{}') as WebhookBody;
        expect(
          (body.data.match.entities ?? []).map((e) => ({ watched: e.watched, listed: e.listed })),
        ).toEqual(cell.matchedEntities);
      }
    },
  );

  it.each(EXPERT_PROFILES.map((profile) => [profile.id, profile] as const))(
    '%s hears of each suspension and resumption it should, once, naming the cause',
    (_id, profile) => {
      const subscriptionId = replay.subscriptions.get(profile.id);
      for (const moment of Object.keys(LIFECYCLE_MOMENTS) as LifecycleMoment[]) {
        const got: ExpectedStatusChange[] = (replay.statusAlerts.get(moment) ?? [])
          .filter((alert) => alert.subscriptionId === subscriptionId)
          .map((alert) => {
            const body = JSON.parse(alert.payload) as WebhookBody;
            const change = body.data.statusChange;
            return {
              change: replay.refs.get(alert.policyChangeId) as ChangeRef,
              from: change?.from as ExpectedStatusChange['from'],
              to: change?.to as ExpectedStatusChange['to'],
              causedBy: replay.refs.get(change?.causedBy?.id ?? '') as ChangeRef,
            };
          });
        const order = (a: ExpectedStatusChange, b: ExpectedStatusChange) => a.change.localeCompare(b.change);
        expect(got.sort(order), moment).toEqual([...profile.statusChanged[moment]].sort(order));
      }
    },
  );

  it('leaves every target of No. 70 in force today, with the whole history', async () => {
    const id = replay.ids.get('MOFCOM-GAC-2025-57') as string;
    const view = await replay.table.changes.view(id);
    expect(view?.status).toBe('in-force');
    expect(view?.statusHistory.map((p) => p.status)).toEqual(['announced', 'suspended', 'in-force']);
    expect(view?.statusHistory[1]?.causedBy).toBe(replay.ids.get('MOFCOM-GAC-2025-70'));
  });
});
