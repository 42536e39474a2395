import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import chinaHistory from '../../shared/ingest/shipped-history/china-export-controls-2023-2025.json' with {
  type: 'json',
};
import otherIssuersHistory from '../../shared/ingest/shipped-history/other-issuers-2019-2026.json' with {
  type: 'json',
};
import { type MatcherDeps, matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { Alert } from '../../shared/model/delivery.js';
import { advanceLifecycles, refreshRelated } from '../../shared/policy/refresh.js';
import { ADMIN, type ApiHarness, createHarness } from '../api/support.js';
import {
  CHANGE_REFS,
  type ChangeRef,
  EXPERT_PROFILES,
  type ExpectedStatusChange,
  type ExpertProfile,
  LIFECYCLE_MOMENTS,
  type LifecycleMoment,
  type Verdict,
} from '../fixtures/expert-matrix.js';
import { alertItems } from '../support/dynamodb.js';
import { RecordingNotifier } from '../support/recording.js';

const catalogue = defaultCatalogue();

/** The shipped history as a loader posts it: China's file, then the other issuers'. */
const HISTORY = [...chinaHistory.changes, ...otherIssuersHistory.changes];

/** The parts of a webhook payload the matrix reads; the rest of the contract has its own suites. */
const PayloadSchema = z.object({
  data: z.object({
    match: z
      .object({
        entities: z.array(z.object({ watched: z.string(), listed: z.string() })).optional(),
        clauses: z.array(z.number()).optional(),
      })
      .optional(),
    applicability: z
      .object({
        verdict: z.string(),
        requires: z.array(z.object({ type: z.string() })).optional(),
      })
      .optional(),
    statusChange: z
      .object({
        from: z.string(),
        to: z.string(),
        causedBy: z.object({ id: z.string() }).optional(),
      })
      .optional(),
  }),
});
type Payload = z.infer<typeof PayloadSchema>;
const payloadOf = (alert: Alert): Payload => PayloadSchema.parse(JSON.parse(alert.payload));

interface Replay {
  harness: ApiHarness;
  /** Subscription id of each profile. */
  subscriptions: Map<string, string>;
  /** Change id of each sourceRef, and back. */
  ids: Map<ChangeRef, string>;
  refs: Map<string, ChangeRef>;
  /** The status_changed alerts created at each moment. */
  statusAlerts: Map<LifecycleMoment, Alert[]>;
  published: Alert[];
}

/** One step of the replay: a change posted at its publication, or the scheduler run at a moment. */
type Step = { at: number; body: (typeof HISTORY)[number] } | { at: number; moment: LifecycleMoment };

/**
 * Replays the shipped history on a simulated clock through the API: each subscription posted with
 * its profile, each change posted at its publication (in order of publication, a file's order kept
 * for equal instants) and matched, the scheduler run before every step and at the moments a status
 * changes with nothing published.
 */
async function replayHistory(): Promise<Replay> {
  let now = new Date('2019-01-01T00:00:00Z');
  // The simulated history spans years: the stores read on its clock and keep its alerts throughout.
  const years = 10 * 365 * 86_400_000;
  const harness = await createHarness({ clock: () => now, retention: { deliveryMs: years, auditMs: years } });
  const { table, http } = harness;
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
    const subscriber = await http.post('/v1/subscribers', { name: profile.name.slice(0, 100) }, ADMIN);
    expect(subscriber.status, profile.id).toBe(201);
    const created = await http.post(
      '/v1/subscriptions',
      {
        name: profile.id,
        filters: profile.filters,
        ...(profile.profile ? { profile: profile.profile } : {}),
        webhook: { url: `https://hooks.example.com/${profile.id}` },
      },
      subscriber.json.apiKey,
    );
    expect(created.status, `${profile.id}: ${created.text}`).toBe(201);
    subscriptions.set(profile.id, created.json.id);
  }

  const ids = new Map<ChangeRef, string>();
  const refs = new Map<string, ChangeRef>();
  const momentAt = new Map<number, LifecycleMoment>(
    Object.entries(LIFECYCLE_MOMENTS).map(([moment, at]) => [Date.parse(at), moment as LifecycleMoment]),
  );
  const published = new Set(HISTORY.map((body) => Date.parse(body.publishedAt)));
  const steps: Step[] = [
    ...HISTORY.map((body) => ({ at: Date.parse(body.publishedAt), body })),
    ...[...momentAt].filter(([at]) => !published.has(at)).map(([at, moment]) => ({ at, moment })),
  ].sort((a, b) => a.at - b.at);

  for (const step of steps) {
    now = new Date(step.at);
    await advanceLifecycles(deps);
    if ('body' in step) {
      const stored = harness.stored.length;
      const response = await http.post('/v1/policy-changes', step.body, ADMIN);
      expect(response.status, `${step.body.sourceRef}: ${response.text}`).toBe(202);
      for (const change of harness.stored.slice(stored)) {
        await matchPolicyChange(deps, { policyChangeId: change.id, revision: change.revision });
      }
      ids.set(step.body.sourceRef as ChangeRef, response.json.id);
      refs.set(response.json.id, step.body.sourceRef as ChangeRef);
    }
  }

  // Every alert is stamped with the simulated instant it was created at, so one read at the end
  // tells which step made each status change: each must fall on a moment the matrix names.
  const all = await alertItems(table);
  const statusAlerts = new Map<LifecycleMoment, Alert[]>();
  const unexpected: string[] = [];
  for (const alert of all.filter((a) => a.type === 'policy_change.status_changed')) {
    const moment = momentAt.get(Date.parse(alert.createdAt));
    if (moment) statusAlerts.set(moment, [...(statusAlerts.get(moment) ?? []), alert]);
    else unexpected.push(`${alert.createdAt} ${alert.policyChangeId}`);
  }
  expect(unexpected, 'status changes at instants that are not moments of the matrix').toEqual([]);
  const alerts = all.filter((a) => a.type === 'policy_change.published');
  return { harness, subscriptions, ids, refs, statusAlerts, published: alerts };
}

