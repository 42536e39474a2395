import type * as z from 'zod';

/**
 * A range of time given as two fields (`since` and `until`, `from` and `to`), as a zod refinement:
 * a range that ends before it starts is an issue on both fields, so a caller learns which two
 * disagree and a reversed range never reaches the store (DynamoDB refuses `BETWEEN` out of order).
 * Days and instants compare as the instants they begin; an open end or an unparsable value is
 * left to the fields' own schemas.
 *
 * @example
 * const QuerySchema = z.object({ since: z.iso.date().optional(), until: z.iso.date().optional() })
 *   .superRefine(rangeInOrder('since', 'until'));
 * // ?since=2030-01-01&until=2020-01-01 → issues on since and until
 */
export function rangeInOrder<Start extends string, End extends string>(start: Start, end: End) {
  return (value: Partial<Record<Start | End, unknown>>, ctx: z.RefinementCtx): void => {
    const from = instant(value[start]);
    const until = instant(value[end]);
    if (from === undefined || until === undefined || from <= until) return;
    const message = `${start} is after ${end}: the range runs from ${start} to ${end}`;
    ctx.addIssue({ code: 'custom', path: [start], message });
    ctx.addIssue({ code: 'custom', path: [end], message });
  };
}

function instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}
