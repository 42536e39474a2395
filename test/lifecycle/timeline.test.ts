import { describe, expect, it } from 'vitest';
import {
  computeLifecycle,
  computeTimeline,
  type InboundRelation,
  type LifecycleGraph,
  type LifecycleNode,
  statusAtInstant,
  type TimelinePeriod,
} from '../../shared/model/lifecycle.js';
import { node, rel } from './lifecycle-graph.js';

const graph = (change: LifecycleNode, inbound: InboundRelation[] = []): LifecycleGraph => ({
  change,
  inbound,
});
const day = (date: string) => Date.parse(date);

/** A timeline as [status, from, until, causedBy] rows with days, easy to read in a failure. */
const rows = (timeline: TimelinePeriod[]) =>
  timeline.map((period) => [
    period.status,
    new Date(period.from).toISOString().slice(0, 10),
    period.until === undefined ? undefined : new Date(period.until).toISOString().slice(0, 10),
    period.causedBy,
  ]);

// A control published on 1 April 2025 and in force from 4 April, as in the lifecycle tests.
const control = node('control', { publishedAt: '2025-04-01', effectiveAt: '2025-04-04' });
// Suspends the control for a year from 10 November 2025.
const suspension = node('suspension', { effectiveAt: '2025-11-10', expiresAt: '2026-11-10' });

describe('computeTimeline: where the history of a change starts', () => {
  it.each<[string, Partial<LifecycleNode>, unknown[]]>([
    [
      'published, then effective: announced from publication',
      { publishedAt: '2025-04-01', effectiveAt: '2025-04-04' },
      [
        ['announced', '2025-04-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', undefined, undefined],
      ],
    ],
    [
      'published with no effective date: in force from publication',
      { publishedAt: '2025-04-01', ingestedAt: '2025-05-01' },
      [['in-force', '2025-04-01', undefined, undefined]],
    ],
    [
      'effective before it was published: in force from the effective date',
      { publishedAt: '2025-04-10', effectiveAt: '2025-04-04' },
      [['in-force', '2025-04-04', undefined, undefined]],
    ],
    [
      'no publication date, ingested before it takes effect: announced from ingestion',
      { ingestedAt: '2025-03-01', effectiveAt: '2025-04-04' },
      [
        ['announced', '2025-03-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', undefined, undefined],
      ],
    ],
    [
      'no publication date, ingested after it took effect: in force from the effective date',
      { ingestedAt: '2025-06-01', effectiveAt: '2025-04-04' },
      [['in-force', '2025-04-04', undefined, undefined]],
    ],
    [
      'only an ingestion date: in force from ingestion',
      { ingestedAt: '2025-06-01' },
      [['in-force', '2025-06-01', undefined, undefined]],
    ],
  ])('%s', (_name, dates, expected) => {
    expect(rows(computeTimeline(graph(node('c', dates))))).toEqual(expected);
  });
});

describe('computeTimeline: expiry and the changes that extend it', () => {
  const temporary = node('temporary', { effectiveAt: '2025-01-01', expiresAt: '2026-01-01' });
  const extension = (id: string, expiresAt?: string) =>
    node(id, { effectiveAt: '2025-12-01', ...(expiresAt ? { expiresAt } : {}) });

  it.each<[string, InboundRelation[], string | undefined]>([
    ['alone, it expires on its own date', [], '2026-01-01'],
    ['an extension pushes the expiry back', [rel('extends', extension('e1', '2026-06-01'))], '2026-06-01'],
    [
      'of two extensions the later date wins, whichever is listed first',
      [rel('extends', extension('e1', '2026-06-01')), rel('extends', extension('e2', '2027-01-01'))],
      '2027-01-01',
    ],
    [
      'an extension earlier than the expiry does not bring it forward',
      [rel('extends', extension('e1', '2025-12-15'))],
      '2026-01-01',
    ],
    [
      'an extension with no expiry of its own extends it indefinitely',
      [rel('extends', extension('e1'))],
      undefined,
    ],
    ['a change that only amends it leaves its expiry alone', [rel('amends', extension('a1'))], '2026-01-01'],
  ])('%s', (_name, inbound, expiredFrom) => {
    const expired = computeTimeline(graph(temporary, inbound)).find((period) => period.status === 'expired');
    expect(expired === undefined ? undefined : new Date(expired.from).toISOString().slice(0, 10)).toBe(
      expiredFrom,
    );
  });
});

