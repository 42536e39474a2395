/** A token bucket's settings: `rate` requests per second on average, bursts of up to `burst`. */
export interface RateLimit {
  rate: number;
  burst: number;
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

/**
 * Parses `RATE_LIMIT`: `20/s burst 40`, `600/m`, `5000/h burst 100`, or `off`. Without `burst`, a
 * key may spend one second's worth at once (at least one request).
 *
 * @example parseRateLimit('20/s burst 40') // { rate: 20, burst: 40 }
 */
export function parseRateLimit(text: string | undefined): RateLimit | undefined {
  const value = (text ?? '').trim().toLowerCase();
  if (value === 'off' || value === 'none') return undefined;
  const match = /^(\d+)\s*\/\s*(s|m|h)(?:\s+burst\s+(\d+))?$/.exec(value);
  const count = Number(match?.[1]);
  const unit = match?.[2] as keyof typeof UNIT_SECONDS | undefined;
  if (!match || !unit || !(count > 0)) {
    throw new Error(`"${text}" is not a rate limit such as "20/s burst 40", "600/m" or "off"`);
  }
  const rate = count / UNIT_SECONDS[unit];
  const burst = match[3] === undefined ? Math.max(1, Math.ceil(rate)) : Number(match[3]);
  if (!(burst >= 1)) throw new Error(`"${text}": the burst must be at least 1`);
  return { rate, burst };
}

/** What one request costs a key: allowed or not, what is left, and when to come back. */
export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until one request is allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

/** Buckets kept before idle (full) ones are dropped: bounds memory under many distinct keys. */
const MAX_BUCKETS = 10_000;

/**
 * An in-memory token bucket per key id. On Lambda each container keeps its own buckets, so the
 * effective limit across the fleet is this times the number of warm containers; API Gateway's
 * stage throttling is the global guard, this one stops a single key from starving the others.
 *
 * @example
 * const limiter = new RateLimiter({ rate: 20, burst: 40 });
 * limiter.take('key_123').allowed; // true until the bucket is empty
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => Date.now(),
  ) {}

  take(keyId: string): RateDecision {
    const now = this.now();
    const { rate, burst } = this.limit;
    const bucket = this.#buckets.get(keyId) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * rate);
    if (tokens >= 1) {
      this.#remember(keyId, { tokens: tokens - 1, at: now });
      return { allowed: true, remaining: Math.floor(tokens - 1), retryAfterSeconds: 0 };
    }
    this.#remember(keyId, { tokens, at: now });
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rate)) };
  }

  /** Gives back one request that `take` allowed, for a reservation that turned out not to count. */
  refund(keyId: string): void {
    const bucket = this.#buckets.get(keyId);
    if (bucket) bucket.tokens = Math.min(this.limit.burst, bucket.tokens + 1);
  }

  #remember(keyId: string, bucket: { tokens: number; at: number }): void {
    this.#buckets.delete(keyId);
    this.#buckets.set(keyId, bucket);
    if (this.#buckets.size <= MAX_BUCKETS) return;
    // Map order is least recently used first: drop the oldest until back under the cap.
    for (const id of this.#buckets.keys()) {
      if (this.#buckets.size <= MAX_BUCKETS) break;
      this.#buckets.delete(id);
    }
  }
}
