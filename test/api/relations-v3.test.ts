import { beforeAll, describe, expect, it } from 'vitest';
import { shippedHistory } from '../../shared/ingest/shipped-history/shipped-history.js';
import { type MatcherDeps, matchPolicyChange } from '../../shared/matching/matcher.js';
import type { WebhookBody } from '../../shared/model/delivery.js';
import { sendDueReminders } from '../../shared/operations/reminders.js';
import { refreshLifecycle } from '../../shared/policy/refresh.js';
import * as api from './support.js';

const { ADMIN, expectProblem, policyChangeBody, problemFields } = api;

let now = new Date('2026-01-01T00:00:00Z');
let h: api.ApiHarness;
let deps: MatcherDeps;

beforeAll(async () => {
  ({ h, deps } = await api.simulatedHarness(() => now));
});

/** Posts a change (202 or 200) and runs the matcher on it as the table's stream would. */
async function post(body: Record<string, unknown>): Promise<string> {
  const res = await h.http.post('/v1/policy-changes', body, ADMIN);
  expect([200, 202], res.text).toContain(res.status);
  await matchPolicyChange(deps, { policyChangeId: res.json.id, revision: res.json.revision });
  return res.json.id as string;
}

/** The alert bodies a subscription got, of one event type, oldest first. */
async function bodiesOf(subscriptionId: string, type: string): Promise<WebhookBody[]> {
  const page = await h.table.deliveries.listBySubscription(subscriptionId, { limit: 100 });
  const bodies: WebhookBody[] = [];
  for (const delivery of [...page.items].reverse()) {
    if (delivery.type !== type) continue;
    const alert = await h.table.deliveries.getAlert(delivery.alertId);
    if (alert) bodies.push(JSON.parse(alert.payload) as WebhookBody);
  }
  return bodies;
}

async function view(id: string) {
  const res = await h.http.get(`/v1/policy-changes/${id}`, ADMIN);
  expect(res.status).toBe(200);
  return res.json;
}

async function subscribe(materials: string[]): Promise<string> {
  const subscriber = await api.newSubscriber(h.http, `Buyer of ${materials.join(', ')}`);
  const sub = await h.http.post(
    '/v1/subscriptions',
    api.subscriptionBody({ filters: { materials } }),
    subscriber.key,
  );
  expect(sub.status, sub.text).toBe(201);
  return sub.json.id as string;
}

let counter = 0;
const ref = (name: string) => `${name}-${++counter}-${Date.now()}`;

describe('relation ids are filled in when the target arrives', () => {
  it('a target named by source + sourceRef that arrives later gets its id on the head and the current revision, with no new revision and no alert', async () => {
    now = new Date('2026-01-01T00:00:00Z');
    const subscription = await subscribe(['erbium']);
    const targetRef = ref('late-target');
    const suspension = await post(
      policyChangeBody({
        sourceRef: ref('early-suspension'),
        materials: ['erbium'],
        changeType: 'suspension',
        direction: 'relaxation',
        effectiveAt: '2025-12-01',
        expiresAt: '2026-12-01',
        relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: targetRef }],
      }),
    );
    expect((await view(suspension)).relatedChanges).toEqual([
      { relation: 'suspends', source: 'mofcom', sourceRef: targetRef },
    ]);

    const target = await post(
      policyChangeBody({ sourceRef: targetRef, materials: ['erbium'], effectiveAt: '2025-10-09' }),
    );

    expect((await view(suspension)).relatedChanges).toEqual([
      { relation: 'suspends', policyChangeId: target, source: 'mofcom', sourceRef: targetRef },
    ]);
    const revisions = (await h.http.get(`/v1/policy-changes/${suspension}/revisions`, ADMIN)).json.items;
    expect(revisions).toHaveLength(1);
    expect(revisions[0].relatedChanges[0].policyChangeId).toBe(target);
    expect((await h.table.changes.getHead(suspension))?.change.relatedChanges?.[0]?.policyChangeId).toBe(
      target,
    );
    expect(await view(target)).toMatchObject({ status: 'suspended' });
    // Bookkeeping, not news: the suspension's subscribers were told once, when it was published.
    expect(await bodiesOf(subscription, 'policy_change.updated')).toEqual([]);
    expect(await bodiesOf(subscription, 'policy_change.published')).toHaveLength(2);
  });

  it('changes and their targets arriving at the same time all end with the ids filled in', async () => {
    now = new Date('2026-01-01T00:00:00Z');
    const pairs = Array.from({ length: 6 }, () => ({
      source: ref('racing-source'),
      target: ref('racing-target'),
    }));
    const ids = await Promise.all(
      pairs.flatMap(({ source, target }) => [
        post(
          policyChangeBody({
            sourceRef: source,
            changeType: 'licence-requirement',
            relatedChanges: [{ relation: 'amends', source: 'mofcom', sourceRef: target }],
          }),
        ),
        post(policyChangeBody({ sourceRef: target })),
      ]),
    );
    for (let i = 0; i < pairs.length; i++) {
      const related = (await view(ids[2 * i] as string)).relatedChanges;
      expect(related).toEqual([
        { relation: 'amends', policyChangeId: ids[2 * i + 1], source: 'mofcom', sourceRef: pairs[i]?.target },
      ]);
    }
  });
});

