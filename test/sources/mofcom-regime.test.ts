import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { MOFCOM_FIXTURES, mofcomFixture } from '../../bench/mofcom-accuracy.js';
import { shippedHistory } from '../../shared/ingest/shipped-history/shipped-history.js';
import { mofcomItem } from '../../shared/ingest/sources/mofcom/mofcom-item.js';
import { decodePage, parseArticlePage } from '../../shared/ingest/sources/mofcom/mofcom-page.js';
import { mofcomReader } from '../../shared/ingest/sources/mofcom/mofcom-reader.js';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import * as api from '../api/support.js';

const { ADMIN } = api;
const china = shippedHistory().filter((change) => change.source === 'cn-mofcom');

/** Every candidate the reader makes of the fixture pages, oldest first (targets before what names them). */
function importedBodies(): Record<string, unknown>[] {
  const read = mofcomReader(defaultCatalogue());
  const bodies = readdirSync(fileURLToPath(MOFCOM_FIXTURES))
    .filter((name) => name.startsWith('mofcom-'))
    .flatMap((name) => {
      const reading = read(parseArticlePage(decodePage(mofcomFixture(name), name), name), name);
      return reading.kind === 'candidates'
        ? reading.candidates.map((candidate) => mofcomItem(candidate).body)
        : [];
    });
  return bodies.sort((a, b) => String(a.publishedAt).localeCompare(String(b.publishedAt)));
}

async function harness() {
  let now = new Date('2026-12-01T00:00:00Z');
  const { h, deps } = await api.simulatedHarness(() => now);
  const post = async (body: Record<string, unknown>) => {
    const res = await h.http.post('/v1/policy-changes', body, ADMIN);
    expect([200, 202], res.text).toContain(res.status);
    // The matcher applies a change's relations to their targets; no subscription is there to alert.
    if (body.relatedChanges)
      await matchPolicyChange(deps, { policyChangeId: res.json.id, revision: res.json.revision });
  };
  const regime = async (at: string) => {
    const res = await h.http.get(`/v1/regime?material=dysprosium&origin=CN&destination=US&at=${at}`, ADMIN);
    expect(res.status, res.text).toBe(200);
    return (res.json.items as { policyChange: { sourceRef: string }; status: string }[])
      .map((item) => `${item.policyChange.sourceRef} ${item.status}`)
      .sort();
  };
  return { h, deps, post, regime, setNow: (at: Date) => (now = at) };
}

describe('the ministry pages imported give the regime of the shipped history', () => {
  const imported = importedBodies();
  const dates = ['2025-03-01', '2025-06-01', '2025-10-20', '2025-11-08', '2026-06-01', '2026-12-01'];
  let shipped: Awaited<ReturnType<typeof harness>>;
  let read: Awaited<ReturnType<typeof harness>>;

  beforeAll(async () => {
    shipped = await harness();
    for (const change of china) await shipped.post(change as unknown as Record<string, unknown>);

    // The pages go through the review queue and are approved as read; what has no page (the entity
    // list of January 2025, the general licences announced at a press conference) is posted as shipped.
    read = await harness();
    const batch = await read.h.http.post('/v1/policy-changes/batch', { items: imported }, ADMIN);
    expect(batch.status, batch.text).toBe(200);
    const results = batch.json.results as { status: string; id: string; reviewStatus: string }[];
    expect(results.map((result) => [result.status, result.reviewStatus])).toEqual(
      imported.map(() => ['created', 'pending']),
    );
    for (const [index, result] of results.entries()) {
      const approved = await read.h.http.post(`/v1/admin/review/${result.id}/approve`, {}, ADMIN);
      expect(approved.status, approved.text).toBe(200);
      if (imported[index]?.relatedChanges)
        await matchPolicyChange(read.deps, {
          policyChangeId: approved.json.policyChangeId,
          revision: approved.json.revision,
        });
    }
    const pageRefs = new Set(imported.map((body) => body.sourceRef));
    for (const change of china.filter((c) => !pageRefs.has(c.sourceRef))) {
      await read.post({
        ...change,
        relatedChanges: change.relatedChanges?.map((related) => ({
          ...related,
          ...(related.sourceRef ? { sourceRef: related.sourceRef } : {}),
        })),
      } as unknown as Record<string, unknown>);
    }
  }, 60_000);

  it('every shipped announcement with a page is read with the same type, dates, destinations, materials and relations', () => {
    const fields = (change: Record<string, unknown>) => ({
      sourceRef: String(change.sourceRef),
      changeType: change.changeType,
      publishedAt: change.publishedAt,
      effectiveAt: change.effectiveAt,
      expiresAt: change.expiresAt,
      affectedRegions: change.affectedRegions,
      materials: [...(change.materials as string[])].sort(),
      relatedChanges: ((change.relatedChanges ?? []) as { relation: string; sourceRef: string }[]).map(
        (related) => `${related.relation} ${related.sourceRef}`,
      ),
    });
    const withPages = new Set(imported.map((body) => body.sourceRef));
    const expected = china.filter((change) => withPages.has(change.sourceRef));
    expect(expected).toHaveLength(15);
    expect(imported.map(fields).sort(bySourceRef)).toEqual(
      expected.map((change) => fields(change as unknown as Record<string, unknown>)).sort(bySourceRef),
    );
  });

  it.each(dates)(
    'dysprosium from China to the US on %s: the same changes in the same statuses',
    async (at) => {
      const fromHistory = await shipped.regime(at);
      expect(fromHistory.length).toBeGreaterThan(0);
      expect(await read.regime(at)).toEqual(fromHistory);
    },
  );
});

function bySourceRef(a: { sourceRef: string }, b: { sourceRef: string }) {
  return a.sourceRef.localeCompare(b.sourceRef);
}
