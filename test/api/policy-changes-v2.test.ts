import { beforeAll, describe, expect, it } from 'vitest';
import { type MatcherDeps, matchPolicyChange } from '../../shared/matching/matcher.js';
import type { WebhookBody } from '../../shared/model/delivery.js';
import { sendDueReminders } from '../../shared/operations/reminders.js';
import { advanceLifecycles, refreshLifecycle } from '../../shared/policy/refresh.js';
import { ALERT_CREATION_WINDOW_MS, type StoredAlert } from '../../shared/store/delivery-store.js';
import { dyingAfterAlertPuts } from '../support/dying-store.js';
import {
  ADMIN,
  type ApiHarness,
  expectProblem,
  newSubscriber,
  policyChangeBody,
  problemFields,
  simulatedHarness,
  subscriptionBody,
} from './support.js';

let now = new Date('2025-11-01T00:00:00Z');
let h: ApiHarness;
let deps: MatcherDeps;

beforeAll(async () => {
  ({ h, deps } = await simulatedHarness(() => now, {
    log: (e) => {
      if (e.level === 'error') console.error(e);
    },
  }));
});

/** Posts a change and runs the matcher as the stream would. */
async function ingest(body: Record<string, unknown>): Promise<string> {
  const res = await h.http.post('/v1/policy-changes', body, ADMIN);
  expect([200, 202], res.text).toContain(res.status);
  const id = res.json.id as string;
  await matchPolicyChange(deps, { policyChangeId: id, revision: res.json.revision as number });
  return id;
}

async function alertsOf(subscriptionId: string): Promise<(StoredAlert & { body: WebhookBody })[]> {
  const res = await h.http.get(`/v1/admin/subscriptions/${subscriptionId}`, ADMIN);
  expect(res.status).toBe(200);
  const page = await h.table.deliveries.listBySubscription(subscriptionId, { limit: 100 });
  const alerts: (StoredAlert & { body: WebhookBody })[] = [];
  for (const delivery of page.items) {
    const alert = await h.table.deliveries.getAlert(delivery.alertId);
    if (alert) alerts.push({ ...alert, body: JSON.parse(alert.payload) as WebhookBody });
  }
  return alerts;
}

describe('relations: bad input is a 422 naming the field, nothing written', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a relation to itself by source + sourceRef',
      {
        sourceRef: 'self-ref',
        relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: 'self-ref' }],
      },
      'relatedChanges.0',
    ],
    [
      'an unknown relation',
      { relatedChanges: [{ relation: 'pauses', source: 'mofcom', sourceRef: 'x' }] },
      'relatedChanges.0.relation',
    ],
    [
      'a relation naming both an id and a sourceRef',
      { relatedChanges: [{ relation: 'amends', policyChangeId: 'pc_x', source: 'mofcom', sourceRef: 'x' }] },
      'relatedChanges.0',
    ],
    [
      'a relation to an id that does not exist',
      { relatedChanges: [{ relation: 'suspends', policyChangeId: 'pc_missing' }] },
      'relatedChanges.0.policyChangeId',
    ],
    ['expiresAt before effectiveAt', { effectiveAt: '2026-01-01', expiresAt: '2025-01-01' }, 'expiresAt'],
    ['an 11-digit HS code', { hsCodes: ['28053012345'] }, 'hsCodes.0'],
    ['materials empty without entities', { materials: [] }, 'materials'],
  ])('%s', async (_name, overrides, field) => {
    const before = await h.itemCount();
    const res = await h.http.post('/v1/policy-changes', policyChangeBody(overrides), ADMIN);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain(field);
    expect(await h.itemCount()).toBe(before);
  });

  it('a cycle of suspensions is refused when it would close', async () => {
    const a = await ingest(
      policyChangeBody({
        sourceRef: 'cycle-a',
        changeType: 'suspension',
        relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: 'cycle-b' }],
      }),
    );
    expect(a).toMatch(/^pc_/);
    const before = await h.itemCount();
    const res = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({
        sourceRef: 'cycle-b',
        changeType: 'suspension',
        relatedChanges: [{ relation: 'suspends', policyChangeId: a }],
      }),
      ADMIN,
    );
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('relatedChanges.0');
    expect(await h.itemCount()).toBe(before);
  });

  it('a watchlist of 10,000 names is a 422 naming filters.entities, nothing written', async () => {
    const subscriber = await newSubscriber(h.http, 'Watchlist Ltd');
    const before = await h.itemCount();
    const entities = Array.from({ length: 10_000 }, (_, i) => ({ name: `Company ${i}` }));
    const res = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { entities } }),
      subscriber.key,
    );
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('filters.entities');
    expect(await h.itemCount()).toBe(before);
  });
});

