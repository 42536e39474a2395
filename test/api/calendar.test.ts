import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedHistory } from '../../shared/ingest/shipped-history/shipped-history.js';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { calendarDates, dayInOffsetOf } from '../../shared/subscriptions/calendar-dates.js';
import {
  ADMIN,
  type ApiHarness,
  createdSubscription,
  createHarness,
  expectProblem,
  matcherDepsOf,
  newIngestKey,
  newSubscriber,
  policyChangeBody,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
let alice: { id: string; key: string };
const TITLE =
  'Export controls on dysprosium, terbium; licences for 镝 and 铽 (稀土), "compounds" and mixtures \\ magnets of every grade';
let tightening = '';
let suspension = '';

/** Runs the matcher on a stored first revision, as the table's stream would. */
function matchStored(policyChangeId: string) {
  return matchPolicyChange(
    matcherDepsOf(h, () => new Date()),
    { policyChangeId, revision: 1 },
  );
}

async function ingestAndMatch(ingest: string, body: Record<string, unknown>): Promise<string> {
  const res = await h.http.post('/v1/policy-changes', policyChangeBody(body), ingest);
  expect(res.status, res.text).toBe(202);
  await matchStored(res.json.id);
  return res.json.id;
}

beforeAll(async () => {
  h = await createHarness();
  alice = await newSubscriber(h.http, 'Alice Alloys');
  await createdSubscription(h, subscriptionBody({ filters: { materials: ['rare-earths'] } }), alice.key);
  const ingest = await newIngestKey(h.http);
  tightening = await ingestAndMatch(ingest, {
    title: TITLE,
    materials: ['dysprosium', 'terbium'],
    publishedAt: '2025-04-04T00:00:00+08:00',
    effectiveAt: '2025-04-04T00:00:00+08:00',
  });
  suspension = await ingestAndMatch(ingest, {
    title: 'Suspension of the dysprosium licensing until 10 November 2026',
    materials: ['dysprosium'],
    changeType: 'suspension',
    direction: 'relaxation',
    conditions: [],
    relatedChanges: [{ relation: 'suspends', policyChangeId: tightening }],
    publishedAt: '2025-11-07T00:00:00+08:00',
    effectiveAt: '2025-11-07T00:00:00+08:00',
    expiresAt: '2026-11-10T00:00:00+08:00',
  });
  // Cobalt is not among Alice's materials: its date stays out of her calendar.
  await ingestAndMatch(ingest, {
    materials: ['cobalt'],
    effectiveAt: '2025-06-01',
    publishedAt: '2025-06-01',
  });
});

function parsed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
      end: event.endDate.toString(),
    };
  });
}

