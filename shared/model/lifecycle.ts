import type { Relation, Status, StatusPeriod } from './policy-change.js';

/** What the lifecycle of a change depends on: its own dates. */
export interface LifecycleNode {
  id: string;
  title?: string;
  publishedAt?: string;
  effectiveAt?: string;
  expiresAt?: string;
  ingestedAt: string;
}

/** A change that acts on another, with what acts on it in turn (a suspension that is extended or revoked). */
export interface InboundRelation {
  relation: Relation;
  from: LifecycleGraph;
}

/** A change and the changes that relate to it, as deep as the status needs (two levels). */
export interface LifecycleGraph {
  change: LifecycleNode;
  inbound: InboundRelation[];
}

/** A period of the change's life, past, present or already scheduled. */
export interface TimelinePeriod {
  status: Status;
  from: number;
  until?: number;
  causedBy?: string;
}

export interface LifecycleResult {
  status: Status;
  /** Every period up to now, oldest first; the last one is current and has no `until`. */
  statusHistory: StatusPeriod[];
  /** The next instant at which the status will change on the dates known today. */
  nextTransitionAt?: string;
  /** The whole timeline, future periods included (for "what applies at" questions). */
  timeline: TimelinePeriod[];
}

/** Statuses that end a change for good. */
const TERMINAL: ReadonlySet<Status> = new Set(['revoked', 'superseded']);

/** Deep enough for a change, its suspension, and what extends, revokes or resumes that suspension. */
const MAX_DEPTH = 3;

const ms = (instant: string | undefined): number | undefined => {
  if (instant === undefined) return undefined;
  const value = Date.parse(instant);
  return Number.isNaN(value) ? undefined : value;
};

/** When a change starts to apply: its effective date, else its publication, else its ingestion. */
export function effectiveStart(change: LifecycleNode): number {
  return ms(change.effectiveAt) ?? ms(change.publishedAt) ?? (ms(change.ingestedAt) as number);
}

/**
 * Where a change's history starts: its publication (or its effective date, if that came first);
 * without a publication date, when it took effect or was ingested, whichever came first.
 */
function knownFrom(change: LifecycleNode): number {
  const published = ms(change.publishedAt);
  const effective = ms(change.effectiveAt);
  const candidates = published !== undefined ? [published, effective] : [effective, ms(change.ingestedAt)];
  return Math.min(...candidates.filter((value): value is number => value !== undefined));
}

interface StatusAt {
  status: Status;
  causedBy?: string;
}

/**
 * The timeline of a change from its dates and the changes that act on it, highest rule first:
 * revoked / superseded (from the other change's effective date, for good) > expired (its own
 * expiry, pushed back by changes that extend it) > suspended (while a change that suspends it is
 * itself in force, cut short by a change that resumes it) > announced (before its effective date)
 * > in force.
 */
