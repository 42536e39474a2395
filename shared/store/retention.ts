import { TABLE_DESIGN } from './keys.js';

/** How long the service keeps what it sends, unless configured otherwise. */
export const DEFAULT_RETENTION = {
  /** Alerts and deliveries, counted from their last attempt (Svix keeps 90 days by default). */
  deliveryMs: 90 * 86_400_000,
  /** The audit trail: a year and a month, so a yearly review always finds last year's records. */
  auditMs: 400 * 86_400_000,
} as const;

export type Retention = { deliveryMs: number; auditMs: number };

/** The `ttl` value (epoch seconds) of an item kept `retentionMs` from `from`. */
export function expiresAt(from: Date | string | number, retentionMs: number): number {
  const start = typeof from === 'number' ? from : new Date(from).getTime();
  return Math.ceil((start + retentionMs) / 1000);
}

/**
 * Whether an item read back is past its `ttl`. DynamoDB deletes expired items lazily (within days)
 * and DynamoDB Local never does, so every read treats an expired item as already gone.
 */
export function isExpired(item: Record<string, unknown>, now: Date): boolean {
  const ttl = item[TABLE_DESIGN.ttlAttribute];
  return typeof ttl === 'number' && ttl * 1000 <= now.getTime();
}

/** A filter condition keeping only live items; `#ttl` and `:nowSeconds` go into the query. */
export function liveCondition(now: Date): {
  expression: string;
  names: Record<string, string>;
  values: Record<string, number>;
} {
  return {
    expression: '(attribute_not_exists(#ttl) OR #ttl > :nowSeconds)',
    names: { '#ttl': TABLE_DESIGN.ttlAttribute },
    values: { ':nowSeconds': Math.floor(now.getTime() / 1000) },
  };
}