describe('a private calendar URL', () => {
  it('lists the effective dates, expiries and suspension ends of the changes the subscriptions match', async () => {
    const issued = await h.http.post('/v1/me/calendar', undefined, alice.key);
    expect(issued.status, issued.text).toBe(201);
    const url = new URL(issued.json.url);
    expect(url.pathname).toMatch(/^\/v1\/calendars\/cal_[A-Za-z0-9_-]{43}\.ics$/);

    const res = await h.app.request(url.pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    // RFC 5545: CRLF line ends, lines folded at 75 octets.
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');

    const events = parsed(text).sort((a, b) => a.uid.localeCompare(b.uid));
    expect(events).toEqual(
      [
        {
          uid: `${suspension}-effective@material-alerts`,
          summary: 'Takes effect: Suspension of the dysprosium licensing until 10 November 2026',
          start: '2025-11-07',
          allDay: true,
          end: '2025-11-08',
        },
        {
          uid: `${suspension}-expires@material-alerts`,
          summary: 'Suspension ends: Suspension of the dysprosium licensing until 10 November 2026',
          start: '2026-11-10',
          allDay: true,
          end: '2026-11-11',
        },
        {
          uid: `${tightening}-effective@material-alerts`,
          summary: `Takes effect: ${TITLE}`,
          start: '2025-04-04',
          allDay: true,
          end: '2025-04-05',
        },
        {
          uid: `${tightening}-resumes-2026-11-10@material-alerts`,
          summary: `Suspension ends, applies again: ${TITLE}`,
          start: '2026-11-10',
          allDay: true,
          end: '2026-11-11',
        },
      ].sort((a, b) => a.uid.localeCompare(b.uid)),
    );

    // The same request gives the same bytes: calendar apps see no change where there is none.
    expect(await (await h.app.request(url.pathname)).text()).toBe(text);
    const state = await h.http.get('/v1/me/calendar', alice.key);
    expect(state.json).toMatchObject({ active: true, createdAt: expect.any(String) });
  });

  it('a new URL replaces the old one, and a revoked or unknown token answers 404', async () => {
    const first = new URL((await h.http.post('/v1/me/calendar', undefined, alice.key)).json.url).pathname;
    const second = new URL((await h.http.post('/v1/me/calendar', undefined, alice.key)).json.url).pathname;
    expectProblem(await h.http.get(first), 404, 'not-found');
    expect((await h.app.request(second)).status).toBe(200);
    // Without the `.ics` ending too.
    expect((await h.app.request(second.replace(/\.ics$/, ''))).status).toBe(200);

    const revoked = await h.http.delete('/v1/me/calendar', alice.key);
    expect(revoked.status).toBe(204);
    expectProblem(await h.http.get(second), 404, 'not-found');
    expect((await h.http.get('/v1/me/calendar', alice.key)).json).toEqual({ active: false });
    expect((await h.http.delete('/v1/me/calendar', alice.key)).status).toBe(204);

    const audit = await h.http.get(
      `/v1/admin/audit?target=subscriber:${alice.id}&action=subscriber.*`,
      ADMIN,
    );
    const actions = audit.json.items.map((record: { action: string }) => record.action);
    expect(actions.filter((a: string) => a === 'subscriber.calendar-revoked')).toHaveLength(1);
    expect(actions.filter((a: string) => a === 'subscriber.calendar-issued').length).toBeGreaterThanOrEqual(
      2,
    );
    expect(audit.text).not.toMatch(/cal_[A-Za-z0-9_-]{43}/);

    for (const token of ['cal_', `cal_${'A'.repeat(43)}.ics`, 'x'.repeat(300), '%00', '..']) {
      expectProblem(await h.http.get(`/v1/calendars/${token}`), 404, 'not-found');
    }
  });

  it('is for subscriber keys', async () => {
    expectProblem(await h.http.post('/v1/me/calendar', undefined, ADMIN), 403);
    expectProblem(await h.http.post('/v1/me/calendar', undefined), 401);
  });
});

describe('the calendar of the shipped history', () => {
  it("shows No. 70's suspension ending on 10 November 2026 and No. 72's on 27 November 2026", async () => {
    const refs = ['MOFCOM-2024-46-2', 'MOFCOM-2025-57', 'MOFCOM-2025-70', 'MOFCOM-2025-72'];
    const magnets = await newSubscriber(h.http, 'Magnet maker');
    await createdSubscription(
      h,
      subscriptionBody({ filters: { materials: ['holmium', 'gallium'], scopes: ['lanes', 'all-items'] } }),
      magnets.key,
    );
    const ids: Record<string, string> = {};
    for (const change of shippedHistory().filter((c) => refs.includes(c.sourceRef))) {
      const res = await h.http.post('/v1/policy-changes', change, ADMIN);
      expect(res.status, res.text).toBe(202);
      await matchStored(res.json.id);
      ids[res.json.id] = change.sourceRef;
    }
    const url = new URL((await h.http.post('/v1/me/calendar', undefined, magnets.key)).json.url);
    const events = parsed(await (await h.app.request(url.pathname)).text());
    const ends = events
      .filter((e) => e.start.startsWith('2026-11'))
      .map((e) => `${e.start} ${ids[e.uid.slice(0, e.uid.indexOf('-'))]} ${e.summary.split(':')[0]}`)
      .sort();
    expect(ends).toEqual([
      '2026-11-10 MOFCOM-2025-57 Suspension ends, applies again',
      '2026-11-10 MOFCOM-2025-70 Suspension ends',
      '2026-11-27 MOFCOM-2024-46-2 Suspension ends, applies again',
      '2026-11-27 MOFCOM-2025-72 Suspension ends',
    ]);
  });
});

describe('calendar dates', () => {
  it('dates an instant in the offset the change was written in', () => {
    const cases: [number, string | undefined, string][] = [
      [Date.parse('2026-11-10T00:00:00+08:00'), '2025-11-07T00:00:00+08:00', '2026-11-10'],
      [Date.parse('2026-11-10T00:00:00+08:00'), '2025-11-07T00:00:00Z', '2026-11-09'],
      [Date.parse('2026-01-01T03:00:00Z'), '2025-06-01T00:00:00-05:00', '2025-12-31'],
      [Date.parse('2026-01-01T03:00:00Z'), '2025-06-01', '2026-01-01'],
      [Date.parse('2026-01-01T03:00:00Z'), undefined, '2026-01-01'],
    ];
    for (const [ms, like, day] of cases) expect(dayInOffsetOf(ms, like), `${like}`).toBe(day);
  });

  it('gives a change without dates no entry, and an expiring rule an expiry', () => {
    const base = {
      id: 'pc_1',
      revision: 2,
      source: 's',
      sourceRef: 'r',
      title: 'T',
      issuingRegion: 'US',
      affectedRegions: ['*'],
      materials: ['gallium'],
      changeType: 'licence-requirement',
      severity: 'high',
      ingestedAt: '2025-01-01T00:00:00Z',
    } as unknown as Parameters<typeof calendarDates>[0]['change'];
    expect(calendarDates({ change: base, status: 'in-force', timeline: [] })).toEqual([]);
    const dates = calendarDates({
      change: { ...base, expiresAt: '2027-01-31' },
      status: 'in-force',
      timeline: [],
    });
    expect(dates.map((d) => [d.kind, d.day, d.summary, d.sequence])).toEqual([
      ['expires', '2027-01-31', 'Expires: T', 2],
    ]);
  });
});