describe('names, defaults and revisions', () => {
  it('accepts catalogue names and Chinese names for materials, stores ids, writes out the defaults', async () => {
    const id = await ingest(policyChangeBody({ materials: ['Aluminum', '镝'], direction: undefined }));
    const res = await h.http.get(`/v1/policy-changes/${id}`, ADMIN);
    expect(res.json).toMatchObject({
      materials: ['aluminium', 'dysprosium'],
      originRegions: ['CN'],
      itemTypes: ['goods'],
      direction: 'tightening',
      status: 'in-force',
    });
  });

  it('keeps every revision, and tells everyone who had an alert what changed, even when a filter now excludes them', async () => {
    const subscriber = await newSubscriber(h.http, 'Relaxation watcher');
    const sub = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { materials: ['gallium'], minSeverity: 'high' } }),
      subscriber.key,
    );
    const ref = `revisions-${Date.now()}`;
    const id = await ingest(policyChangeBody({ sourceRef: ref, materials: ['gallium'], severity: 'high' }));
    // Revision 2 lowers the severity below the subscription's minimum: a relaxation it must still hear of.
    await ingest(policyChangeBody({ sourceRef: ref, revision: 2, materials: ['gallium'], severity: 'low' }));

    const revisions = await h.http.get(`/v1/policy-changes/${id}/revisions`, subscriber.key);
    expect(revisions.json.items.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);

    const alerts = await alertsOf(sub.json.id);
    const updated = alerts.find((a) => a.type === 'policy_change.updated');
    expect(updated?.body.data.changes).toEqual([{ field: 'severity', from: 'high', to: 'low' }]);
    expect(updated?.body.data.match.earlierAlert).toBe(true);
  });
});

