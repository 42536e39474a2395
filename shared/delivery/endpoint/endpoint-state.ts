/**
 * What the dispatcher keeps per endpoint, and the rules over it: a bounded lane of attempts in
 * flight, a pace (the endpoint's rate limit) and a circuit breaker. Pure functions over a small
 * state, so the same rules run in memory (local mode) and on a table item (Lambda).
 */

export { endpointKey } from '../../model/subscription.js';

export interface EndpointState {
  /** Attempts in flight: holder -> until when (epoch ms) the place is held. */
  slots: Record<string, number>;
  /** The earliest time (epoch ms) the next attempt may start (GCRA's theoretical arrival time). */
  nextSendAt: number;
  /** Timeouts and connection failures in a row. */
  failures: number;
  /** While set, the circuit is open until then; past it, one probe goes out. */
  openUntil?: number;
  /** The cool-down the circuit last opened for (it doubles each time a probe fails). */
  coolDownMs?: number;
  /** The one attempt allowed through a half-open circuit. */
  probe?: { holder: string; until: number };
}

export function emptyEndpointState(): EndpointState {
  return { slots: {}, nextSendAt: 0, failures: 0 };
}

export interface EndpointRules {
  /** Attempts in flight per endpoint. */
  laneLimit: number;
  /** Timeouts or connection failures in a row that open the circuit. */
  failureThreshold: number;
  /** The first cool-down; each failed probe doubles it, up to `maxCoolDownMs`. */
  coolDownMs: number;
  maxCoolDownMs: number;
  /** The longest an admitted attempt may wait for its turn under the rate limit; longer waits are not reserved. */
  maxPaceWaitMs: number;
}

export type WaitReason = 'circuit-open' | 'circuit-probing' | 'lane-full' | 'rate-limit';

export type Admission =
  | {
      kind: 'go';
      /** When the attempt may start (epoch ms): later than now when the rate limit asks for a wait. */
      sendAt: number;
      /** This attempt is the single probe of a half-open circuit. */
      probe: boolean;
    }
  | { kind: 'wait'; reason: WaitReason; untilMs: number };

/**
 * Asks for one attempt now. `go` takes a place in the lane (until `leaseMs` after its start) and
 * the next turn under the rate limit; `wait` changes nothing.
 */
export function admit(
  state: EndpointState,
  input: { holder: string; now: number; leaseMs: number; ratePerSecond: number },
  rules: EndpointRules,
): { state: EndpointState; admission: Admission } {
  const { holder, now } = input;
  const next: EndpointState = { ...state, slots: liveSlots(state.slots, now) };
  const wait = (reason: WaitReason, untilMs: number) => ({
    state,
    admission: { kind: 'wait', reason, untilMs: Math.max(untilMs, now) } as Admission,
  });

  let probe = false;
  if (state.openUntil !== undefined) {
    if (now < state.openUntil) return wait('circuit-open', state.openUntil);
    if (state.probe && state.probe.until > now && state.probe.holder !== holder)
      return wait('circuit-probing', state.probe.until);
    probe = true;
  }
  if (!(holder in next.slots) && Object.keys(next.slots).length >= rules.laneLimit) {
    return wait('lane-full', Math.min(...Object.values(next.slots)));
  }
  const sendAt = Math.max(state.nextSendAt, now);
  if (sendAt - now > rules.maxPaceWaitMs) return wait('rate-limit', sendAt);

  const intervalMs = 1000 / Math.max(0.001, input.ratePerSecond);
  next.nextSendAt = sendAt + intervalMs;
  next.slots[holder] = sendAt + input.leaseMs;
  if (probe) next.probe = { holder, until: sendAt + input.leaseMs };
  return { state: next, admission: { kind: 'go', sendAt, probe } };
}

/**
 * A new turn for an admitted attempt that woke too late for its own (the process stalled): turns
 * already given to others stand, so attempts that wake together after a stall do not go out in a
 * burst.
 */
export function repace(
  state: EndpointState,
  input: { now: number; ratePerSecond: number },
): { state: EndpointState; sendAt: number } {
  const sendAt = Math.max(state.nextSendAt, input.now);
  const intervalMs = 1000 / Math.max(0.001, input.ratePerSecond);
  return { state: { ...state, nextSendAt: sendAt + intervalMs }, sendAt };
}

/** How an attempt went, as the breaker sees it. */
export type AttemptSignal =
  /** The endpoint answered (any HTTP status): it is reachable. */
  | 'answered'
  /** A timeout or a connection failure. */
  | 'unreachable'
  /** Nothing was sent (the delivery was taken by another dispatcher, the URL was refused). */
  | 'not-sent';

export interface CircuitChange {
  kind: 'opened' | 'reopened' | 'closed';
  failures: number;
  /** Set when opened or reopened. */
  openUntil?: number;
  coolDownMs?: number;
}

/** Gives the lane place back and updates the breaker; says when the circuit changed. */
export function settle(
  state: EndpointState,
  input: { holder: string; now: number; signal: AttemptSignal },
  rules: EndpointRules,
): { state: EndpointState; change?: CircuitChange } {
  const { holder, now, signal } = input;
  const next: EndpointState = { ...state, slots: liveSlots(state.slots, now) };
  delete next.slots[holder];
  const wasProbe = state.probe?.holder === holder;
  if (wasProbe) delete next.probe;
  if (signal === 'not-sent') return { state: next };

  if (signal === 'answered') {
    next.failures = 0;
    if (state.openUntil === undefined) return { state: next };
    delete next.openUntil;
    delete next.coolDownMs;
    delete next.probe;
    return { state: next, change: { kind: 'closed', failures: state.failures } };
  }

  next.failures = state.failures + 1;
  if (state.openUntil !== undefined) {
    // Attempts that were already in flight when the circuit opened do not reopen it; the probe does.
    if (!wasProbe) return { state: next };
    const coolDownMs = Math.min(rules.maxCoolDownMs, (state.coolDownMs ?? rules.coolDownMs) * 2);
    next.coolDownMs = coolDownMs;
    next.openUntil = now + coolDownMs;
    return {
      state: next,
      change: { kind: 'reopened', failures: next.failures, openUntil: next.openUntil, coolDownMs },
    };
  }
  if (next.failures < rules.failureThreshold) return { state: next };
  next.coolDownMs = rules.coolDownMs;
  next.openUntil = now + rules.coolDownMs;
  return {
    state: next,
    change: {
      kind: 'opened',
      failures: next.failures,
      openUntil: next.openUntil,
      coolDownMs: rules.coolDownMs,
    },
  };
}

/** The circuit as shown on a subscription's webhook and in the admin stats. */
export function circuitView(state: EndpointState, now: number) {
  if (state.openUntil === undefined) return { state: 'closed' as const, failures: state.failures };
  return {
    state: now < state.openUntil ? ('open' as const) : ('half-open' as const),
    failures: state.failures,
    openUntil: new Date(state.openUntil).toISOString(),
  };
}

function liveSlots(slots: Record<string, number>, now: number): Record<string, number> {
  const live: Record<string, number> = {};
  for (const [holder, until] of Object.entries(slots)) if (until > now) live[holder] = until;
  return live;
}
