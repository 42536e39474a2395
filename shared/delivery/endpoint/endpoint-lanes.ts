/**
 * Endpoint lanes in one process, as the in-process queue keeps them: at most `limit` attempts in
 * flight per endpoint; the others wait in their lane in order, and a place that frees goes to the
 * next lane in a round robin, so a busy endpoint never starves the others.
 *
 * Beside `EndpointControl`, which admits or refuses one attempt (and, on Lambda, is the only lane),
 * this decides which waiting message goes next; it holds no leases, as it dies with its process.
 */
export class EndpointLanes<W> {
  private readonly lanes = new Map<string, { active: number; waiters: W[] }>();
  /** Lanes with waiters, in round-robin order. */
  private readonly waiting = new Set<string>();

  /** @param limit attempts in flight per lane (at least 1) */
  constructor(readonly limit: number) {}

  /** Endpoints with work in flight or waiting. */
  get size(): number {
    return this.lanes.size;
  }

  /** Takes a place in the lane now if it has room and nobody waits in it; false otherwise. */
  enter(key: string): boolean {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { active: 0, waiters: [] };
      this.lanes.set(key, lane);
    }
    if (lane.active >= this.limit || lane.waiters.length > 0) return false;
    lane.active += 1;
    return true;
  }

  /** Waits in the lane (after `enter` said no); `next` hands the waiter its place. */
  wait(key: string, waiter: W): void {
    const lane = this.lanes.get(key) ?? { active: 0, waiters: [] };
    this.lanes.set(key, lane);
    lane.waiters.push(waiter);
    this.waiting.add(key);
  }

  /** The first waiter, round robin over the lanes, whose lane has room; its place is taken. */
  next(): W | undefined {
    for (const key of this.waiting) {
      const lane = this.lanes.get(key);
      if (!lane || lane.waiters.length === 0) {
        this.waiting.delete(key);
        continue;
      }
      if (lane.active >= this.limit) continue;
      const waiter = lane.waiters.shift();
      lane.active += 1;
      // To the back of the round.
      this.waiting.delete(key);
      if (lane.waiters.length > 0) this.waiting.add(key);
      return waiter;
    }
    return undefined;
  }

  /** Gives a place in the lane back; a lane with nothing in flight or waiting is forgotten. */
  leave(key: string): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    lane.active -= 1;
    if (lane.active <= 0 && lane.waiters.length === 0) this.lanes.delete(key);
  }

  /** Every waiter, taken out of its lane without a place (the queue stopped). */
  abandonAll(): W[] {
    const abandoned: W[] = [];
    for (const key of this.waiting) abandoned.push(...(this.lanes.get(key)?.waiters.splice(0) ?? []));
    this.waiting.clear();
    return abandoned;
  }
}