describe('lifecycle through the scheduler, on a simulated clock', () => {
  it('a status change whose run died between its alerts and their deliveries is finished past the window', async () => {
    now = new Date('2027-01-01T00:00:00Z');
    const subscriber = await newSubscriber(h.http, 'Terbium buyer');
    const sub = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { materials: ['terbium'], affectedRegions: ['JP'] } }),
      subscriber.key,
    );
    const control = await ingest(
      policyChangeBody({
        sourceRef: `control-t-${Date.now()}`,
        materials: ['terbium'],
        effectiveAt: '2026-12-01',
      }),
    );
    const controlRef = (await h.http.get(`/v1/policy-changes/${control}`, ADMIN)).json.sourceRef as string;
    await ingest(
      policyChangeBody({
        sourceRef: `suspension-t-${Date.now()}`,
        materials: ['terbium'],
        changeType: 'suspension',
        direction: undefined,
        effectiveAt: '2027-01-05',
        expiresAt: '2028-01-05',
        relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: controlRef }],
      }),
    );
    const status = async () => (await h.http.get(`/v1/policy-changes/${control}`, ADMIN)).json.status;
    const statusAlerts = async () =>
      (await alertsOf(sub.json.id)).filter((a) => a.type === 'policy_change.status_changed');
    expect(await status()).toBe('in-force');

    // The suspension takes effect; the run alerting it dies after its alert puts.
    now = new Date('2027-01-05T00:00:01Z');
    const dying = dyingAfterAlertPuts(h.table);
    await expect(refreshLifecycle({ ...deps, deliveries: dying }, control)).rejects.toThrow('the run died');

    // A minute later that run might still be writing: the status stays, so the transition stays due.
    now = new Date('2027-01-05T00:01:01Z');
    expect(await refreshLifecycle(deps, control)).toMatchObject({ to: 'suspended', deferred: true });
    expect(await status()).toBe('in-force');
    expect(await statusAlerts()).toEqual([]);

    // Past the window: the delivery is written, the status too.
    now = new Date(Date.parse('2027-01-05T00:00:01Z') + ALERT_CREATION_WINDOW_MS + 60_000);
    const late = await refreshLifecycle(deps, control);
    expect(late).toMatchObject({ from: 'in-force', to: 'suspended', alerted: 1 });
    expect(late?.deferred).toBeUndefined();
    expect(await status()).toBe('suspended');
    expect((await statusAlerts()).map((a) => a.body.data.statusChange?.to)).toEqual(['suspended']);
  });

  it('suspends, then resumes on expiry, alerting each transition once even with two schedulers at once', async () => {
    now = new Date('2025-11-01T00:00:00Z');
    const subscriber = await newSubscriber(h.http, 'Holmium buyer');
    const sub = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { materials: ['holmium'], affectedRegions: ['JP'] } }),
      subscriber.key,
    );
    const control = await ingest(
      policyChangeBody({
        sourceRef: `control-${Date.now()}`,
        materials: ['holmium'],
        effectiveAt: '2025-10-09',
      }),
    );
    const controlRef = (await h.http.get(`/v1/policy-changes/${control}`, ADMIN)).json.sourceRef as string;
    now = new Date('2025-11-07T00:00:00Z');
    const suspension = await ingest(
      policyChangeBody({
        sourceRef: `suspension-${Date.now()}`,
        title: 'One-year suspension',
        materials: ['holmium'],
        changeType: 'suspension',
        direction: undefined,
        effectiveAt: '2025-11-07',
        expiresAt: '2026-11-10',
        relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: controlRef }],
      }),
    );
    expect((await h.http.get(`/v1/policy-changes/${control}`, ADMIN)).json.status).toBe('suspended');

    // A week before the suspension ends, its expiring_soon reminder lists what will resume.
    now = new Date('2026-11-05T00:00:00Z');
    await sendDueReminders(deps, { now, leadDays: 7 });
    const reminder = (await alertsOf(sub.json.id)).find((a) => a.type === 'policy_change.expiring_soon');
    expect(reminder?.policyChangeId).toBe(suspension);
    expect(reminder?.body.data.resumes).toEqual([{ id: control, title: expect.any(String) }]);

    now = new Date('2026-11-10T00:00:01Z');
    // Two scheduler runs at once: each transition is alerted once.
    await Promise.all([advanceLifecycles(deps), advanceLifecycles(deps), refreshLifecycle(deps, control)]);
    const view = (await h.http.get(`/v1/policy-changes/${control}`, ADMIN)).json;
    expect(view.status).toBe('in-force');
    expect(view.statusHistory.map((p: { status: string }) => p.status)).toEqual([
      // Published in April, in force from October, suspended from November, back a year later.
      'announced',
      'in-force',
      'suspended',
      'in-force',
    ]);

    const statusAlerts = (await alertsOf(sub.json.id)).filter(
      (a) => a.type === 'policy_change.status_changed',
    );
    expect(
      statusAlerts
        .map((a) => [
          a.policyChangeId,
          a.body.data.statusChange?.from,
          a.body.data.statusChange?.to,
          a.body.data.statusChange?.causedBy?.id,
        ])
        .sort(),
    ).toEqual(
      [
        [control, 'in-force', 'suspended', suspension],
        [control, 'suspended', 'in-force', suspension],
      ].sort(),
    );
  });

  it('a suspension ingested after it ended resolves the history at once and alerts nothing', async () => {
    now = new Date('2026-11-29T00:00:00Z');
    const subscriber = await newSubscriber(h.http, 'Late reader');
    const sub = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { materials: ['thulium'], affectedRegions: ['KR'] } }),
      subscriber.key,
    );
    const controlRef = `late-control-${Date.now()}`;
    const control = await ingest(
      policyChangeBody({ sourceRef: controlRef, materials: ['thulium'], effectiveAt: '2025-10-09' }),
    );
    await ingest(
      policyChangeBody({
        sourceRef: `late-suspension-${Date.now()}`,
        materials: ['thulium'],
        changeType: 'suspension',
        effectiveAt: '2025-11-07',
        expiresAt: '2026-10-29',
        relatedChanges: [{ relation: 'suspends', source: 'mofcom', sourceRef: controlRef }],
      }),
    );
    const view = (await h.http.get(`/v1/policy-changes/${control}`, ADMIN)).json;
    expect(view.status).toBe('in-force');
    expect(view.statusHistory.map((p: { status: string }) => p.status)).toEqual([
      'announced',
      'in-force',
      'suspended',
      'in-force',
    ]);
    expect((await alertsOf(sub.json.id)).filter((a) => a.type === 'policy_change.status_changed')).toEqual(
      [],
    );
  });

  it('revoke and supersede end a change for good and are alerted', async () => {
    now = new Date('2026-01-01T00:00:00Z');
    const subscriber = await newSubscriber(h.http, 'Lutetium buyer');
    const sub = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { materials: ['lutetium'], affectedRegions: ['BR'] } }),
      subscriber.key,
    );
    for (const relation of ['revokes', 'supersedes'] as const) {
      const ref = `${relation}-target-${Date.now()}`;
      const target = await ingest(
        policyChangeBody({ sourceRef: ref, materials: ['lutetium'], effectiveAt: '2025-06-01' }),
      );
      await ingest(
        policyChangeBody({
          sourceRef: `${relation}-source-${Date.now()}`,
          materials: ['lutetium'],
          effectiveAt: '2025-12-15',
          relatedChanges: [{ relation, source: 'mofcom', sourceRef: ref }],
        }),
      );
      const status = (await h.http.get(`/v1/policy-changes/${target}`, ADMIN)).json.status;
      expect(status).toBe(relation === 'revokes' ? 'revoked' : 'superseded');
    }
    const told = (await alertsOf(sub.json.id))
      .filter((a) => a.type === 'policy_change.status_changed')
      .map((a) => a.body.data.statusChange?.to)
      .sort();
    expect(told).toEqual(['revoked', 'superseded']);
  });
});

