/**
 * A webhook attempt's turn at its endpoint, as the dispatcher takes it: admission to the endpoint's
 * lane under its rate limit and circuit breaker (`EndpointControl`), the wait for the turn, the
 * report of how the attempt went, and what becomes of a delivery the endpoint cannot take now.
 */
import { randomUUID } from 'node:crypto';
import type { DeliveryInHand } from '../../model/delivery.js';
import type { Subscription } from '../../model/subscription.js';
import { DEFAULT_WEBHOOK_RATE_LIMIT } from '../../subscriptions/subscription-service.js';
import type { CircuitEvent, DispatcherDeps, DispatchResult } from '../dispatch/dispatch-deps.js';
import { endpointWaitDelay } from '../retry/endpoint-wait.js';
import { DEFAULT_ENDPOINT_RULES } from './endpoint-control.js';
import { type Admission, type AttemptSignal, endpointKey } from './endpoint-state.js';

/** The endpoint a delivery of this subscription's webhook goes to; none when it has no live webhook. */
export function webhookEndpoint(subscription: Subscription | undefined): string | undefined {
  const webhook = subscription?.status === 'active' ? subscription.webhook : undefined;
  return webhook && webhook.status !== 'disabled' ? endpointKey(webhook.url) : undefined;
}

/**
 * How much longer than an attempt a claim must hold for an endpoint that paces its attempts: the
 * longest wait for a turn under its rate limit. None without endpoint control.
 */
export function paceAllowanceMs(deps: DispatcherDeps, endpoint: string | undefined): number {
  return endpoint && deps.endpoints ? DEFAULT_ENDPOINT_RULES.maxPaceWaitMs : 0;
}

/** An attempt's place at its endpoint, once admitted. */
export interface EndpointTurn {
  kind: 'go';
  /** How long the rate limit made the attempt wait for its turn (0: none). */
  paceWaitMs: number;
  /** Waits for the turn and the spacing between sends; answers when the attempt starts. */
  wait(): Promise<Date>;
  /** Gives the lane place back and tells the breaker how the attempt went. */
  settle(signal: AttemptSignal, at: Date): Promise<void>;
}

/**
 * Asks the endpoint for a turn for this attempt. Taken after the claim, so a message that is not
 * due spends no turn. Without endpoint control (or for SMS and e-mail) every attempt goes at once.
 */
export async function takeEndpointTurn(
  deps: DispatcherDeps,
  input: {
    delivery: DeliveryInHand;
    subscription: Subscription;
    endpoint: string | undefined;
    now: Date;
    leaseMs: number;
  },
): Promise<EndpointTurn | Extract<Admission, { kind: 'wait' }>> {
  const { delivery, subscription, endpoint, now } = input;
  const endpoints = deps.endpoints;
  // An endpoint is named only for an active subscription's live webhook.
  const webhook = subscription.webhook;
  if (!endpoint || !webhook || !endpoints) {
    return { kind: 'go', paceWaitMs: 0, wait: async () => now, settle: async () => {} };
  }
  const holder = `${delivery.id}:${randomUUID().slice(0, 8)}`;
  const ratePerSecond = webhook.rateLimit ?? deps.defaultRateLimit ?? DEFAULT_WEBHOOK_RATE_LIMIT;
  const admission = await endpoints.admit(endpoint, { holder, now, leaseMs: input.leaseMs, ratePerSecond });
  if (admission.kind === 'wait') return admission;
  const paceWaitMs = Math.max(0, admission.sendAt - now.getTime());
  const sleep = deps.sleep ?? pause;
  return {
    kind: 'go',
    paceWaitMs,
    wait: async () => {
      // The rate limit gave this attempt a later turn: wait for it holding the lane place.
      if (paceWaitMs > 0) {
        let sendAt = admission.sendAt;
        const intervalMs = 1000 / ratePerSecond;
        for (let turns = 0; ; turns++) {
          await sleep(Math.max(0, sendAt - deps.clock().getTime()));
          const woke = deps.clock();
          // Woken well past the turn (the process stalled): take the next free one instead, so
          // attempts that wake together do not leave together.
          if (woke.getTime() - sendAt <= intervalMs / 2 || turns >= 3) break;
          sendAt = await endpoints.repace(endpoint, { now: woke, ratePerSecond });
        }
      }
      for (let spins = 0; spins < 50; spins++) {
        const waitMs = endpoints.spaceSend(endpoint, deps.clock().getTime(), ratePerSecond);
        if (waitMs <= 0) break;
        await sleep(waitMs);
      }
      return deps.clock();
    },
    settle: async (signal, at) => {
      const change = await endpoints.settle(endpoint, { holder, now: at, signal });
      if (change) await circuitChanged(deps, subscription, { ...change, endpoint, at: at.toISOString() });
    },
  };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The endpoint cannot take the attempt now. Nothing is attempted, so the retry budget is
 * untouched, and the claim is given back in the same write; a delivery held by an open circuit
 * says so in its record, and its subscription shows the circuit.
 */
export async function deferToEndpoint(
  deps: DispatcherDeps,
  delivery: DeliveryInHand,
  subscription: Subscription,
  admission: Extract<Admission, { kind: 'wait' }>,
  now: Date,
): Promise<DispatchResult> {
  const waitMs = Math.max(0, admission.untilMs - now.getTime());
  if (admission.reason === 'circuit-open') {
    const until = new Date(admission.untilMs).toISOString();
    await deps.deliveries.hold(delivery, {
      reason: 'circuit-open',
      since: delivery.heldBy?.since ?? now.toISOString(),
      until,
    });
    if (subscription.webhook && subscription.webhook.circuit?.probeAt !== until) {
      await deps.subscriptions.markCircuit(subscription.id, {
        state: 'open',
        failures: subscription.webhook.circuit?.failures ?? 0,
        openedAt: subscription.webhook.circuit?.openedAt ?? now.toISOString(),
        probeAt: until,
      });
      deps.subscriptionCache?.forget(subscription.id);
    }
    return { kind: 'retry', delayMs: endpointWaitDelay(admission.reason, waitMs) };
  }
  const delayMs = endpointWaitDelay(admission.reason, waitMs);
  if (delivery.leaseUntil) await deps.deliveries.release(delivery);
  // A delivery never attempted waits in the queue alone: it must be findable should the queue die
  // meanwhile (nothing is written where the queue is durable).
  if (delivery.attempts.length === 0)
    await deps.deliveries.deferNew(delivery, new Date(now.getTime() + delayMs));
  return { kind: 'retry', delayMs };
}

/** Shows the circuit on the subscription and tells whoever listens (metrics, operators). */
async function circuitChanged(
  deps: DispatcherDeps,
  subscription: Subscription,
  change: Omit<CircuitEvent, 'subscriptionId'>,
) {
  const event: CircuitEvent = { ...change, subscriptionId: subscription.id };
  if (event.kind === 'closed') {
    await deps.subscriptions.markCircuit(subscription.id, undefined);
  } else if (event.openUntil !== undefined) {
    await deps.subscriptions.markCircuit(subscription.id, {
      state: 'open',
      failures: event.failures,
      openedAt: subscription.webhook?.circuit?.openedAt ?? event.at,
      probeAt: new Date(event.openUntil).toISOString(),
    });
  }
  deps.subscriptionCache?.forget(subscription.id);
  deps.log?.({
    level: event.kind === 'closed' ? 'info' : 'warn',
    message: `endpoint circuit ${event.kind}`,
    ...event,
  });
  try {
    await deps.onCircuitChange?.(event);
  } catch (error) {
    deps.log?.({ level: 'warn', message: 'circuit notice failed', error: String(error) });
  }
}
