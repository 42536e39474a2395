import { type RateLimit, RateLimiter } from './rate-limit.js';

/** Store lookups of keys this process has not seen valid: per client address and in total. */
export interface KeyLookupLimits {
  perAddress: RateLimit;
  total: RateLimit;
}

/**
 * A person retyping a key or a client holding a few revoked keys stays well inside ten at once
 * and one every six seconds; all addresses together, a hundred at once and twenty a second, a
 * cost the table does not notice where forged keys once ran some 800 strongly consistent reads a
 * second.
 */
export const KEY_LOOKUP_LIMITS: KeyLookupLimits = {
  perAddress: { rate: 1 / 6, burst: 10 },
  total: { rate: 20, burst: 100 },
};

/** Keys remembered as found: bounds memory; the least recently used are forgotten first. */
const MAX_VERIFIED = 10_000;
const EVERYONE = '*';
const UNNAMED = 'unnamed';

/** Whether a key may be looked up now; if so, `settle` says whether the store knew it. */
export type LookupAdmission =
  | { allowed: true; settle: (found: boolean) => void }
  | { allowed: false; retryAfterSeconds: number; exhausted: 'address' | 'total' };

/**
 * The budget of store lookups for keys that may be made up. A lookup is reserved before the read
 * (so a thousand concurrent forged keys cannot all pass the check before the first miss is
 * counted) and given back when the key exists: only misses spend it. Keys found before are looked
 * up freely, and still read every time, so a revocation takes effect at once; the budget is for
 * keys this process has never seen valid. On Lambda each container keeps its own.
 *
 * @example
 * const admission = budget.admit(keyHash, '203.0.113.9');
 * if (admission.allowed) admission.settle(await lookUp(key));
 */
export class KeyLookupBudget {
  readonly #perAddress: RateLimiter;
  readonly #total: RateLimiter;
  /** Digests of keys the store knew, in least recently used order. */
  readonly #found = new Set<string>();
  /** Store reads under way, by key digest. */
  readonly #reading = new Map<string, Promise<unknown>>();

  constructor(
    readonly limits: KeyLookupLimits = KEY_LOOKUP_LIMITS,
    now: () => number = () => Date.now(),
  ) {
    this.#perAddress = new RateLimiter(limits.perAddress, now);
    this.#total = new RateLimiter(limits.total, now);
  }

  admit(keyHash: string, address: string | undefined): LookupAdmission {
    if (this.#found.has(keyHash)) {
      return { allowed: true, settle: (found) => this.#remember(keyHash, found) };
    }
    const from = address ?? UNNAMED;
    const own = this.#perAddress.take(from);
    if (!own.allowed)
      return { allowed: false, retryAfterSeconds: own.retryAfterSeconds, exhausted: 'address' };
    const all = this.#total.take(EVERYONE);
    if (!all.allowed) {
      this.#perAddress.refund(from);
      return { allowed: false, retryAfterSeconds: all.retryAfterSeconds, exhausted: 'total' };
    }
    return {
      allowed: true,
      settle: (found) => {
        if (!found) return;
        this.#perAddress.refund(from);
        this.#total.refund(EVERYONE);
        this.#remember(keyHash, true);
      },
    };
  }

  /**
   * One store read per key at a time: requests that arrive with a key while it is being read wait
   * for that read instead of spending the budget again, so a client that fires its first requests
   * with a new key all at once is answered, not refused, and a forged key sent many times at once
   * costs one read.
   */
  once<T>(keyHash: string, read: () => Promise<T>): Promise<T> {
    const underway = this.#reading.get(keyHash) as Promise<T> | undefined;
    if (underway) return underway;
    const started = read().finally(() => this.#reading.delete(keyHash));
    this.#reading.set(keyHash, started);
    return started;
  }

  #remember(keyHash: string, found: boolean): void {
    this.#found.delete(keyHash);
    if (!found) return;
    this.#found.add(keyHash);
    for (const oldest of this.#found) {
      if (this.#found.size <= MAX_VERIFIED) break;
      this.#found.delete(oldest);
    }
  }
}