/** What one profile got and expected, cell by cell. */
function compare(replay: Replay, profile: ExpertProfile) {
  const subscriptionId = replay.subscriptions.get(profile.id);
  const alerts = new Map(
    replay.published
      .filter((alert) => alert.subscriptionId === subscriptionId)
      .map((alert) => [replay.refs.get(alert.policyChangeId), payloadOf(alert)] as const),
  );
  const falsePositives = CHANGE_REFS.filter((ref) => alerts.has(ref) && !profile.expected[ref].alert);
  const falseNegatives = CHANGE_REFS.filter((ref) => !alerts.has(ref) && profile.expected[ref].alert);
  const wrongVerdicts = CHANGE_REFS.filter((ref) => {
    const payload = alerts.get(ref);
    const cell = profile.expected[ref];
    if (!payload || !cell.alert) return false;
    const requires = (payload.data.applicability?.requires ?? []).map((c) => c.type);
    return payload.data.applicability?.verdict !== cell.verdict || !sameList(requires, cell.requires ?? []);
  });
  return { alerts, falsePositives, falseNegatives, wrongVerdicts };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((value, i) => value === [...b].sort()[i]);

describe('expert matrix: subscriber profiles against the whole shipped history', () => {
  let replay: Replay;
  beforeAll(async () => {
    replay = await replayHistory();
  }, 240_000);

  it('ships a history whose sourceRefs are the matrix columns, and at least 16 subscribers with a profile', () => {
    expect([...new Set(HISTORY.map((c) => c.sourceRef))]).toEqual([...CHANGE_REFS]);
    expect(EXPERT_PROFILES.filter((profile) => profile.profile).length).toBeGreaterThanOrEqual(16);
  });

  it.each(EXPERT_PROFILES.map((profile) => [profile.id, profile] as const))(
    '%s gets exactly the published alerts the analyst expects, each with the expected verdict',
    (_id, profile) => {
      const { alerts, falsePositives, falseNegatives } = compare(replay, profile);
      expect({ falsePositives, falseNegatives }).toEqual({ falsePositives: [], falseNegatives: [] });
      for (const ref of CHANGE_REFS) {
        const cell = profile.expected[ref];
        const payload = alerts.get(ref);
        if (!cell.alert || !payload) continue;
        const got = payload.data.applicability;
        expect({ ref, verdict: got?.verdict, requires: (got?.requires ?? []).map((c) => c.type) }).toEqual({
          ref,
          verdict: cell.verdict,
          requires: cell.requires ?? [],
        });
        if (cell.clauses)
          expect({ ref, clauses: payload.data.match?.clauses }).toEqual({ ref, clauses: cell.clauses });
        if (cell.matchedEntities) {
          expect(
            (payload.data.match?.entities ?? []).map((e) => ({ watched: e.watched, listed: e.listed })),
          ).toEqual(cell.matchedEntities);
        }
      }
    },
  );

  it.each(EXPERT_PROFILES.map((profile) => [profile.id, profile] as const))(
    '%s hears of each status change it should, once, naming the cause',
    (_id, profile) => {
      const subscriptionId = replay.subscriptions.get(profile.id);
      for (const moment of Object.keys(LIFECYCLE_MOMENTS) as LifecycleMoment[]) {
        const got: ExpectedStatusChange[] = (replay.statusAlerts.get(moment) ?? [])
          .filter((alert) => alert.subscriptionId === subscriptionId)
          .map((alert) => {
            const change = payloadOf(alert).data.statusChange;
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

  it('has no false positive, no false negative and no wrong verdict over the whole matrix', () => {
    const verdicts: Record<Verdict, number> = {
      applies: 0,
      'does-not-apply': 0,
      'applies-if': 0,
      unknown: 0,
    };
    let alerts = 0;
    let withheld = 0;
    const errors: string[] = [];
    for (const profile of EXPERT_PROFILES) {
      const result = compare(replay, profile);
      alerts += result.alerts.size;
      for (const ref of CHANGE_REFS) {
        const cell = profile.expected[ref];
        if (cell.alert && cell.verdict) verdicts[cell.verdict] += 1;
        if (!cell.alert && cell.verdict) withheld += 1;
      }
      errors.push(
        ...result.falsePositives.map((ref) => `${profile.id} x ${ref}: false positive`),
        ...result.falseNegatives.map((ref) => `${profile.id} x ${ref}: false negative`),
        ...result.wrongVerdicts.map((ref) => `${profile.id} x ${ref}: wrong verdict`),
      );
    }
    const cells = EXPERT_PROFILES.length * CHANGE_REFS.length;
    process.stdout.write(
      `expert matrix: ${EXPERT_PROFILES.length} subscribers x ${CHANGE_REFS.length} changes = ${cells} cells; ` +
        `${alerts} alerts sent, ${withheld} matched changes not sent by the applicability rule; expected verdicts ${JSON.stringify(verdicts)}; ` +
        `${errors.length} errors\n`,
    );
    expect(errors).toEqual([]);
  });

  it('leaves every target of No. 70 in force today, with the whole history', async () => {
    const id = replay.ids.get('MOFCOM-2025-57') as string;
    const view = await replay.harness.table.changes.view(id);
    expect(view?.status).toBe('in-force');
    expect(view?.statusHistory.map((p) => p.status)).toEqual(['announced', 'suspended', 'in-force']);
    expect(view?.statusHistory[1]?.causedBy).toBe(replay.ids.get('MOFCOM-2025-70'));
  });

  it('keeps the DRC cobalt ban as one change in three revisions, superseded by the quotas', async () => {
    const view = await replay.harness.table.changes.view(replay.ids.get('ARECOMS-2025-001') as string);
    expect(view?.revision).toBe(3);
    expect(view?.status).toBe('superseded');
    expect(view?.statusHistory.map((p) => p.status)).toEqual(['in-force', 'superseded']);
    expect(view?.statusHistory[1]?.causedBy).toBe(replay.ids.get('ARECOMS-2025-004'));
  });

  it('records Zimbabwe’s concentrate ban as superseded by the immediate ban before it took effect', async () => {
    const view = await replay.harness.table.changes.view(
      replay.ids.get('ZW-MINES-2025-LITHIUM-CONCENTRATE') as string,
    );
    expect(view?.status).toBe('superseded');
    expect(view?.statusHistory.map((p) => p.status)).toEqual(['announced', 'superseded']);
  });

  it('puts the US affiliates rule back in force when its one-year suspension ends', async () => {
    const view = await replay.harness.table.changes.view(
      replay.ids.get('BIS-2025-AFFILIATES-RULE') as string,
    );
    expect(view?.status).toBe('in-force');
    expect(view?.statusHistory.map((p) => p.status)).toEqual(['in-force', 'suspended', 'in-force']);
  });
});