describe('alerts carry the related changes with their status after this change', () => {
  it('a suspension is alerted with its targets listed as suspended; a target not yet stored is named by source and sourceRef', async () => {
    now = new Date('2026-01-01T00:00:00Z');
    const subscription = await subscribe(['thulium']);
    const controlRef = ref('thulium-control');
    const missingRef = ref('thulium-not-yet');
    const control = await post(
      policyChangeBody({
        sourceRef: controlRef,
        title: 'Thulium licences',
        materials: ['thulium'],
        effectiveAt: '2025-10-09',
      }),
    );
    await post(
      policyChangeBody({
        sourceRef: ref('thulium-suspension'),
        materials: ['thulium'],
        changeType: 'suspension',
        direction: 'relaxation',
        effectiveAt: '2025-12-01',
        expiresAt: '2026-12-01',
        relatedChanges: [
          { relation: 'suspends', source: 'mofcom', sourceRef: controlRef },
          { relation: 'suspends', source: 'mofcom', sourceRef: missingRef },
        ],
      }),
    );
    const published = await bodiesOf(subscription, 'policy_change.published');
    const aboutSuspension = published.find((b) => b.data.policyChange.changeType === 'suspension');
    expect(aboutSuspension?.data.relatedChanges).toEqual([
      {
        relation: 'suspends',
        policyChangeId: control,
        source: 'mofcom',
        sourceRef: controlRef,
        title: 'Thulium licences',
        status: 'suspended',
      },
      { relation: 'suspends', source: 'mofcom', sourceRef: missingRef },
    ]);
    // A change that acts on nothing carries no list.
    const aboutControl = published.find((b) => b.data.policyChange.id === control);
    expect(aboutControl?.data).not.toHaveProperty('relatedChanges');
  });

  it('a status_changed alert embeds the change as it is after the transition', async () => {
    now = new Date('2026-01-01T00:00:00Z');
    const subscription = await subscribe(['ytterbium']);
    const controlRef = ref('ytterbium-control');
    const control = await post(
      policyChangeBody({ sourceRef: controlRef, materials: ['ytterbium'], effectiveAt: '2025-10-09' }),
    );
    await post(
      policyChangeBody({
        sourceRef: ref('ytterbium-suspension'),
        materials: ['ytterbium'],
        changeType: 'suspension',
        effectiveAt: '2025-12-01',
        expiresAt: '2026-12-01',
        relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: controlRef }],
      }),
    );
    const [statusChanged] = await bodiesOf(subscription, 'policy_change.status_changed');
    expect(statusChanged?.data.policyChange.id).toBe(control);
    expect(statusChanged?.data.statusChange?.to).toBe('suspended');
    expect(statusChanged?.data.policyChange.status).toBe('suspended');
    expect(statusChanged?.data.policyChange.statusHistory?.at(-1)?.status).toBe('suspended');

    // The scheduler's transition back when the suspension ends is embedded the same way.
    now = new Date('2026-12-01T00:00:01Z');
    expect(await refreshLifecycle(deps, control)).toMatchObject({ from: 'suspended', to: 'in-force' });
    const resumed = (await bodiesOf(subscription, 'policy_change.status_changed')).at(-1);
    expect(resumed?.data.statusChange?.to).toBe('in-force');
    expect(resumed?.data.policyChange.status).toBe('in-force');
    expect(resumed?.data.policyChange.statusHistory?.map((p) => p.status)).toEqual([
      'announced',
      'in-force',
      'suspended',
      'in-force',
    ]);
  });
});

describe('an identical re-send answers 200 whatever arrived since', () => {
  it('re-sending a change after its target arrived is 200 with the stored change; other content is still 409', async () => {
    now = new Date('2026-01-01T00:00:00Z');
    const targetRef = ref('resend-target');
    const body = policyChangeBody({
      sourceRef: ref('resend-source'),
      changeType: 'suspension',
      relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: targetRef }],
    });
    const id = await post(body);
    await post(policyChangeBody({ sourceRef: targetRef }));

    const again = await h.http.post('/v1/policy-changes', body, ADMIN);
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({ id, revision: 1 });

    const second = { ...body, revision: 2, severity: 'critical' };
    await post(second);
    const first = await h.http.post('/v1/policy-changes', body, ADMIN);
    expect(first.status, first.text).toBe(200);
    expectProblem(await h.http.post('/v1/policy-changes', { ...body, title: 'Another title' }, ADMIN), 409);
  });
});

