import { describe, expect, it } from 'vitest';
import { computeLifecycle, isAnnouncedTransition } from '../../shared/model/lifecycle.js';
import { node, rel } from './lifecycle-graph.js';

const at = (iso: string) => new Date(iso);

// A control in force since April 2025, and a one-year suspension of it from November 2025.
const control = node('control', {
  publishedAt: '2025-04-01T00:00:00.000Z',
  effectiveAt: '2025-04-04T00:00:00.000Z',
});
const suspension = node('suspension', {
  publishedAt: '2025-11-07T00:00:00.000Z',
  effectiveAt: '2025-11-10T00:00:00.000Z',
  expiresAt: '2026-11-10T00:00:00.000Z',
});

describe('computeLifecycle on a simulated clock', () => {
  it.each([
    ['before its effective date: announced', '2025-04-02T00:00:00Z', 'announced'],
    ['from its effective date: in force', '2025-06-01T00:00:00Z', 'in-force'],
  ])('a control alone, %s', (_name, now, status) => {
    expect(computeLifecycle({ change: control, inbound: [] }, at(now)).status).toBe(status);
  });

  it('a control expires on its own expiry date', () => {
    const temporary = node('t', { effectiveAt: '2025-01-01T00:00:00Z', expiresAt: '2025-07-01T00:00:00Z' });
    const life = computeLifecycle({ change: temporary, inbound: [] }, at('2025-08-01T00:00:00Z'));
    expect(life.status).toBe('expired');
    expect(life.nextTransitionAt).toBeUndefined();
  });

  it('is suspended while the suspension is in force, with the suspension as cause and its end as next transition', () => {
    const life = computeLifecycle(
      { change: control, inbound: [rel('suspends', suspension)] },
      at('2026-01-01T00:00:00Z'),
    );
    expect(life.status).toBe('suspended');
    expect(life.statusHistory.at(-1)).toEqual({
      status: 'suspended',
      from: '2025-11-10T00:00:00.000Z',
      causedBy: 'suspension',
    });
    expect(life.nextTransitionAt).toBe('2026-11-10T00:00:00.000Z');
  });

  it('resumes when the suspension expires: back in force, the suspension named as the cause', () => {
    const life = computeLifecycle(
      { change: control, inbound: [rel('suspends', suspension)] },
      at('2026-11-29T00:00:00Z'),
    );
    expect(life.status).toBe('in-force');
    expect(life.statusHistory.map((p) => [p.status, p.from, p.until, p.causedBy])).toEqual([
      ['announced', '2025-04-01T00:00:00.000Z', '2025-04-04T00:00:00.000Z', undefined],
      ['in-force', '2025-04-04T00:00:00.000Z', '2025-11-10T00:00:00.000Z', undefined],
      ['suspended', '2025-11-10T00:00:00.000Z', '2026-11-10T00:00:00.000Z', 'suspension'],
      ['in-force', '2026-11-10T00:00:00.000Z', undefined, 'suspension'],
    ]);
    expect(life.nextTransitionAt).toBeUndefined();
  });

  it('a suspension known only after it ended gives the whole history and the current status at once', () => {
    // The same inputs, evaluated for the first time a month after the end.
    const life = computeLifecycle(
      { change: control, inbound: [rel('suspends', suspension)] },
      at('2026-12-10T00:00:00Z'),
    );
    expect(life.status).toBe('in-force');
    expect(life.statusHistory.map((p) => p.status)).toEqual([
      'announced',
      'in-force',
      'suspended',
      'in-force',
    ]);
  });

  it('a change that extends the suspension keeps the control suspended until the later date', () => {
    const extension = node('extension', {
      effectiveAt: '2026-11-01T00:00:00Z',
      expiresAt: '2027-11-10T00:00:00Z',
    });
    const life = computeLifecycle(
      { change: control, inbound: [rel('suspends', suspension, [rel('extends', extension)])] },
      at('2027-01-01T00:00:00Z'),
    );
    expect(life.status).toBe('suspended');
    expect(life.nextTransitionAt).toBe('2027-11-10T00:00:00.000Z');
  });

  it('a change that resumes the control ends the suspension early, and is the cause', () => {
    const resumption = node('resumption', { effectiveAt: '2026-03-01T00:00:00Z' });
    const life = computeLifecycle(
      { change: control, inbound: [rel('suspends', suspension), rel('resumes', resumption)] },
      at('2026-04-01T00:00:00Z'),
    );
    expect(life.status).toBe('in-force');
    expect(life.statusHistory.at(-1)).toEqual({
      status: 'in-force',
      from: '2026-03-01T00:00:00.000Z',
      causedBy: 'resumption',
    });
  });

  it('a revoked suspension stops suspending when the revocation takes effect', () => {
    const revocation = node('revocation', { effectiveAt: '2026-02-01T00:00:00Z' });
    const life = computeLifecycle(
      { change: control, inbound: [rel('suspends', suspension, [rel('revokes', revocation)])] },
      at('2026-03-01T00:00:00Z'),
    );
    expect(life.status).toBe('in-force');
  });

  it.each([
    ['revokes', 'revoked'],
    ['supersedes', 'superseded'],
  ] as const)('a change that %s it ends it for good, whatever else happens', (relation, status) => {
    const other = node('other', { effectiveAt: '2025-09-01T00:00:00Z' });
    const life = computeLifecycle(
      { change: control, inbound: [rel(relation, other), rel('suspends', suspension)] },
      at('2026-12-01T00:00:00Z'),
    );
    expect(life.status).toBe(status);
    expect(life.statusHistory.at(-1)).toEqual({
      status,
      from: '2025-09-01T00:00:00.000Z',
      causedBy: 'other',
    });
    expect(life.nextTransitionAt).toBeUndefined();
  });

  it('a suspension that starts before the control takes effect suspends it from then on', () => {
    const later = node('later', { publishedAt: '2025-10-09T00:00:00Z', effectiveAt: '2025-12-01T00:00:00Z' });
    const life = computeLifecycle(
      { change: later, inbound: [rel('suspends', suspension)] },
      at('2025-11-20T00:00:00Z'),
    );
    expect(life.statusHistory.map((p) => p.status)).toEqual(['announced', 'suspended']);
  });
});

describe('isAnnouncedTransition: what subscribers hear of', () => {
  it.each([
    ['in-force', 'suspended', true],
    ['announced', 'suspended', true],
    ['suspended', 'in-force', true],
    ['in-force', 'revoked', true],
    ['in-force', 'superseded', true],
    ['announced', 'in-force', false],
    ['in-force', 'expired', false],
    ['in-force', 'in-force', false],
    ['suspended', 'suspended', false],
    ['revoked', 'revoked', false],
    ['suspended', 'revoked', true],
    ['suspended', 'expired', false],
    ['suspended', 'announced', false],
  ] as const)('%s -> %s: %s', (from, to, told) => {
    expect(isAnnouncedTransition(from, to)).toBe(told);
  });
});
