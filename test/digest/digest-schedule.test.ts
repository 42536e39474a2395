import { describe, expect, it } from 'vitest';
import { lastDigestAt, nextDigestAt } from '../../shared/model/digest-schedule.js';
import type { Digest } from '../../shared/model/reach.js';

const berlin8: Digest = { frequency: 'daily', hour: 8, timeZone: 'Europe/Berlin' };
const berlin2: Digest = { frequency: 'daily', hour: 2, timeZone: 'Europe/Berlin' };
const newYorkMonday9: Digest = {
  frequency: 'weekly',
  weekday: 'monday',
  hour: 9,
  timeZone: 'America/New_York',
};

describe('digest schedule across daylight-saving changes', () => {
  it.each([
    // Berlin leaves summer time on 2026-10-25: 08:00 is 06:00Z before, 07:00Z after.
    [berlin8, '2026-10-24T05:59:59Z', '2026-10-23T06:00:00.000Z'],
    [berlin8, '2026-10-24T06:00:00Z', '2026-10-24T06:00:00.000Z'],
    [berlin8, '2026-10-25T06:59:00Z', '2026-10-24T06:00:00.000Z'],
    [berlin8, '2026-10-25T07:00:00Z', '2026-10-25T07:00:00.000Z'],
    // Spring forward 2026-03-29: 02:00 does not exist there, the digest goes at 03:00 summer time.
    [berlin2, '2026-03-29T01:30:00Z', '2026-03-29T01:00:00.000Z'],
    [berlin2, '2026-03-29T00:30:00Z', '2026-03-28T01:00:00.000Z'],
    // New York leaves summer time on Sunday 2026-11-01: Monday 09:00 is 13:00Z, then 14:00Z.
    [newYorkMonday9, '2026-11-02T13:30:00Z', '2026-10-26T13:00:00.000Z'],
    [newYorkMonday9, '2026-11-02T14:00:00Z', '2026-11-02T14:00:00.000Z'],
    [newYorkMonday9, '2026-11-08T23:00:00Z', '2026-11-02T14:00:00.000Z'],
  ])('lastDigestAt(%j, %s) is %s', (digest, at, expected) => {
    expect(lastDigestAt(digest, new Date(at)).toISOString()).toBe(expected);
  });

  it.each([
    [berlin8, '2026-10-24T06:00:00Z', '2026-10-25T07:00:00.000Z'],
    [berlin8, '2026-10-24T12:00:00Z', '2026-10-25T07:00:00.000Z'],
    [newYorkMonday9, '2026-10-26T13:00:00Z', '2026-11-02T14:00:00.000Z'],
    [newYorkMonday9, '2026-10-31T12:00:00Z', '2026-11-02T14:00:00.000Z'],
    [
      { frequency: 'daily', hour: 0, timeZone: 'UTC' } as Digest,
      '2026-12-31T23:59:00Z',
      '2027-01-01T00:00:00.000Z',
    ],
  ])('nextDigestAt(%j, %s) is %s', (digest, at, expected) => {
    expect(nextDigestAt(digest, new Date(at)).toISOString()).toBe(expected);
  });
});