describe('computeTimeline: revocation and supersession', () => {
  it.each<[string, InboundRelation[], unknown]>([
    [
      'the earlier of a revocation and a later supersession ends it',
      [
        rel('revokes', node('revoker', { effectiveAt: '2025-08-01' })),
        rel('supersedes', node('successor', { effectiveAt: '2025-09-01' })),
      ],
      ['revoked', '2025-08-01', undefined, 'revoker'],
    ],
    [
      'the earlier of a supersession and a later revocation ends it',
      [
        rel('supersedes', node('successor', { effectiveAt: '2025-08-01' })),
        rel('revokes', node('revoker', { effectiveAt: '2025-09-01' })),
      ],
      ['superseded', '2025-08-01', undefined, 'successor'],
    ],
    [
      'the earlier ends it, whichever is listed first',
      [
        rel('revokes', node('revoker', { effectiveAt: '2025-09-01' })),
        rel('supersedes', node('successor', { effectiveAt: '2025-08-01' })),
      ],
      ['superseded', '2025-08-01', undefined, 'successor'],
    ],
  ])('%s', (_name, inbound, last) => {
    expect(rows(computeTimeline(graph(control, inbound))).at(-1)).toEqual(last);
  });

  it('revoked during a suspension: the revocation, not the suspension, is the cause', () => {
    const revoker = node('revoker', { effectiveAt: '2026-03-01' });
    expect(
      rows(computeTimeline(graph(control, [rel('suspends', suspension), rel('revokes', revoker)]))),
    ).toEqual([
      ['announced', '2025-04-01', '2025-04-04', undefined],
      ['in-force', '2025-04-04', '2025-11-10', undefined],
      ['suspended', '2025-11-10', '2026-03-01', 'suspension'],
      ['revoked', '2026-03-01', undefined, 'revoker'],
    ]);
  });

  it('expiring during a suspension: expired, with no cause', () => {
    const temporary = node('temporary', {
      publishedAt: '2025-04-04',
      effectiveAt: '2025-04-04',
      expiresAt: '2026-03-01',
    });
    expect(rows(computeTimeline(graph(temporary, [rel('suspends', suspension)])))).toEqual([
      ['in-force', '2025-04-04', '2025-11-10', undefined],
      ['suspended', '2025-11-10', '2026-03-01', 'suspension'],
      ['expired', '2026-03-01', undefined, undefined],
    ]);
  });
});

describe('computeTimeline: suspensions and resumptions', () => {
  const openEnded = node('open-ended', { effectiveAt: '2025-11-10' });

  it.each<[string, InboundRelation[], unknown[]]>([
    [
      'a suspension with no end suspends for good',
      [rel('suspends', openEnded)],
      [
        ['announced', '2025-04-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', '2025-11-10', undefined],
        ['suspended', '2025-11-10', undefined, 'open-ended'],
      ],
    ],
    [
      'a resumption ends a suspension that has no end of its own',
      [rel('suspends', openEnded), rel('resumes', node('resumption', { effectiveAt: '2026-02-01' }))],
      [
        ['announced', '2025-04-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', '2025-11-10', undefined],
        ['suspended', '2025-11-10', '2026-02-01', 'open-ended'],
        ['in-force', '2026-02-01', undefined, 'resumption'],
      ],
    ],
    [
      'of two resumptions the earlier ends the suspension, whichever is listed first',
      [
        rel('suspends', openEnded),
        rel('resumes', node('later', { effectiveAt: '2026-05-01' })),
        rel('resumes', node('earlier', { effectiveAt: '2026-02-01' })),
      ],
      [
        ['announced', '2025-04-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', '2025-11-10', undefined],
        ['suspended', '2025-11-10', '2026-02-01', 'open-ended'],
        ['in-force', '2026-02-01', undefined, 'earlier'],
      ],
    ],
    [
      'a resumption that took effect before the suspension does not end it',
      [rel('suspends', suspension), rel('resumes', node('resumption', { effectiveAt: '2025-10-01' }))],
      [
        ['announced', '2025-04-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', '2025-11-10', undefined],
        ['suspended', '2025-11-10', '2026-11-10', 'suspension'],
        ['in-force', '2026-11-10', undefined, 'suspension'],
      ],
    ],
    [
      'a resumption after the suspension ended changes nothing: the suspension’s end is the cause',
      [rel('suspends', suspension), rel('resumes', node('resumption', { effectiveAt: '2027-01-01' }))],
      [
        ['announced', '2025-04-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', '2025-11-10', undefined],
        ['suspended', '2025-11-10', '2026-11-10', 'suspension'],
        ['in-force', '2026-11-10', undefined, 'suspension'],
      ],
    ],
    [
      'a change that only amends it during a suspension does not resume it',
      [rel('suspends', suspension), rel('amends', node('amendment', { effectiveAt: '2026-02-01' }))],
      [
        ['announced', '2025-04-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', '2025-11-10', undefined],
        ['suspended', '2025-11-10', '2026-11-10', 'suspension'],
        ['in-force', '2026-11-10', undefined, 'suspension'],
      ],
    ],
    [
      'back-to-back suspensions by two changes are two periods, each with its cause',
      [
        rel('suspends', node('first', { effectiveAt: '2025-11-10', expiresAt: '2026-02-01' })),
        rel('suspends', node('second', { effectiveAt: '2026-02-01', expiresAt: '2026-05-01' })),
      ],
      [
        ['announced', '2025-04-01', '2025-04-04', undefined],
        ['in-force', '2025-04-04', '2025-11-10', undefined],
        ['suspended', '2025-11-10', '2026-02-01', 'first'],
        ['suspended', '2026-02-01', '2026-05-01', 'second'],
        ['in-force', '2026-05-01', undefined, 'second'],
      ],
    ],
    [
      'a suspension in force before the change was published: one suspended period from publication',
      [rel('suspends', node('early', { effectiveAt: '2025-03-01', expiresAt: '2025-06-01' }))],
      [
        ['suspended', '2025-04-01', '2025-06-01', 'early'],
        ['in-force', '2025-06-01', undefined, 'early'],
      ],
    ],
  ])('%s', (_name, inbound, expected) => {
    expect(rows(computeTimeline(graph(control, inbound)))).toEqual(expected);
  });

  it('a suspension that is itself suspended for a while lets the control back in force meanwhile; a resumption then ends the rest', () => {
    // The suspension is in force twice (before and after its own suspension), so it makes two windows.
    const suspensionOfSuspension = node('pause', { effectiveAt: '2026-02-01', expiresAt: '2026-04-01' });
    const resumption = node('resumption', { effectiveAt: '2026-06-01' });
    const timeline = computeTimeline(
      graph(control, [
        rel('suspends', suspension, [rel('suspends', suspensionOfSuspension)]),
        rel('resumes', resumption),
      ]),
    );
    expect(rows(timeline)).toEqual([
      ['announced', '2025-04-01', '2025-04-04', undefined],
      ['in-force', '2025-04-04', '2025-11-10', undefined],
      ['suspended', '2025-11-10', '2026-02-01', 'suspension'],
      ['in-force', '2026-02-01', '2026-04-01', 'suspension'],
      ['suspended', '2026-04-01', '2026-06-01', 'suspension'],
      ['in-force', '2026-06-01', undefined, 'resumption'],
    ]);
  });

  it('follows suspensions of suspensions three levels down, and no further', () => {
    // Each level suspends the one above it for good from its effective date. A fourth level would put
    // the control back in force on 1 April 2026; the walk stops before it (relations cannot loop, but
    // the depth stays bounded all the same).
    const level = (id: string, effectiveAt: string) => node(id, { effectiveAt });
    const fourth = rel('suspends', level('fourth', '2026-04-01'));
    const third = rel('suspends', level('third', '2026-03-01'), [fourth]);
    const second = rel('suspends', level('second', '2026-02-01'), [third]);
    const first = rel('suspends', level('first', '2026-01-01'), [second]);
    expect(rows(computeTimeline(graph(control, [first])))).toEqual([
      ['announced', '2025-04-01', '2025-04-04', undefined],
      ['in-force', '2025-04-04', '2026-01-01', undefined],
      ['suspended', '2026-01-01', '2026-02-01', 'first'],
      ['in-force', '2026-02-01', '2026-03-01', 'first'],
      ['suspended', '2026-03-01', undefined, 'first'],
    ]);
  });
});