describe('history and the regime in force', () => {
  it('lists changes newest first with filters and a cursor, any key', async () => {
    const subscriber = await newSubscriber(h.http, 'History reader');
    const first = await h.http.get('/v1/policy-changes?material=holmium&limit=1', subscriber.key);
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(1);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await h.http.get(
      `/v1/policy-changes?material=holmium&limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      subscriber.key,
    );
    expect(second.json.items[0].id).not.toBe(first.json.items[0].id);
    const suspended = await h.http.get(
      '/v1/policy-changes?changeType=suspension&material=rare-earths',
      subscriber.key,
    );
    expect(suspended.json.items.every((c: { changeType: string }) => c.changeType === 'suspension')).toBe(
      true,
    );
    const bad = await h.http.get('/v1/policy-changes?material=unobtainium', subscriber.key);
    expectProblem(bad, 422, 'validation-error');
  });

  it('answers the regime for a lane: in force then, and apart what is suspended then', async () => {
    const res = await h.http.get('/v1/regime?material=holmium&origin=CN&destination=JP&at=2026-01-01', ADMIN);
    expect(res.status).toBe(200);
    expect(res.json.at).toBe('2026-01-01T00:00:00.000Z');
    expect(res.json.suspended.length).toBeGreaterThan(0);
    const later = await h.http.get(
      '/v1/regime?material=holmium&origin=CN&destination=JP&at=2026-11-20',
      ADMIN,
    );
    expect(later.json.items.map((i: { status: string }) => i.status)).toContain('in-force');
    const origin = await h.http.get('/v1/regime?material=holmium&origin=US&destination=JP', ADMIN);
    expect(origin.json.items).toEqual([]);
  });
});
