import {
  type Admission,
  type AttemptSignal,
  admit,
  type CircuitChange,
  circuitView,
  type EndpointRules,
  type EndpointState,
  emptyEndpointState,
  repace,
  settle,
} from './endpoint-state.js';

/**
 * Where the dispatcher asks before each webhook attempt whether the endpoint may take it, and
 * reports after it how it went. In memory in local mode (one process holds every lane); on a table
 * item per endpoint on Lambda, where many dispatchers share the endpoint.
 */
export interface EndpointControl {
  admit(
    endpoint: string,
    input: { holder: string; now: Date; leaseMs: number; ratePerSecond: number },
  ): Promise<Admission>;
  settle(
    endpoint: string,
    input: { holder: string; now: Date; signal: AttemptSignal },
  ): Promise<CircuitChange | undefined>;
  /** The next free turn under the rate limit, for an admitted attempt that missed its own. */
  repace(endpoint: string, input: { now: Date; ratePerSecond: number }): Promise<number>;
  /**
   * The last check before a request leaves this process: how long to wait so that it starts at
   * least one interval after the previous one to the endpoint from here (0: go now, and it is
   * noted). Turns are given out ahead; this keeps attempts that a stalled process woke together
   * from leaving together.
   */
  spaceSend(endpoint: string, nowMs: number, ratePerSecond: number): number;
}

/** When each endpoint's last request left this process, for `spaceSend`. */
export class SendSpacing {
  private readonly lastSend = new Map<string, number>();

  spaceSend(endpoint: string, nowMs: number, ratePerSecond: number): number {
    const intervalMs = 1000 / Math.max(0.001, ratePerSecond);
    const last = this.lastSend.get(endpoint);
    if (last !== undefined && nowMs - last < intervalMs) return Math.ceil(intervalMs - (nowMs - last));
    this.lastSend.set(endpoint, nowMs);
    // Forget endpoints idle for a minute, so the map holds only busy ones.
    if (this.lastSend.size > 10_000) {
      for (const [key, at] of this.lastSend) if (nowMs - at > 60_000) this.lastSend.delete(key);
    }
    return 0;
  }
}

/** The defaults: 4 in flight, 5 failures in a row open the circuit for 30 s, doubling to 30 min. */
export const DEFAULT_ENDPOINT_RULES: EndpointRules = {
  laneLimit: 4,
  failureThreshold: 5,
  coolDownMs: 30_000,
  maxCoolDownMs: 30 * 60_000,
  maxPaceWaitMs: 5_000,
};

/** Every endpoint's state in this process: exact, as local mode runs one dispatcher. */
export class MemoryEndpointControl implements EndpointControl {
  private readonly states = new Map<string, EndpointState>();
  private readonly spacing = new SendSpacing();

  spaceSend(endpoint: string, nowMs: number, ratePerSecond: number): number {
    return this.spacing.spaceSend(endpoint, nowMs, ratePerSecond);
  }

  constructor(private readonly rules: EndpointRules = DEFAULT_ENDPOINT_RULES) {}

  async admit(
    endpoint: string,
    input: { holder: string; now: Date; leaseMs: number; ratePerSecond: number },
  ): Promise<Admission> {
    const result = admit(
      this.states.get(endpoint) ?? emptyEndpointState(),
      { ...input, now: input.now.getTime() },
      this.rules,
    );
    this.states.set(endpoint, result.state);
    return result.admission;
  }

  async repace(endpoint: string, input: { now: Date; ratePerSecond: number }): Promise<number> {
    const result = repace(this.states.get(endpoint) ?? emptyEndpointState(), {
      now: input.now.getTime(),
      ratePerSecond: input.ratePerSecond,
    });
    this.states.set(endpoint, result.state);
    return result.sendAt;
  }

  async settle(
    endpoint: string,
    input: { holder: string; now: Date; signal: AttemptSignal },
  ): Promise<CircuitChange | undefined> {
    const now = input.now.getTime();
    const result = settle(this.states.get(endpoint) ?? emptyEndpointState(), { ...input, now }, this.rules);
    // An endpoint with nothing to remember is forgotten, so the map holds only live endpoints.
    const s = result.state;
    if (
      Object.keys(s.slots).length === 0 &&
      s.failures === 0 &&
      s.openUntil === undefined &&
      s.nextSendAt <= now
    ) {
      this.states.delete(endpoint);
    } else {
      this.states.set(endpoint, s);
    }
    return result.change;
  }

  /** Endpoints whose circuit is open or half-open, for the admin stats. */
  openCircuits(
    now = new Date(),
  ): { endpoint: string; state: string; failures: number; openUntil?: string }[] {
    return [...this.states]
      .filter(([, state]) => state.openUntil !== undefined)
      .map(([endpoint, state]) => ({ endpoint, ...circuitView(state, now.getTime()) }));
  }
}