describe('a suspension must name what it suspends', () => {
  it.each<[string, Record<string, unknown>]>([
    ['no relations at all', {}],
    ['only an amendment', { relatedChanges: [{ relation: 'amends', source: 'mofcom', sourceRef: 'x-1' }] }],
  ])(
    'a suspension with %s is a 422 on relatedChanges pointing to export-ban, nothing written',
    async (_name, extra) => {
      const before = await h.itemCount();
      const res = await h.http.post(
        '/v1/policy-changes',
        policyChangeBody({ changeType: 'suspension', ...extra }),
        ADMIN,
      );
      expectProblem(res, 422, 'validation-error');
      expect(problemFields(res)).toContain('relatedChanges');
      expect(res.text).toContain('export-ban');
      expect(await h.itemCount()).toBe(before);
    },
  );

  it('a suspension that extends another is accepted', async () => {
    const res = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({
        changeType: 'suspension',
        relatedChanges: [{ relation: 'extends', source: 'mofcom', sourceRef: ref('earlier-suspension') }],
      }),
      ADMIN,
    );
    expect(res.status, res.text).toBe(202);
  });

  it('an imported suspension without a target waits in the review queue; approving it needs a target', async () => {
    const targetRef = ref('review-target');
    const queued = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({ changeType: 'suspension', reviewStatus: 'pending', confidence: 0.9 }),
      ADMIN,
    );
    expect(queued.status, queued.text).toBe(202);
    expect(queued.json.reviewStatus).toBe('pending');

    const bare = await h.http.post(`/v1/admin/review/${queued.json.id}/approve`, {}, ADMIN);
    expectProblem(bare, 422, 'validation-error');
    expect(problemFields(bare)).toContain('edits.relatedChanges');
    expect((await h.http.get(`/v1/admin/review/${queued.json.id}`, ADMIN)).json.reviewStatus).toBe('pending');

    const approved = await h.http.post(
      `/v1/admin/review/${queued.json.id}/approve`,
      { edits: { relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: targetRef }] } },
      ADMIN,
    );
    expect(approved.status, approved.text).toBe(200);
  });
});

describe('No. 70 loaded before the controls it suspends (the shipped history)', () => {
  const history = shippedHistory();
  const byRef = (sourceRef: string) => {
    const change = history.find((c) => c.sourceRef === sourceRef);
    if (!change) throw new Error(`${sourceRef} is not in the shipped history`);
    return change as unknown as Record<string, unknown>;
  };
  // What No. 70 names, in its order: Nos. 55-58 of MOFCOM and Customs, Nos. 61 and 62 of MOFCOM.
  const targets = [
    ...[55, 56, 57, 58].map((n) => `MOFCOM-2025-${n}`),
    ...[61, 62].map((n) => `MOFCOM-2025-${n}`),
  ];

  it('links the targets as they arrive, suspends them, lists them as suspended in a later alert, and takes the same No. 70 again', async () => {
    now = new Date('2025-11-08T00:00:00Z');
    const subscription = await subscribe(['rare-earths']);
    const no70 = await post(byRef('MOFCOM-2025-70'));
    const ids: Record<string, string> = {};
    for (const target of targets) ids[target] = await post(byRef(target));

    now = new Date('2026-01-01T00:00:00Z');
    const stored = (await view(no70)).relatedChanges as { policyChangeId?: string; sourceRef: string }[];
    expect(stored.map((r) => [r.sourceRef, r.policyChangeId])).toEqual(targets.map((t) => [t, ids[t]]));
    for (const target of targets) expect((await view(ids[target] as string)).status).toBe('suspended');

    // A week before it ends, No. 70's reminder lists what it suspends, each still suspended.
    now = new Date('2026-11-05T00:00:00Z');
    await sendDueReminders(deps, { now, leadDays: 7 });
    const [reminder] = await bodiesOf(subscription, 'policy_change.expiring_soon');
    expect(reminder?.data.policyChange.sourceRef).toBe('MOFCOM-2025-70');
    expect(reminder?.data.relatedChanges?.map((r) => [r.sourceRef, r.policyChangeId, r.status])).toEqual(
      targets.map((t) => [t, ids[t], 'suspended']),
    );

    const again = await h.http.post('/v1/policy-changes', byRef('MOFCOM-2025-70'), ADMIN);
    expect(again.status, again.text).toBe(200);
    expect(again.json.id).toBe(no70);
  });
});
