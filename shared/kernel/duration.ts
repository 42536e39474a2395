/** Milliseconds in one of each unit a duration may be written in. */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export type DurationUnit = keyof typeof UNIT_MS;

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/;

/** What a setting accepts beyond a whole number with a unit (`15s`). */
export interface DurationSyntax {
  /** The units accepted; every one by default. */
  units?: readonly DurationUnit[];
  /** A number alone is milliseconds (`1500`); otherwise the unit is required. */
  bareMilliseconds?: boolean;
  /** Fractions (`1.5s`), rounded to the millisecond; otherwise whole numbers only. */
  fractions?: boolean;
}

/**
 * A duration written as a number and a unit (`500ms`, `15s`, `2m`, `2h`, `5d`) in milliseconds;
 * undefined when the text is not one under `syntax`. Nothing else is read: no spaces, signs or
 * exponents.
 *
 * @example
 * parseDuration('5m') // 300000
 * parseDuration('1.5s', { fractions: true }) // 1500
 * parseDuration('250', { bareMilliseconds: true }) // 250
 */
export function parseDuration(text: string, syntax: DurationSyntax = {}): number | undefined {
  const match = DURATION.exec(text);
  const amount = match?.[1];
  if (amount === undefined) return undefined;
  if (!syntax.fractions && amount.includes('.')) return undefined;
  const unit = match?.[2] as DurationUnit | undefined;
  if (unit === undefined) return syntax.bareMilliseconds ? Number(amount) : undefined;
  if (syntax.units && !syntax.units.includes(unit)) return undefined;
  return Math.round(Number(amount) * UNIT_MS[unit]);
}