export function computeTimeline(graph: LifecycleGraph, depth = 0): TimelinePeriod[] {
  const { change, inbound } = graph;
  const start = knownFrom(change);
  const effective = effectiveStart(change);

  let expiry = ms(change.expiresAt);
  if (expiry !== undefined) {
    for (const { relation, from } of inbound) {
      if (relation !== 'extends') continue;
      const extended = ms(from.change.expiresAt);
      expiry = extended === undefined ? undefined : Math.max(expiry, extended);
      if (expiry === undefined) break;
    }
  }

  let terminal: { at: number; status: Status; causedBy: string } | undefined;
  for (const { relation, from } of inbound) {
    if (relation !== 'revokes' && relation !== 'supersedes') continue;
    const at = effectiveStart(from.change);
    if (!terminal || at < terminal.at)
      terminal = { at, status: relation === 'revokes' ? 'revoked' : 'superseded', causedBy: from.change.id };
  }

  const resumptions = inbound
    .filter(({ relation }) => relation === 'resumes')
    .map(({ from }) => ({ at: effectiveStart(from.change), id: from.change.id }))
    .sort((a, b) => a.at - b.at);

  // A suspension suspends while it is itself in force; a resumption ends it early.
  const windows: { from: number; until?: number; causedBy: string; endedBy?: string }[] = [];
  if (depth < MAX_DEPTH) {
    for (const { relation, from } of inbound) {
      if (relation !== 'suspends') continue;
      for (const period of computeTimeline(from, depth + 1)) {
        if (period.status !== 'in-force') continue;
        const resume = resumptions.find(
          (r) => r.at > period.from && (period.until === undefined || r.at < period.until),
        );
        windows.push({
          from: period.from,
          ...(resume
            ? { until: resume.at, endedBy: resume.id }
            : period.until !== undefined
              ? { until: period.until }
              : {}),
          causedBy: from.change.id,
        });
      }
    }
  }

  const statusAt = (t: number): StatusAt => {
    if (terminal && t >= terminal.at) return { status: terminal.status, causedBy: terminal.causedBy };
    if (expiry !== undefined && t >= expiry) return { status: 'expired' };
    const window = windows.find((w) => t >= w.from && (w.until === undefined || t < w.until));
    if (window) return { status: 'suspended', causedBy: window.causedBy };
    if (t < effective) return { status: 'announced' };
    return { status: 'in-force' };
  };

  const points = new Set<number>([start, effective]);
  if (expiry !== undefined) points.add(expiry);
  if (terminal) points.add(terminal.at);
  for (const w of windows) {
    points.add(w.from);
    if (w.until !== undefined) points.add(w.until);
  }
  const sorted = [...points].filter((p) => p >= start).sort((a, b) => a - b);

  const periods: TimelinePeriod[] = [];
  for (const point of sorted) {
    const current = statusAt(point);
    const last = periods.at(-1);
    if (last && last.status === current.status && last.causedBy === current.causedBy) continue;
    if (last) last.until = point;
    // Back in force after a suspension: the cause is what ended it (a resumption, or the suspension's own end).
    let causedBy = current.causedBy;
    if (current.status === 'in-force' && last?.status === 'suspended') {
      const ended = windows.find((w) => w.until === point && w.causedBy === last.causedBy);
      causedBy = ended?.endedBy ?? last.causedBy;
    }
    periods.push({ status: current.status, from: point, ...(causedBy ? { causedBy } : {}) });
    if (TERMINAL.has(current.status)) break;
  }
  return periods;
}

/**
 * The status of a change at `now`, its history so far and the next scheduled transition.
 *
 * @example
 * computeLifecycle({ change: no57, inbound: [{ relation: 'suspends', from: { change: no70, inbound: [] } }] }, now)
 * // { status: 'suspended', statusHistory: [{ status: 'announced', ... }, ...], nextTransitionAt: '2026-11-09T16:00:00.000Z' }
 */
export function computeLifecycle(graph: LifecycleGraph, now: Date): LifecycleResult {
  const timeline = computeTimeline(graph);
  const t = now.getTime();
  const past = timeline.filter((period) => period.from <= t);
  // A change whose every date lies ahead is announced from the moment it is known.
  const history = past.length > 0 ? past : timeline.slice(0, 1);
  const statusHistory: StatusPeriod[] = history.map((period, index) => ({
    status: period.status,
    from: new Date(period.from).toISOString(),
    ...(index < history.length - 1 && period.until !== undefined
      ? { until: new Date(period.until).toISOString() }
      : {}),
    ...(period.causedBy ? { causedBy: period.causedBy } : {}),
  }));
  const current = history.at(-1);
  const next = timeline.find((period) => period.from > t);
  return {
    status: current?.status ?? 'announced',
    statusHistory,
    ...(next ? { nextTransitionAt: new Date(next.from).toISOString() } : {}),
    timeline,
  };
}

/** The status a timeline gives at an instant (before the change was known: undefined). */
export function statusAtInstant(timeline: readonly TimelinePeriod[], at: number): TimelinePeriod | undefined {
  return timeline.find((period) => period.from <= at && (period.until === undefined || at < period.until));
}

/** Transitions subscribers hear about (design: suspended, resumed, revoked, superseded). */
export function isAnnouncedTransition(from: Status, to: Status): boolean {
  if (from === to) return false;
  return (
    to === 'suspended' ||
    to === 'revoked' ||
    to === 'superseded' ||
    (from === 'suspended' && to === 'in-force')
  );
}
