/**
 * When a digest is due: its scheduled instants in the subscriber's time zone, through daylight-
 * saving changes (an hour the clocks skip is sent at the first hour after it; an hour that occurs
 * twice is sent at its first occurrence). Pure; the run lives in `shared/delivery/digest/`.
 */
import { DateTime } from 'luxon';
import type { Digest } from './reach.js';
import { WEEKDAYS } from './vocabulary.js';

/** The scheduled instant on one local calendar date of the digest's zone. */
function onDate(digest: Digest, date: DateTime): DateTime {
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: digest.hour },
    { zone: digest.timeZone },
  );
}

/** The local date of the period's send day on or before `date` (weekly), or `date` itself (daily). */
function sendDayOnOrBefore(digest: Digest, date: DateTime): DateTime {
  if (digest.frequency === 'daily' || !digest.weekday) return date;
  const wanted = WEEKDAYS.indexOf(digest.weekday) + 1;
  return date.minus({ days: (date.weekday - wanted + 7) % 7 });
}

/**
 * The latest scheduled instant at or before `at`: the end of the period a digest sent then covers.
 *
 * @example
 * lastDigestAt({ frequency: 'daily', hour: 8, timeZone: 'Europe/Berlin' }, new Date('2026-10-26T06:59:00Z'))
 * // 2026-10-25T07:00:00.000Z (08:00 in Berlin, winter time)
 */
export function lastDigestAt(digest: Digest, at: Date): Date {
  const local = DateTime.fromJSDate(at, { zone: digest.timeZone }).startOf('day');
  const step = digest.frequency === 'weekly' ? 7 : 1;
  let candidate = onDate(digest, sendDayOnOrBefore(digest, local));
  // At most two steps back: today's (or this week's) hour may still be ahead.
  for (let back = 1; candidate.toMillis() > at.getTime() && back <= 2; back++)
    candidate = onDate(digest, sendDayOnOrBefore(digest, local.minus({ days: step * back })));
  return candidate.toJSDate();
}

/**
 * The first scheduled instant after `at`: when the next digest goes out.
 *
 * @example
 * nextDigestAt({ frequency: 'weekly', weekday: 'monday', hour: 9, timeZone: 'America/New_York' }, now)
 */
export function nextDigestAt(digest: Digest, at: Date): Date {
  const step = digest.frequency === 'weekly' ? 7 : 1;
  let local = DateTime.fromJSDate(lastDigestAt(digest, at), { zone: digest.timeZone }).startOf('day');
  for (let ahead = 0; ahead < 3; ahead++) {
    local = local.plus({ days: step });
    const candidate = onDate(digest, local);
    if (candidate.toMillis() > at.getTime()) return candidate.toJSDate();
  }
  return onDate(digest, local).toJSDate();
}
