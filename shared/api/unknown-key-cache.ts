/** Entries kept before the oldest are dropped: bounds memory under a flood of distinct keys. */
const MAX_ENTRIES = 10_000;

/**
 * Well-formed keys the store did not know, remembered for a short while (per process) so that
 * repeating one costs no store read. Only misses are kept: a key that exists is read every time,
 * so a revocation takes effect at once.
 *
 * @example
 * const unknown = new UnknownKeyCache(60_000);
 * if (!unknown.has(hash)) { ...read...; if (!found) unknown.add(hash); }
 */
export class UnknownKeyCache {
  readonly #until = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  has(keyHash: string): boolean {
    const until = this.#until.get(keyHash);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.#until.delete(keyHash);
    return false;
  }

  add(keyHash: string): void {
    this.#until.delete(keyHash);
    this.#until.set(keyHash, this.now() + this.ttlMs);
    // Map order is insertion order: the first entries are the oldest.
    for (const oldest of this.#until.keys()) {
      if (this.#until.size <= MAX_ENTRIES) break;
      this.#until.delete(oldest);
    }
  }
}
