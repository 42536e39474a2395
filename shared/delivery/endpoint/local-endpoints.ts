/**
 * What one dispatcher container knows of the endpoints it sends to, beside their shared items on
 * the table: its own attempts in flight to each (its share of the lane), when it last sent to
 * each, and what the breaker looked like when it last asked. Nothing here is shared; it lets an
 * endpoint far below its limits be sent to without touching its item.
 */

/** One attempt this container has in flight to an endpoint. */
export interface Holding {
  /** Until when (epoch ms) the place is held, should the attempt never settle. */
  until: number;
  sendAt: number;
  probe: boolean;
  /** The breaker's failures and cool-down as the attempt's turn found them (when it took one). */
  failures?: number;
  coolDownMs?: number | undefined;
}

export interface EndpointMemory {
  holders: Map<string, Holding>;
  /** This container's latest turn at the endpoint (epoch ms). */
  lastSendAt?: number;
  /** Failures in a row, and the open circuit, as last seen on the item (or counted here). */
  failures: number;
  openUntil?: number;
}

/** Endpoints kept at most; the least recently used are forgotten first. */
const MAX_ENDPOINTS = 10_000;

export class LocalEndpoints {
  private readonly endpoints = new Map<string, EndpointMemory>();

  /** @param laneLimit attempts this container has in flight per endpoint at most */
  constructor(private readonly laneLimit: number) {}

  /** The endpoint's memory, made the most recently used. */
  of(endpoint: string, now: number): EndpointMemory {
    const memory = this.endpoints.get(endpoint) ?? { holders: new Map(), failures: 0 };
    this.endpoints.delete(endpoint);
    this.endpoints.set(endpoint, memory);
    for (const [key, oldest] of this.endpoints) {
      if (this.endpoints.size <= MAX_ENDPOINTS) break;
      if (oldest.holders.size === 0 || [...oldest.holders.values()].every((h) => h.until <= now))
        this.endpoints.delete(key);
      else break;
    }
    return memory;
  }

  /** When a place in this container's lane frees, if it is full now (a lapsed place is freed). */
  laneWait(memory: EndpointMemory, holder: string, now: number): number | undefined {
    for (const [key, held] of memory.holders) if (held.until <= now) memory.holders.delete(key);
    if (memory.holders.has(holder) || memory.holders.size < this.laneLimit) return undefined;
    return Math.min(...[...memory.holders.values()].map((held) => held.until));
  }

  /** Holds a place in the lane while the attempt's turn is asked for (no turn taken yet). */
  reserve(memory: EndpointMemory, holder: string, until: number): void {
    memory.holders.set(holder, { until, sendAt: Number.NEGATIVE_INFINITY, probe: false });
  }

  /** The attempt goes, at its turn. */
  enter(memory: EndpointMemory, holder: string, holding: Holding): void {
    memory.holders.set(holder, holding);
    memory.lastSendAt = Math.max(memory.lastSendAt ?? Number.NEGATIVE_INFINITY, holding.sendAt);
  }

  leave(memory: EndpointMemory, holder: string): Holding | undefined {
    const held = memory.holders.get(holder);
    memory.holders.delete(holder);
    return held;
  }

  /** Notes the breaker as an item (or a write's answer) shows it. */
  learn(
    memory: EndpointMemory,
    stored: { failures?: number | undefined; openUntil?: number | undefined },
  ): void {
    memory.failures = stored.failures ?? 0;
    if (stored.openUntil !== undefined) memory.openUntil = stored.openUntil;
    else delete memory.openUntil;
  }
}
