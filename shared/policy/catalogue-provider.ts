import { Catalogue, defaultCatalogue } from '../model/catalogue.js';
import type { CatalogueStore, StoredCatalogue } from '../store/catalogue-store.js';

export interface CatalogueProviderOptions {
  /** How long a loaded catalogue is used before the table is read again. @default 5000 */
  ttlMs?: number;
  now?: () => number;
  /** Told when the stored catalogue cannot be read or built; the provider then keeps serving. */
  onError?: (error: unknown) => void;
}

interface Loaded {
  catalogue: Catalogue;
  version: number;
  loadedAt: number;
}

/**
 * The live catalogue: the admin-edited one from the table, or the shipped default while none is
 * stored, cached for `ttlMs`. An edit saved through `accept` (same process: the API that made it,
 * and in local mode the matcher too) is in force at once; other Lambda containers see it within
 * the TTL. A failed read keeps serving the last catalogue it had.
 *
 * @example
 * const provider = new CatalogueProvider(store, { ttlMs: 5_000 });
 * const catalogue = await provider.current();
 */
export class CatalogueProvider {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  #loaded: Loaded | undefined;
  #loading: Promise<Catalogue> | undefined;

  constructor(
    readonly store: CatalogueStore,
    options: CatalogueProviderOptions = {},
  ) {
    this.#ttlMs = Math.max(0, options.ttlMs ?? 5_000);
    this.#now = options.now ?? (() => Date.now());
    this.#onError = options.onError ?? (() => {});
  }

  /** The catalogue in force; a bound function, so it can be passed as `catalogue: provider.current`. */
  readonly current = (): Promise<Catalogue> => {
    const loaded = this.#loaded;
    if (loaded && this.#now() - loaded.loadedAt < this.#ttlMs) return Promise.resolve(loaded.catalogue);
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  };

  /** Forgets the cached catalogue: the next `current()` reads the table. */
  invalidate(): void {
    this.#loaded = undefined;
  }

  /** Takes a catalogue this process has just saved, so it is in force here without a read. */
  accept(stored: StoredCatalogue): Catalogue {
    const catalogue = Catalogue.fromData(stored.data);
    this.#loaded = { catalogue, version: stored.version, loadedAt: this.#now() };
    return catalogue;
  }

  async #load(): Promise<Catalogue> {
    const previous = this.#loaded;
    let stored: StoredCatalogue | undefined;
    try {
      stored = await this.store.load();
    } catch (error) {
      // Stale is better than down: the catalogue changes rarely, and matching must go on.
      if (!previous) throw error;
      this.#onError(error);
      return previous.catalogue;
    }
    const version = stored?.version ?? 0;
    // An edit accepted while this read was in flight is newer than what the read returned.
    const latest = this.#loaded;
    if (latest && latest !== previous && latest.version >= version) return latest.catalogue;
    if (previous && previous.version === version) {
      this.#loaded = { ...previous, loadedAt: this.#now() };
      return previous.catalogue;
    }
    let catalogue: Catalogue;
    try {
      catalogue = stored ? Catalogue.fromData(stored.data) : defaultCatalogue();
    } catch (error) {
      // Edits are validated before they are saved; this only happens if validation grew stricter.
      this.#onError(error);
      catalogue = previous?.catalogue ?? defaultCatalogue();
    }
    this.#loaded = { catalogue, version, loadedAt: this.#now() };
    return catalogue;
  }
}
