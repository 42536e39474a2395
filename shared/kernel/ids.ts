import { createHash, randomBytes } from 'node:crypto';

/**
 * A new id: prefix, time component (so ids sort by creation) and 80 random bits.
 *
 * @example newId('sub') // 'sub_0mabc1234k9f2e0d1c2b3a4f5'
 */
export function newId(prefix: string, now: Date = new Date()): string {
  return `${prefix}_${now.getTime().toString(36).padStart(9, '0')}${randomBytes(10).toString('hex')}`;
}

/** A deterministic id: the same parts always give the same id, which makes writes idempotent. */
export function derivedId(prefix: string, ...parts: (string | number)[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
  return `${prefix}_${digest}`;
}
