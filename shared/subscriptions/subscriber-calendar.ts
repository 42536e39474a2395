import ical, { ICalCalendarMethod } from 'ical-generator';
import { matchCandidates } from '../matching/match-clauses.js';
import { prepareChange } from '../matching/match-filters.js';
import { judgeMatches } from '../matching/verdicts.js';
import type { Catalogue } from '../model/catalogue.js';
import type { PolicyChangeStore } from '../store/policy-change-store.js';
import { type SubscriptionStore, subscriptionIndexEntry } from '../store/subscription-store.js';
import { type CalendarDate, calendarDates } from './calendar-dates.js';

export interface SubscriberCalendarDeps {
  subscriptions: SubscriptionStore;
  changes: PolicyChangeStore;
  catalogue: () => Catalogue | Promise<Catalogue>;
}

/** How many stored changes one calendar reads at most: the whole history of a service of this kind. */
const MAX_READ = 10_000;

/**
 * The dates of the changes a subscriber's subscriptions match, computed when asked: the history
 * (newest first, by its own index) matched against each subscription that is not disabled, with
 * the applicability its alerts would be sent under. Calendar apps poll every few hours, so the
 * calendar is always as current as the history, with nothing kept beside it.
 */
export async function subscriberCalendarDates(
  deps: SubscriberCalendarDeps,
  subscriberId: string,
): Promise<CalendarDate[]> {
  const subscriptions = (await deps.subscriptions.listBySubscriber(subscriberId))
    .filter((subscription) => subscription.status !== 'disabled')
    .map(subscriptionIndexEntry);
  if (subscriptions.length === 0) return [];
  const catalogue = await deps.catalogue();
  const dates: CalendarDate[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.changes.history({
      limit: 100,
      maxRead: 500,
      ...(cursor ? { cursor } : {}),
      accept: (head) => {
        if (!head.change.effectiveAt && !head.change.expiresAt && !head.timeline.some((p) => p.until)) {
          return false;
        }
        const matches = matchCandidates(prepareChange(head.change, catalogue), subscriptions, catalogue);
        return matches.length > 0 && judgeMatches(head.change, matches).kept.length > 0;
      },
    });
    for (const head of page.items) {
      dates.push(...calendarDates({ change: head.change, status: head.status, timeline: head.timeline }));
    }
    read += 500;
    cursor = page.nextCursor;
  } while (cursor && read < MAX_READ);
  return dates.sort((a, b) => a.day.localeCompare(b.day) || a.uid.localeCompare(b.uid));
}

/** A day after `day` (`YYYY-MM-DD`): the exclusive end of an all-day entry. */
function nextDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
}

/**
 * The dates as an iCalendar document: all-day entries (DATE values, which every calendar app
 * shows on the day itself whatever its time zone), with stable UIDs and DTSTAMPs.
 *
 * @example const text = calendarDocument(dates, 'Acme GmbH');
 */
export function calendarDocument(dates: readonly CalendarDate[], subscriberName: string): string {
  const calendar = ical({
    name: `Material Alerts: ${subscriberName}`,
    description:
      'Effective dates, expiries and suspension ends of the export-control changes your subscriptions match',
    prodId: { company: 'Material Alerts', product: 'calendar', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 6 * 3600,
  });
  for (const date of dates) {
    calendar.createEvent({
      id: date.uid,
      allDay: true,
      start: new Date(`${date.day}T00:00:00Z`),
      end: nextDay(date.day),
      stamp: new Date(date.stamp),
      sequence: date.sequence,
      summary: date.summary,
      description: date.description,
      ...(date.url ? { url: date.url } : {}),
    });
  }
  return calendar.toString();
}