describe('computeLifecycle at the edges of a period', () => {
  const life = (now: string, change: LifecycleNode = control) =>
    computeLifecycle(graph(change), new Date(now));

  it('at the very instant a change takes effect it is in force, and the next transition lies ahead', () => {
    const temporary = node('temporary', {
      publishedAt: '2025-04-01',
      effectiveAt: '2025-04-04',
      expiresAt: '2026-04-04',
    });
    expect(life('2025-04-04T00:00:00.000Z', temporary)).toMatchObject({
      status: 'in-force',
      statusHistory: [
        { status: 'announced', from: '2025-04-01T00:00:00.000Z', until: '2025-04-04T00:00:00.000Z' },
        { status: 'in-force', from: '2025-04-04T00:00:00.000Z' },
      ],
      nextTransitionAt: '2026-04-04T00:00:00.000Z',
    });
  });

  it('before a change is even published it is announced, its history the first period alone', () => {
    const result = life('2025-03-01T00:00:00.000Z');
    expect(result.status).toBe('announced');
    expect(result.statusHistory).toEqual([{ status: 'announced', from: '2025-04-01T00:00:00.000Z' }]);
    expect(result.nextTransitionAt).toBe('2025-04-01T00:00:00.000Z');
  });
});

describe('statusAtInstant: the period a timeline gives at an instant', () => {
  const timeline = computeTimeline(graph(control, [rel('suspends', suspension)]));

  it.each<[string, string, string | undefined]>([
    ['before the change was known: none', '2025-03-31T23:59:59Z', undefined],
    ['at publication: announced', '2025-04-01T00:00:00Z', 'announced'],
    ['just before it takes effect: announced', '2025-04-03T23:59:59Z', 'announced'],
    ['at the instant it takes effect: in force', '2025-04-04T00:00:00Z', 'in-force'],
    ['during the suspension: suspended', '2026-01-01T00:00:00Z', 'suspended'],
    ['at the instant the suspension ends: in force', '2026-11-10T00:00:00Z', 'in-force'],
    ['long after, in the last open period: in force', '2030-01-01T00:00:00Z', 'in-force'],
  ])('%s', (_name, at, status) => {
    expect(statusAtInstant(timeline, day(at))?.status).toBe(status);
  });

  it('gives the period itself, with its bounds and cause', () => {
    expect(statusAtInstant(timeline, day('2026-01-01'))).toEqual({
      status: 'suspended',
      from: day('2025-11-10'),
      until: day('2026-11-10'),
      causedBy: 'suspension',
    });
  });
});
