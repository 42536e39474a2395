import { beforeAll, describe, expect, it } from 'vitest';
import { shippedHistory } from '../../shared/ingest/shipped-history/shipped-history.js';
import { CHANGE_REFS, EXPERT_PROFILES } from '../fixtures/expert-matrix.js';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newSubscriber,
  problemFields,
} from './support.js';

/** The shipped history as a loader posts it: China's file, then the other issuers'. */
const HISTORY = shippedHistory();

interface PreviewCell {
  ref: string;
  verdict: string;
  requires: string[];
}

describe('POST /v1/subscriptions/preview', () => {
  let harness: ApiHarness;
  let key: string;
  beforeAll(async () => {
    harness = await createHarness();
    // Stored only: the preview reads the history, so nothing is matched or alerted here.
    for (const body of HISTORY) {
      const response = await harness.http.post('/v1/policy-changes', body, ADMIN);
      expect(response.status, `${body.sourceRef}: ${response.text}`).toBe(202);
    }
    key = (await newSubscriber(harness.http, 'Preview desk')).key;
  }, 60_000);

  it('gives every profile of the expert matrix exactly its expected alerts, each with its verdict', async () => {
    const errors: string[] = [];
    for (const profile of EXPERT_PROFILES) {
      const response = await harness.http.post(
        '/v1/subscriptions/preview',
        { filters: profile.filters, ...(profile.profile ? { profile: profile.profile } : {}) },
        key,
      );
      expect(response.status, `${profile.id}: ${response.text}`).toBe(200);
      const got: PreviewCell[] = response.json.items.map(
        (item: {
          policyChange: { sourceRef: string };
          applicability: { verdict: string; requires: { type: string }[] };
        }) => ({
          ref: item.policyChange.sourceRef,
          verdict: item.applicability.verdict,
          requires: item.applicability.requires.map((c) => c.type).sort(),
        }),
      );
      const expected: PreviewCell[] = CHANGE_REFS.flatMap((ref) => {
        const cell = profile.expected[ref];
        return cell.alert
          ? [{ ref, verdict: cell.verdict ?? '', requires: [...(cell.requires ?? [])].sort() }]
          : [];
      });
      const byRef = (a: PreviewCell, b: PreviewCell) => a.ref.localeCompare(b.ref);
      const gotSorted = [...got].sort(byRef);
      const expectedSorted = [...expected].sort(byRef);
      if (JSON.stringify(gotSorted) !== JSON.stringify(expectedSorted)) {
        const missing = expectedSorted.filter(
          (e) => !gotSorted.some((g) => JSON.stringify(g) === JSON.stringify(e)),
        );
        const extra = gotSorted.filter(
          (g) => !expectedSorted.some((e) => JSON.stringify(g) === JSON.stringify(e)),
        );
        errors.push(`${profile.id}: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`);
      }
    }
    expect(errors).toEqual([]);
  });

  it('lists the newest change first', async () => {
    const response = await harness.http.post(
      '/v1/subscriptions/preview',
      { filters: { materials: ['*'] } },
      key,
    );
    const published: string[] = response.json.items.map(
      (item: { policyChange: { publishedAt: string } }) => item.policyChange.publishedAt,
    );
    expect(published.length).toBeGreaterThan(10);
    expect(published).toEqual([...published].sort().reverse());
  });

  it('judges on the subscriber’s default profile when the request names none', async () => {
    const filters = { materials: ['rare-earth-magnets'], changeTypes: ['general-licence'] };
    await harness.http.patch('/v1/me/subscriber', { defaultProfile: { endUses: ['military'] } }, key);
    const judged = await harness.http.post('/v1/subscriptions/preview', { filters }, key);
    const verdicts = judged.json.items.map(
      (item: { applicability: { verdict: string } }) => item.applicability.verdict,
    );
    await harness.http.patch('/v1/me/subscriber', { defaultProfile: null }, key);
    const unjudged = await harness.http.post('/v1/subscriptions/preview', { filters }, key);
    expect(verdicts).toEqual(['does-not-apply']);
    expect(
      unjudged.json.items.map((item: { applicability: { verdict: string } }) => item.applicability.verdict),
    ).toEqual(['unknown']);
  });

  it('refuses filters a subscription could not have, naming the field, and stores nothing', async () => {
    const before = await harness.itemCount();
    const unknownMaterial = await harness.http.post(
      '/v1/subscriptions/preview',
      { filters: [{ materials: ['lithium'] }, { materials: ['unobtainium'] }] },
      key,
    );
    expectProblem(unknownMaterial, 422);
    expect(problemFields(unknownMaterial)).toEqual(['filters.1.materials']);
    const badProfile = await harness.http.post(
      '/v1/subscriptions/preview',
      { filters: { materials: ['lithium'] }, profile: { endUses: ['piracy'] } },
      key,
    );
    expectProblem(badProfile, 422);
    expect(problemFields(badProfile)[0]).toMatch(/^profile\.endUses/);
    const noFilters = await harness.http.post('/v1/subscriptions/preview', {}, key);
    expectProblem(noFilters, 422);
    expect(problemFields(noFilters)).toEqual(['filters']);
    expect(await harness.itemCount()).toBe(before);
  });
});
