import type { TimelinePeriod } from '../model/lifecycle.js';
import type { PolicyChange, Status } from '../model/policy-change.js';

/** What a calendar entry marks about a change. */
export type CalendarDateKind = 'effective' | 'expires' | 'resumes';

/** One all-day entry of a subscriber's calendar. */
export interface CalendarDate {
  /** Stable across requests, so calendar apps update an entry rather than add another. */
  uid: string;
  kind: CalendarDateKind;
  /** The day, `YYYY-MM-DD`, as the issuer dates it. */
  day: string;
  summary: string;
  description: string;
  url?: string;
  /** Raised with each revision, so clients take the newer text. */
  sequence: number;
  /** When the revision shown was ingested: the entry's DTSTAMP, stable between requests. */
  stamp: string;
}

/** A change as the calendar reads it: its latest revision, status and whole timeline. */
export interface CalendarChange {
  change: PolicyChange;
  status: Status;
  timeline: readonly TimelinePeriod[];
}

const OFFSET = /(?:([+-])(\d{2}):?(\d{2})|Z)$/;

/**
 * The day of an instant as written: an ISO date, or the date part of a date-time in the offset it
 * was given in (a change effective at 00:00 Beijing time is on that Beijing day, not the UTC one).
 */
export function dayAsWritten(instant: string): string {
  return instant.slice(0, 10);
}

/** The day of `ms` in the offset `like` was written in (UTC when it names none). */
export function dayInOffsetOf(ms: number, like: string | undefined): string {
  const match = like && like.length > 10 ? OFFSET.exec(like) : null;
  const minutes =
    match?.[1] && match[2] && match[3]
      ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
      : 0;
  return new Date(ms + minutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The dates a subscriber's calendar shows for a change: when it takes effect, when it expires (for
 * a suspension, when the suspension ends), and when a suspension of it ends and it applies again.
 *
 * @example calendarDates({ change, status: 'suspended', timeline })
 */
export function calendarDates(entry: CalendarChange): CalendarDate[] {
  const { change } = entry;
  const date = (kind: CalendarDateKind, day: string, label: string, uidPart: string): CalendarDate => ({
    uid: `${change.id}-${uidPart}@material-alerts`,
    kind,
    day,
    summary: `${label}: ${change.title}`,
    description: describe(entry),
    ...(change.url ? { url: change.url } : {}),
    sequence: change.revision,
    stamp: change.ingestedAt,
  });
  const dates: CalendarDate[] = [];
  if (change.effectiveAt) {
    dates.push(date('effective', dayAsWritten(change.effectiveAt), 'Takes effect', 'effective'));
  }
  if (change.expiresAt) {
    const label = change.changeType === 'suspension' ? 'Suspension ends' : 'Expires';
    dates.push(date('expires', dayAsWritten(change.expiresAt), label, 'expires'));
  }
  const offsetOf = change.effectiveAt ?? change.publishedAt;
  for (const period of entry.timeline) {
    if (period.status !== 'suspended' || period.until === undefined) continue;
    const day = dayInOffsetOf(period.until, offsetOf);
    dates.push(date('resumes', day, 'Suspension ends, applies again', `resumes-${day}`));
  }
  return dates;
}

function describe({ change, status }: CalendarChange): string {
  return [
    `${change.issuingRegion} ${change.changeType}, severity ${change.severity}; status now ${status}.`,
    `Materials: ${change.materials.length > 0 ? change.materials.join(', ') : 'none named'}.`,
    ...(change.summary ? ['', change.summary] : []),
    '',
    `${change.source} ${change.sourceRef}, revision ${change.revision}`,
  ].join('\n');
}
